import DossierTesting
import Foundation
import Testing
import Varlink

/// SIGHUP re-reads the configuration file: another folder, other ignore rules, another log level,
/// with the cache kept.
@Suite(.serialized) struct ReloadTests {
    @Test func sighupAppliesANewConfigurationAndABrokenOneIsRefused() async throws {
        let fixture = try DaemonFixture()
        let other = fixture.work.subpath("other")
        try fixture.work.write("other/notes.txt", "Notes about glaciers in the other folder.")
        try fixture.work.write("other/debug.log", "A log about glaciers.")
        let config = fixture.work.subpath("dossierd.conf")
        try "# first\nroot = \(fixture.root)\nlog-level = info\n".write(
            toFile: config, atomically: true, encoding: .utf8)
        let daemon = try await fixture.start(arguments: ["--config", config])
        #expect(try fixture.paths() == [DaemonFixture.seedName])
        let log = daemon.log()
        #expect(!log.contains("debug dossierd"), "info level hides debug lines")

        try "root = \(other)\nignore = *.log\nlog-level = debug\n".write(
            toFile: config, atomically: true, encoding: .utf8)
        daemon.kill(signal: SIGHUP)
        try await waitUntil("the new folder to be indexed", timeout: .seconds(10)) {
            let status = try daemon.status()
            return status["root"]?.stringValue == other && (try? fixture.paths()) == ["notes.txt"]
        }
        #expect(daemon.isRunning)
        try "More glaciers.".write(toFile: other + "/more.txt", atomically: false, encoding: .utf8)
        try await waitUntil("a new file in the new folder", timeout: .seconds(5)) {
            try fixture.paths() == ["more.txt", "notes.txt"]
        }
        #expect(daemon.log().contains("configuration reloaded"))
        #expect(daemon.log().contains("debug dossierd"), "the debug level is in force")

        try "root = \(fixture.work.subpath("missing"))\n".write(toFile: config, atomically: true, encoding: .utf8)
        daemon.kill(signal: SIGHUP)
        try await waitUntil("the failed reload to be logged", timeout: .seconds(5)) {
            daemon.log().contains("reload failed")
        }
        #expect(try daemon.status()["root"]?.stringValue == other)
        #expect(daemon.isRunning)
        await fixture.tearDown()
    }
}
