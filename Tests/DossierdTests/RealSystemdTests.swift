import DossierTesting
import Foundation
import Testing
import Varlink

/// dossierd as a unit of the real systemd (booted as PID 1 in private namespaces): socket
/// activation, READY and STATUS, structured journal fields, reload, the watchdog, a clean stop.
@Suite(.serialized, .enabled(if: SystemdSandbox.isAvailable, "needs root and Debian's systemd to boot a sandbox"))
struct RealSystemdTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func install(into sandbox: SystemdSandbox) throws {
        let root = try sandbox.hostPath("/")
        let manager = FileManager.default
        // The binaries go where the unit expects them, inside the sandbox (its /tmp is private).
        for binary in ["dossierd", "dossier"] {
            let target = root + "/usr/local/bin/" + binary
            try? manager.removeItem(atPath: target)
            try manager.copyItem(atPath: DaemonProcess.executable(binary), toPath: target)
        }
        let units = Self.packageRoot.appendingPathComponent("systemd")
        for unit in ["dossierd.service", "dossierd.socket"] {
            try manager.copyItem(
                atPath: units.appendingPathComponent(unit).path, toPath: root + "/etc/systemd/system/" + unit)
        }
        // A short watchdog, so the test sees it fire.
        try manager.createDirectory(
            atPath: root + "/etc/systemd/system/dossierd.service.d", withIntermediateDirectories: true)
        try "[Service]\nWatchdogSec=2s\nRestartSec=100ms\n".write(
            toFile: root + "/etc/systemd/system/dossierd.service.d/test.conf", atomically: true, encoding: .utf8)
        for (source, target) in [
            ("dossier.sysusers.conf", "/etc/sysusers.d/dossier.conf"),
            ("dossier.tmpfiles.conf", "/etc/tmpfiles.d/dossier.conf"),
        ] {
            try manager.createDirectory(
                atPath: root + URL(fileURLWithPath: target).deletingLastPathComponent().path,
                withIntermediateDirectories: true)
            try manager.copyItem(atPath: units.appendingPathComponent(source).path, toPath: root + target)
        }
        #expect(try sandbox.run("systemd-sysusers", "/etc/sysusers.d/dossier.conf").status == 0)
        #expect(try sandbox.run("systemd-tmpfiles", "--create", "/etc/tmpfiles.d/dossier.conf").status == 0)
        try manager.copyItem(
            atPath: Self.packageRoot.appendingPathComponent("seeds/000_8ce81ff0f6d118bf.txt").path,
            toPath: root + "/srv/dossier/000_8ce81ff0f6d118bf.txt")
        // A PDF, read through pdftotext as a child of the hardened service.
        try Data(MinimalPDF.make(pages: [["Harbour report", "", "The ferries keep running from the north quay."]]))
            .write(to: URL(fileURLWithPath: root + "/srv/dossier/report.pdf"))
        // A picture of a letter, read by tesseract as a child of the hardened service.
        try MadeFiles.scannedPage(
            "Cyclists may bring their bicycles on board without charge.", at: root + "/srv/dossier/letter.png")
        #expect(try sandbox.run("systemctl", "daemon-reload").status == 0)
    }

    func ask(_ sandbox: SystemdSandbox) throws -> (status: Int32, output: String) {
        try sandbox.run(
            "/usr/local/bin/dossier", "ask", "--socket", "/run/dossier/io.dossier", "Is ISIS-K related to the Taliban?")
    }

    @Test func dossierdUnderTheRealSystemd() async throws {
        let work = try TemporaryDirectory(prefix: "dossier-systemd")
        defer { work.remove() }
        let sandbox = try SystemdSandbox(packageRoot: Self.packageRoot, directory: work.subpath("sandbox"))
        defer { sandbox.stop() }
        try install(into: sandbox)

        // Socket activation: the service starts on the first connection.
        #expect(try sandbox.run("systemctl", "start", "dossierd.socket").status == 0)
        #expect(try sandbox.property("ActiveState", of: "dossierd.service") == "inactive")
        // The sandbox boots beside the other suites, on two cores: its first answer may take a while.
        try await waitUntil(
            "an answer through the activated socket", timeout: .seconds(90), interval: .milliseconds(200)
        ) {
            try ask(sandbox).output.contains("the Haqqani network")
        }
        #expect(try sandbox.property("ActiveState", of: "dossierd.service") == "active")
        try await waitUntil("a status line", timeout: .seconds(10), interval: .milliseconds(200)) {
            try sandbox.property("StatusText", of: "dossierd.service").contains("3 documents, 0 pending")
        }

        // Structured journal entries, with priorities; no document text at info level.
        let journal = try sandbox.run("journalctl", "-o", "json", "-u", "dossierd.service", "--no-pager").output
        let entries = journal.split(separator: "\n").compactMap { try? JSONParser.parse(Array($0.utf8)) }
        let added = entries.first { $0["DOSSIER_EVENT"] == "added" && $0["DOSSIER_PATH"] == "000_8ce81ff0f6d118bf.txt" }
        #expect(added != nil)
        #expect(added?["PRIORITY"] == "6")
        #expect(added?["DOSSIER_DURATION_MS"] != nil)
        #expect(entries.contains { $0["DOSSIER_EVENT"] == "ready" })
        #expect(!journal.contains("Haqqani"), "document text must not reach the journal")
        let search = try sandbox.run(
            "/usr/local/bin/dossier", "search", "--socket", "/run/dossier/io.dossier", "ferries")
        #expect(search.output.contains("report.pdf"), "\(search.output)")
        let recognized = try sandbox.run(
            "/usr/local/bin/dossier", "search", "--socket", "/run/dossier/io.dossier", "bicycles")
        #expect(recognized.output.contains("letter.png"), "\(recognized.output)")

        // Reload re-reads the configuration file.
        let root = try sandbox.hostPath("/")
        try FileManager.default.createDirectory(atPath: root + "/etc/dossier", withIntermediateDirectories: true)
        try "log-level = debug\n".write(toFile: root + "/etc/dossier/dossierd.conf", atomically: true, encoding: .utf8)
        #expect(try sandbox.run("systemctl", "reload", "dossierd.service").status == 0)
        try await waitUntil("the reload to be logged", timeout: .seconds(10), interval: .milliseconds(200)) {
            try sandbox.run("journalctl", "-o", "json", "-u", "dossierd.service", "--no-pager").output
                .contains("\"DOSSIER_EVENT\":\"reloaded\"")
        }
        #expect(try sandbox.property("ActiveState", of: "dossierd.service") == "active")

        // The watchdog: a daemon that stops answering is killed and started again.
        #expect(try sandbox.run("systemctl", "kill", "--signal=SIGSTOP", "dossierd.service").status == 0)
        try await waitUntil("the watchdog to restart dossierd", timeout: .seconds(30), interval: .milliseconds(200)) {
            try sandbox.property("NRestarts", of: "dossierd.service") == "1"
                && sandbox.property("ActiveState", of: "dossierd.service") == "active"
        }
        try await waitUntil("answers after the restart", timeout: .seconds(30), interval: .milliseconds(200)) {
            try ask(sandbox).output.contains("the Haqqani network")
        }

        // A clean stop.
        #expect(try sandbox.run("systemctl", "stop", "dossierd.service").status == 0)
        #expect(try sandbox.property("Result", of: "dossierd.service") == "success")
        #expect(try sandbox.property("ExecMainStatus", of: "dossierd.service") == "0")
    }
}
