import DossierTesting
import Foundation
import Synchronization
import Testing
import Varlink

/// Many clients at once, clients that stall, and queries during a bulk ingest.
@Suite(.serialized) struct LoadTests {
    /// The daemon's resident memory, in MiB.
    static func residentMegabytes(_ pid: Int32) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }

    /// Lets this process hold `count` descriptors.
    static func allowDescriptors(_ count: Int) {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < rlim_t(count) {
            limit.rlim_cur = min(limit.rlim_max, rlim_t(count))
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
    }

    @Test func aThousandConnectionsAtOnceAreAllAnswered() async throws {
        Self.allowDescriptors(4096)
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        var clients: [VarlinkClient] = []
        for _ in 0..<1000 { clients.append(try VarlinkClient(path: daemon.socketPath, timeout: .seconds(60))) }
        for client in clients { try client.send(VarlinkCall(method: "io.dossier.Status")) }
        var answered = 0
        for client in clients where try client.receive().parameters["status"]?["documents"] == 1 { answered += 1 }
        #expect(answered == 1000)
        clients.removeAll()
        #expect(try daemon.status()["documents"] == 1)
        await fixture.tearDown()
    }

    /// What the querying clients saw.
    final class Tally: Sendable {
        let answered = Atomic<Int>(0)
        let failed = Mutex<[String]>([])
        let stop = Atomic<Bool>(false)
    }

    @Test func clientsAreAnsweredWhileDocumentsArriveAndSlowClientsStall() async throws {
        Self.allowDescriptors(4096)
        let fixture = try DaemonFixture()
        // Ten seconds: the querying clients are never idle that long between a reply and their next
        // call, even on a machine so loaded that a thread waits seconds for its turn (two seconds
        // were not enough once); the stalled ones are, long before 5,000 documents are indexed.
        let daemon = try await fixture.start(arguments: ["--idle-timeout", "10"])
        // Clients that send half a message and stall.
        var stalled: [VarlinkClient] = []
        for _ in 0..<16 {
            let client = try VarlinkClient(path: daemon.socketPath, timeout: .seconds(20))
            try client.sendRaw(Array(#"{"method":"io.dossier.Sta"#.utf8))
            stalled.append(client)
        }
        // 5,000 documents, written aside and moved in folder by folder, as a bulk copy would.
        let folders = 50
        for folder in 0..<folders {
            for index in 0..<100 {
                let number = folder * 100 + index
                try fixture.work.write(
                    "staging/batch-\(folder)/note-\(number).txt",
                    "Note \(number)\n\nThe harbour council met about note \(number) and the river. Token n\(number)z.\n"
                )
            }
        }
        let tally = Tally()
        let clients = DispatchGroup()
        let socket = daemon.socketPath
        for worker in 0..<32 {
            clients.enter()
            Thread.detachNewThread {
                defer { clients.leave() }
                let calls: [(String, [String: JSONValue])] = [
                    ("io.dossier.Status", [:]), ("io.dossier.Search", ["query": "harbour river", "limit": 5]),
                    ("io.dossier.ListDocuments", ["limit": 20]),
                    ("io.dossier.Search", ["query": "\"harbour council\" -river"]),
                ]
                do {
                    let client = try VarlinkClient(path: socket, timeout: .seconds(60))
                    var turn = worker
                    while !tally.stop.load(ordering: .relaxed) {
                        let (method, parameters) = calls[turn % calls.count]
                        turn += 1
                        let reply = try client.call(method, parameters)
                        if let error = reply.error {
                            tally.failed.withLock { $0.append("\(method): \(error)") }
                        } else {
                            tally.answered.add(1, ordering: .relaxed)
                        }
                    }
                } catch {
                    tally.failed.withLock { $0.append("client \(worker): \(error)") }
                }
            }
        }
        for folder in 0..<folders {
            try FileManager.default.moveItem(
                atPath: fixture.work.subpath("staging/batch-\(folder)"), toPath: fixture.root + "/batch-\(folder)")
        }
        var peak = 0
        try await waitUntil("5,000 documents to be indexed", timeout: .seconds(600), interval: .milliseconds(250)) {
            peak = max(peak, Self.residentMegabytes(daemon.processIdentifier))
            let status = try daemon.status()
            return status["documents"] == 5001 && status["pending"] == 0
        }
        tally.stop.store(true, ordering: .relaxed)
        clients.wait()
        #expect(tally.failed.withLock { $0 } == [])
        #expect(tally.answered.load(ordering: .relaxed) >= 32)
        // Memory stays bounded (a debug build, with its larger code and no optimisation).
        #expect(peak > 0 && peak < 400, "peak RSS \(peak) MiB")
        // The stalled clients were cut off, not served forever: closed by the idle timeout, or
        // told first that their message did not end in time (both fall due after 10 s).
        for client in stalled {
            let first = Result { try client.receive() }
            if case .success(let reply) = first {
                #expect(reply.error == VarlinkError.invalidMessageName, "\(reply)")
                #expect(reply.parameters["reason"]?.stringValue?.contains("not completed within") == true)
            }
            let closing = first.flatMap { _ in Result { try client.receive() } }
            guard case .failure(let error) = closing else {
                Issue.record("a stalled client was served: \(closing)")
                continue
            }
            #expect((error as? VarlinkClient.Failure)?.code == .closed, "\(error)")
        }
        #expect(try fixture.searchPaths("n4999z") == ["batch-49/note-4999.txt"])
        await fixture.tearDown()
    }
}
