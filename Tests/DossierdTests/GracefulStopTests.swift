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
        // A loaded machine may take longer than a client's usual 20 s between two answers here.
        let busy = try VarlinkClient(path: daemon.socketPath, timeout: .seconds(90))
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
        try Self.expectClosedCleanly(daemon)
        await fixture.tearDown()
    }

    /// After a clean exit the cache is one file: its write-ahead log folded in and removed.
    static func expectClosedCleanly(_ daemon: DaemonProcess, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let cache = daemon.cachePath
        for suffix in ["-wal", "-shm"] {
            #expect(
                !FileManager.default.fileExists(atPath: cache + suffix), "\(suffix) left behind",
                sourceLocation: sourceLocation)
        }
        let (status, output) = try runCommand(["sqlite3", cache, "PRAGMA integrity_check"])
        #expect(
            status == 0 && output.trimmingCharacters(in: .whitespacesAndNewlines) == "ok", "\(output)",
            sourceLocation: sourceLocation)
    }

    /// Writes `count` documents into `folder`.
    static func writeDocuments(_ count: Int, into fixture: DaemonFixture, prefix: String) throws {
        for number in 0..<count {
            let text = (0..<60).map { "harbour\(($0 * 7 + number) % 89) ferry" }.joined(separator: " ")
            try fixture.write("\(prefix)\(number).txt", "Ferry notes \(number)\n\n\(text).\n")
        }
    }

    /// A stop during the first comparison of the folder with the cache: the batch under way is
    /// written whole or not at all, the cache is closed cleanly, and the next start finishes the job.
    @Test func aStopDuringTheFirstScanClosesTheCacheCleanly() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        try Self.writeDocuments(1500, into: fixture, prefix: "scan")
        let daemon = try DaemonProcess(root: fixture.root, workDirectory: fixture.work.path)
        try await waitUntil("the first scan to be under way", timeout: .seconds(30)) {
            guard let status = try? daemon.status() else { return false }
            return status["initialScanComplete"] == false && status["documents"]?.intValue ?? 0 > 0
        }
        try await daemon.stop(timeout: .seconds(20))
        #expect(daemon.terminationStatus == 0, "\(daemon.log())")
        try Self.expectClosedCleanly(daemon)
        // The next start finishes the first scan, however long the machine takes for it.
        let again = try DaemonProcess(root: fixture.root, workDirectory: fixture.work.path)
        try await again.waitUntilReady(timeout: .seconds(180))
        try await again.waitUntilIdle(timeout: .seconds(120))
        #expect(try again.status()["documents"] == 1500)
        try await again.stop(timeout: .seconds(20))
        await fixture.tearDown()
    }

    /// A stop while a bulk copy is being written.
    @Test func aStopDuringAWriteBatchClosesTheCacheCleanly() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        try Self.writeDocuments(2000, into: fixture, prefix: "copy")
        try await waitUntil("the copy's documents to be written", timeout: .seconds(30)) {
            try daemon.status()["documents"]?.intValue ?? 0 > 1
        }
        try await daemon.stop(timeout: .seconds(20))
        #expect(daemon.terminationStatus == 0, "\(daemon.log())")
        try Self.expectClosedCleanly(daemon)
        await fixture.tearDown()
    }
}
