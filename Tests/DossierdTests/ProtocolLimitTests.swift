import DossierTesting
import Foundation
import Testing
import Varlink

/// Streaming, oneway calls, and the limits that keep one client from starving the others.
@Suite(.serialized) struct ProtocolLimitTests {
    @Test func subscribeStreamsChangesAndResumesFromAGeneration() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()

        let withoutMore = try daemon.call("Subscribe")
        #expect(withoutMore.error == "org.varlink.service.ExpectedMore")

        let client = try daemon.client()
        try client.send(VarlinkCall(method: "io.dossier.Subscribe", more: true))
        let first = try client.receive()
        #expect(first.continues)
        #expect(first.parameters["generation"] == 1)
        #expect(first.parameters["change"] == nil)

        // Whole when it appears: written in place, the file could be read half written, and the
        // rest of the write then come as an update after the moves below.
        try "Alpha.".write(toFile: fixture.work.subpath("a.txt"), atomically: false, encoding: .utf8)
        try FileManager.default.moveItem(atPath: fixture.work.subpath("a.txt"), toPath: fixture.root + "/a.txt")
        var reply = try client.receive()
        #expect(reply.continues)
        #expect(reply.parameters["generation"] == 2)
        #expect(reply.parameters["change"] == ["kind": "added", "path": "a.txt"])
        try FileManager.default.moveItem(atPath: fixture.root + "/a.txt", toPath: fixture.root + "/b.txt")
        reply = try client.receive()
        #expect(reply.parameters["change"] == ["kind": "moved", "path": "b.txt", "previousPath": "a.txt"])
        try FileManager.default.removeItem(atPath: fixture.root + "/b.txt")
        reply = try client.receive()
        #expect(reply.parameters["change"] == ["kind": "removed", "path": "b.txt"])

        // A client that saw generation 2 resumes and gets what came after, in order.
        let resumed = try daemon.client()
        try resumed.send(VarlinkCall(method: "io.dossier.Subscribe", parameters: ["since": 2], more: true))
        #expect(try resumed.receive().parameters["generation"] == 4)
        #expect(try resumed.receive().parameters["generation"] == 3)
        #expect(try resumed.receive().parameters["generation"] == 4)

        let future = try daemon.client()
        try future.send(VarlinkCall(method: "io.dossier.Subscribe", parameters: ["since": 99], more: true))
        _ = try future.receive()
        #expect(try future.receive().error == "io.dossier.GenerationUnknown")
        await fixture.tearDown()
    }

    @Test func aSubscriberThatHangsUpIsForgottenWithoutWaitingForAChange() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        var client: VarlinkClient? = try daemon.client()
        try client?.send(VarlinkCall(method: "io.dossier.Subscribe", more: true))
        #expect(try client?.receive().continues == true)
        #expect(try daemon.status()["subscribers"] == 1)
        client = nil  // closes the connection
        try await waitUntil("the subscription to end", timeout: .seconds(10)) {
            try daemon.status()["subscribers"] == 0
        }
        // The feed still works for the next client.
        let next = try daemon.client()
        try next.send(VarlinkCall(method: "io.dossier.Subscribe", more: true))
        _ = try next.receive()
        try fixture.write("a.txt", "Alpha.")
        #expect(try next.receive().parameters["change"]?["path"] == "a.txt")
        await fixture.tearDown()
    }

    @Test func onewayCallsGetNoReply() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        let client = try daemon.client()
        try client.send(VarlinkCall(method: "io.dossier.Reindex", oneway: true))
        try client.send(VarlinkCall(method: "org.varlink.service.GetInfo"))
        #expect(try client.receive().parameters["product"] == "dossierd")
        await fixture.tearDown()
    }

    @Test func aMessageOverTheSizeLimitIsAnsweredThenClosed() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        let client = try daemon.client()
        let huge =
            #"{"method":"io.dossier.Search","parameters":{"query":""# + String(repeating: "a", count: 17 * 1024 * 1024)
        try? client.sendRaw(Array(huge.utf8))
        let reply = try client.receive()
        #expect(reply.error == VarlinkError.invalidMessageName)
        #expect(reply.parameters["reason"]?.stringValue?.contains("larger than") == true)
        #expect(throws: VarlinkClient.Failure.self) { try client.receive() }
        #expect(try daemon.status()["documents"] == 1)
        await fixture.tearDown()
    }

    @Test func aConnectionOverTheLimitIsRefusedWithAReason() async throws {
        let fixture = try DaemonFixture()
        // No idle timeout here: on a slow machine the three connections could otherwise be closed
        // as idle before the fourth is made.
        let daemon = try await fixture.start(arguments: ["--max-connections-per-user", "3"])
        // Three connections are served; a fourth from the same user is refused with a reason. The
        // connections the fixture made while it waited for the daemon count until the daemon has
        // seen them close, so a connection refused here (with a reason, or closed before the call
        // was written) is tried again until three are served.
        var kept: [VarlinkClient] = []
        try await waitUntil("three connections to be served", timeout: .seconds(10)) {
            let client = try daemon.client()
            if let reply = try? client.call("io.dossier.Status"), reply.error == nil { kept.append(client) }
            return kept.count == 3
        }
        let refused = try daemon.client()
        // The daemon may have answered and closed before the call is written: its reason is read all the same.
        try? refused.send(VarlinkCall(method: "io.dossier.Status"))
        let reply = try refused.receive()
        #expect(reply.error == VarlinkError.invalidMessageName)
        #expect(reply.parameters["reason"]?.stringValue?.contains("too many connections") == true)
        // With one closed (a client closes its connection when it goes), there is room again.
        kept.removeLast()
        try await waitUntil("a new connection to be served", timeout: .seconds(10)) {
            (try? daemon.call("Status"))?.error == nil
        }
        await fixture.tearDown()
    }

    @Test func idleConnectionsAreClosedButNotASubscriber() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start(arguments: ["--max-connections-per-user", "3", "--idle-timeout", "2"])
        // Subscribing at once: a subscriber waiting for changes is not idle.
        let subscriber = try VarlinkClient(path: daemon.socketPath, timeout: .seconds(20))
        try subscriber.send(VarlinkCall(method: "io.dossier.Subscribe", more: true))
        _ = try subscriber.receive()
        let idle = try VarlinkClient(path: daemon.socketPath, timeout: .milliseconds(100))
        try await waitUntil("the idle connection to be closed", timeout: .seconds(10)) {
            do {
                _ = try idle.receiveMessage()
                return false
            } catch let failure as VarlinkClient.Failure {
                return failure.code == .closed
            }
        }
        try fixture.write("late.txt", "Written after the idle timeout.")
        #expect(try subscriber.receive().parameters["change"]?["path"] == "late.txt")
        await fixture.tearDown()
    }
}
