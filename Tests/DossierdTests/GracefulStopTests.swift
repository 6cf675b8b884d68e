import DossierTesting
import Foundation
import Testing
import Varlink

/// SIGTERM (`systemctl stop`) while clients are mid-call, mid-stream and idle: every call in
/// progress gets its whole reply, every stream a last reply that says the daemon is stopping,
/// every connection a clean close, and the daemon exits 0.
@Suite(.serialized) struct GracefulStopTests {
    static func next(_ client: VarlinkClient) -> Result<VarlinkReply, VarlinkClient.Failure> {
        do {
            return .success(try client.receive())
        } catch {
            return .failure(error)
        }
    }

    @Test func aStopFinishesCallsEndsStreamsAndClosesCleanly() async throws {
        let fixture = try DaemonFixture()
        for number in 0..<150 {
            let text = (0..<120).map { "harbour\(($0 * 13 + number) % 97) ferry council" }.joined(separator: " ")
            try fixture.write("doc\(number).txt", "Harbour notes \(number)\n\n\(text).\n")
        }
        let daemon = try await fixture.start()
        try await daemon.waitUntilIdle()

        let subscriber = try daemon.client()
        try subscriber.send(VarlinkCall(method: "io.dossier.Subscribe", more: true))
        let first = try subscriber.receive()
        #expect(first.continues)
        let idle = try daemon.client()
        let busy = try daemon.client()
        let calls = 40
        for number in 0..<calls {
            try busy.send(
                VarlinkCall(
                    method: "io.dossier.Ask",
                    parameters: ["question": .string("Why did the council close harbour\(number % 97) ferry?")]))
        }
        // The first answer is out: the daemon is mid-way through the others.
        #expect(try busy.receive().error == nil)

        daemon.kill(signal: SIGTERM)

        // Each call answered before the close is answered whole; then the connection closes cleanly.
        var answered = 1
        var ending: VarlinkClient.Failure?
        while ending == nil {
            switch Self.next(busy) {
            case .success(let reply):
                #expect(reply.error == nil, "\(reply)")
                answered += 1
            case .failure(let failure):
                ending = failure
            }
        }
        #expect(ending?.code == .closed, "closed at a message's end: \(String(describing: ending))")
        #expect(answered >= 1 && answered <= calls)

        let last = try subscriber.receive()
        #expect(!last.continues, "the stream ends")
        #expect(last.parameters["stopping"] == true)
        #expect(last.parameters["generation"] == first.parameters["generation"])
        for client in [subscriber, idle] {
            guard case .failure(let failure) = Self.next(client) else {
                Issue.record("a reply after the stream's last")
                continue
            }
            #expect(failure.code == .closed, "closed at a message's end: \(failure)")
        }
        try await waitUntil("dossierd to exit", timeout: .seconds(15)) { !daemon.isRunning }
        #expect(daemon.terminationStatus == 0, "\(daemon.log())")
        #expect(daemon.log().contains("stopping"))
        // Stopped, it takes no new connection.
        #expect(throws: VarlinkClient.Failure.self) { _ = try daemon.client() }
        await fixture.tearDown()
    }
}
