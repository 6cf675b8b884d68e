import DossierTesting
import Foundation
import Testing
import Varlink

/// The `dossier` command against a real daemon: human output, JSON, exit codes.
@Suite(.serialized) struct CommandLineTests {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    func dossier(_ arguments: [String], socket: String?, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DaemonProcess.executable("dossier"))
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["DOSSIER_SOCKET"] = socket
        env["XDG_RUNTIME_DIR"] = "/nonexistent"
        process.environment = env.merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            error: String(decoding: err, as: UTF8.self))
    }

    @Test func humanAndJSONOutputAndExitCodes() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        let socket = daemon.socketPath

        var result = try dossier(["ask", "Is ISIS-K related to the Taliban?"], socket: socket)
        #expect(result.status == 0)
        #expect(result.output.contains("the Haqqani network"))
        #expect(result.output.contains("— \(DaemonFixture.seedName), \"Is ISIS-K related to the Taliban?\""))
        #expect(!result.output.contains("\u{1B}["), "no escape codes when not on a terminal")

        result = try dossier(["status"], socket: socket)
        #expect(result.status == 0)
        #expect(result.output.contains("documents    1"))

        // Two names together: every sentence that names both.
        result = try dossier(["related", "Taliban", "--with", "isis-k", "--limit", "100"], socket: socket)
        #expect(result.status == 0)
        let pair = result.output.split(separator: "\n").map(String.init)
        #expect(pair.first?.hasPrefix("Taliban") == true)
        #expect(pair.filter { $0.hasPrefix("  ") && $0.contains("× ") }.count == 1, "one relation")
        let weight =
            Int(
                pair.first { $0.contains("× ") }?.split(separator: "×").first?.trimmingCharacters(in: .whitespaces)
                    ?? "") ?? 0
        #expect(weight >= 5)
        #expect(pair.filter { $0.contains("(\(DaemonFixture.seedName))") }.count == weight, "a line a sentence")

        result = try dossier(["--json", "status"], socket: socket)
        let status = try JSONParser.parse(Array(result.output.utf8))
        #expect(status["status"]?["documents"] == 1)

        result = try dossier(["search", "haqqani", "network", "--limit", "1"], socket: socket)
        #expect(result.output.contains("Why does ISIS-K confront the Taliban?"))
        #expect(result.output.contains("Haqqani"))
        #expect(!result.output.contains("**"))

        result = try dossier(["docs", "--json"], socket: socket)
        #expect(try JSONParser.parse(Array(result.output.utf8))["total"] == 1)

        result = try dossier(["show", fixture.root + "/" + DaemonFixture.seedName], socket: socket)
        #expect(result.output.hasPrefix("Why does ISIS-K confront the Taliban?"))
        #expect(result.output.contains("## Why is ISIS-K so hostile to the Taliban?"))
        #expect(result.output.contains("numbers: dozens of people"))

        result = try dossier(["show", "missing.txt"], socket: socket)
        #expect(result.status == 2)
        #expect(result.error.contains("no document at missing.txt"))

        result = try dossier(["show", "/etc/passwd"], socket: socket)
        #expect(result.status == 1)

        result = try dossier(["ask", "What is the boiling point of mercury?"], socket: socket)
        #expect(result.status == 2)
        #expect(result.output.contains("Nothing in the documents answers that."))

        result = try dossier(["search", "kabul", "(airport"], socket: socket)
        #expect(result.status == 1)
        #expect(result.error.contains("this parenthesis is never closed at column 7:\n  kabul (airport\n        ^"))

        result = try dossier(["similar", DaemonFixture.seedName], socket: socket)
        #expect(result.status == 0)
        #expect(result.output.contains("No document is like"))

        result = try dossier(["search", "--limit", "many", "x"], socket: socket)
        #expect(result.status == 64)

        result = try dossier(["status"], socket: fixture.work.subpath("nobody-listens"))
        #expect(result.status == 69)
        #expect(result.error.contains("cannot reach dossierd"))

        result = try dossier(["status", "--wait", "--json"], socket: socket)
        #expect(result.status == 0)
        await fixture.tearDown()
    }

    /// A log of thousands of numbers shows the first few and how many more.
    /// A file's name (and anything else from the folder) may hold escape sequences: people see
    /// them as U+FFFD, never sent to their terminal; JSON escapes them.
    @Test func controlCharactersFromTheFolderNeverReachTheTerminal() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        let daemon = try await fixture.start()
        let hostile = "notes\u{1B}]0;owned\u{07}\u{1B}[2J\u{9B}31m.txt"
        try fixture.write(hostile, "Marmalade\n\nThe marmalade recipe calls for Seville oranges.\n")
        try await waitUntil("the file to be indexed") {
            try daemon.call("Search", ["query": "seville"]).parameters["total"] == 1
        }
        for arguments in [["docs"], ["search", "marmalade"], ["ask", "What does the recipe call for?"]] {
            let result = try dossier(arguments, socket: daemon.socketPath)
            #expect(result.status == 0, "\(arguments): \(result.error)")
            let shown = "notes\u{FFFD}]0;owned\u{FFFD}\u{FFFD}[2J\u{FFFD}31m.txt"
            #expect(result.output.contains(shown), "\(result.output)")
            #expect(!result.output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{9B}" })
        }
        let json = try dossier(["--json", "docs"], socket: daemon.socketPath)
        #expect(json.output.contains("\\u001b]0;owned"), "\(json.output)")
        #expect(!json.output.unicodeScalars.contains { $0 == "\u{1B}" })
        await fixture.tearDown()
    }

    @Test func showCapsItsListsAndJSONHasThemAll() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        let lines = (1...400).map { "Batch \($0) weighed \($0 * 7) kilograms at the north quay." }
        try fixture.write("log.txt", lines.joined(separator: "\n"))
        let daemon = try await fixture.start()
        try await daemon.waitUntilIdle()
        var result = try dossier(["show", "log.txt"], socket: daemon.socketPath)
        #expect(result.status == 0)
        let numbers = try #require(result.output.range(of: "numbers: ")).upperBound
        let list = result.output[numbers...].prefix(2_000)
        #expect(list.contains(/,\s+and \d+ more/), "\(list.prefix(600))")
        #expect(result.output.utf8.count < 40_000, "the text itself, and short lists")
        result = try dossier(["--json", "show", "log.txt"], socket: daemon.socketPath)
        let json = try JSONParser.parse(Array(result.output.utf8))
        #expect((json["document"]?["numbers"]?.arrayValue?.count ?? 0) > 20)
        await fixture.tearDown()
    }

    @Test func followPrintsOneJSONObjectPerChange() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DaemonProcess.executable("dossier"))
        process.arguments = ["follow", "--json", "--socket", daemon.socketPath, "--since", "0"]
        let output = fixture.work.subpath("follow.out")
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: output)
        try process.run()
        defer { process.terminate() }
        func lines(atLeast count: Int) async throws -> [Substring] {
            try await waitFor("\(count) lines", timeout: .seconds(10)) { () -> [Substring]? in
                let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
                let lines = text.split(separator: "\n")
                return lines.count >= count ? lines : nil
            }
        }
        _ = try await lines(atLeast: 2)
        try fixture.write("new.txt", "Fresh text.")
        let lines = try await lines(atLeast: 3)
        let parsed = try lines.map { try JSONParser.parse(Array($0.utf8)) }
        #expect(parsed[0]["generation"] == 1)
        #expect(parsed[1]["change"]?["path"]?.stringValue == DaemonFixture.seedName)
        #expect(parsed[2]["change"] == ["kind": "added", "path": "new.txt"])
        await fixture.tearDown()
    }
}
