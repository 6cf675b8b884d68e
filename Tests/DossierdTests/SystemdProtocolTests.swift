import DossierTesting
import Foundation
import Testing
import Varlink

#if canImport(Glibc)
    import Glibc
#endif

/// The systemd protocol without systemd: our own notify socket, our own listening socket on fd 3.
@Suite(.serialized) struct SystemdProtocolTests {
    @Test func readyAndStatusAreSentToNotifySocket() async throws {
        let fixture = try DaemonFixture()
        let notifySocket = fixture.work.subpath("notify")
        let receiver = try DatagramReceiver(path: notifySocket)
        let daemon = try DaemonProcess(
            root: fixture.root, workDirectory: fixture.work.path, environment: ["NOTIFY_SOCKET": notifySocket])
        var messages: [String] = []
        try await waitUntil("READY=1 and a STATUS= line", timeout: .seconds(15)) {
            messages += receiver.receiveAvailable()
            return messages.contains { $0.contains("READY=1") }
                && messages.contains {
                    $0.split(separator: "\n").contains { $0.hasPrefix("STATUS=") && $0.contains("documents") }
                }
        }
        // READY comes only once the socket answers.
        #expect(try daemon.status()["root"]?.stringValue == fixture.root)
        try await daemon.stop()
        messages += receiver.receiveAvailable()
        #expect(messages.contains { $0.contains("STOPPING=1") })
        await fixture.tearDown()
    }

    @Test func aSocketPassedAsFileDescriptor3IsServed() async throws {
        let fixture = try DaemonFixture()
        let socketPath = fixture.work.subpath("activated.sock")
        // A launcher that binds and listens, puts the socket on fd 3 and execs dossierd with
        // LISTEN_FDS=1 and LISTEN_PID set to its own pid (which exec keeps), as systemd does.
        let launcher = """
            import os, socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(sys.argv[1]); s.listen(64)
            os.dup2(s.fileno(), 3); os.set_inheritable(3, True)
            os.environ["LISTEN_FDS"] = "1"; os.environ["LISTEN_PID"] = str(os.getpid())
            os.execv(sys.argv[2], sys.argv[2:])
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c", launcher, socketPath, DaemonProcess.executable("dossierd"),
            "--root", fixture.root, "--state-dir", fixture.work.subpath("state"), "--cache-dir",
            fixture.work.subpath("cache"),
        ]
        let log = fixture.work.subpath("activated.log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: log)
        try process.run()
        defer {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        let status = try await waitFor("an answer on the inherited socket", timeout: .seconds(15)) {
            () -> [String: JSONValue]? in
            guard process.isRunning else {
                throw DaemonExited(log: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
            }
            guard let client = try? VarlinkClient(path: socketPath, timeout: .seconds(5)),
                let reply = try? client.call("io.dossier.Status"),
                let status = reply.parameters["status"]?.objectValue,
                status["initialScanComplete"]?.boolValue == true
            else { return nil }
            return status
        }
        #expect(
            status["documents"]?.intValue == 1,
            "status \(status), log: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
        kill(process.processIdentifier, SIGTERM)
        try await waitUntil("dossierd to stop", timeout: .seconds(10)) { !process.isRunning }
        #expect(process.terminationStatus == 0)
        // The socket belongs to whoever passed it: dossierd leaves the file alone.
        #expect(FileManager.default.fileExists(atPath: socketPath))
        await fixture.tearDown()
    }
}
