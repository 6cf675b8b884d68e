import DossierTesting
import Foundation
import Testing
import Varlink

@testable import DossierService

/// The real dossierd binary on a temporary folder, over its real socket.
@Suite(.serialized) struct DaemonIntegrationTests {
    @Test func initialDocumentsAreFoundAndTheSeedQuestionIsAnswered() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()

        #expect(try fixture.paths() == [DaemonFixture.seedName])
        let status = try daemon.status()
        #expect(status["documents"]?.intValue == 1)
        #expect(status["root"]?.stringValue == fixture.root)
        #expect(status["version"]?.stringValue?.isEmpty == false)
        #expect(status["generation"]?.intValue == 1)

        let reply = try daemon.call("Ask", ["question": "Is ISIS-K related to the Taliban?"])
        let best = try #require(reply.parameters["answers"]?.arrayValue?.first)
        #expect(best["path"]?.stringValue == DaemonFixture.seedName)
        #expect(best["heading"]?.stringValue == "Is ISIS-K related to the Taliban?")
        #expect(best["title"]?.stringValue == "Why does ISIS-K confront the Taliban?")
        let text = try #require(best["text"]?.stringValue)
        #expect(text.hasPrefix("Indirectly related. According to the researchers"))
        let context = Array(try #require(best["context"]?.stringValue).unicodeScalars)
        let start = Int(try #require(best["span"]?["start"]?.intValue))
        let end = Int(try #require(best["span"]?["end"]?.intValue))
        #expect(String(String.UnicodeScalarView(context[start..<end])) == text)
        #expect((best["score"]?.doubleValue ?? 0) > 0.3 && (best["score"]?.doubleValue ?? 2) <= 1)
        #expect(reply.parameters["expects"] == "polar")

        let unanswerable = try daemon.call("Ask", ["question": "What is the boiling point of mercury?"])
        #expect(unanswerable.parameters["answers"] == [])

        let document = try daemon.call("GetDocument", ["path": .string(DaemonFixture.seedName)])
            .parameters["document"]
        #expect(document?["category"]?.stringValue == "World")
        #expect(document?["sections"]?.arrayValue?.count == 3)
        await fixture.tearDown()
    }

    @Test func similarDocumentsShareWordsAndNames() async throws {
        let fixture = try DaemonFixture()
        try fixture.write(
            "kabul.txt",
            "Kabul after the attack\n\nThe Taliban blamed ISIS-K for the suicide attack at Kabul airport, "
                + "and said the Haqqani network would hunt down the attackers.\n")
        try fixture.write("bread.txt", "Bread\n\nKnead the dough, let it rise, and bake it in a hot oven.\n")
        let daemon = try await fixture.start()
        let reply = try daemon.call("Similar", ["path": .string(fixture.root + "/" + DaemonFixture.seedName)])
        let similar = try #require(reply.parameters["similar"]?.arrayValue)
        #expect(similar.first?["path"] == "kabul.txt")
        #expect(similar.first?["terms"]?.arrayValue?.contains("taliban") == true)
        #expect(similar.first?["entities"]?.arrayValue?.contains("Taliban") == true)
        #expect(!similar.contains { $0["path"] == "bread.txt" })
        #expect(try daemon.call("Similar", ["path": "missing.txt"]).error == "io.dossier.DocumentNotFound")
        #expect(try daemon.call("Similar", ["path": "../x"]).error == "io.dossier.InvalidPath")
        await fixture.tearDown()
    }

    @Test func aDroppedFileBecomesSearchableEditedReplacedAndDeletedGone() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()

        try fixture.write("zebra.md", "# Zebras\n\nZebras graze on the savanna near Nairobi.\n")
        try await waitUntil("the new file to be searchable", timeout: .seconds(5)) {
            try fixture.searchPaths("savanna") == ["zebra.md"]
        }

        try fixture.write("zebra.md", "# Zebras\n\nZebras now roam the highlands of Ethiopia.\n")
        try await waitUntil("the edit to replace the old text", timeout: .seconds(5)) {
            try fixture.searchPaths("highlands") == ["zebra.md"]
        }
        #expect(try fixture.searchPaths("savanna").isEmpty)

        try FileManager.default.removeItem(atPath: fixture.root + "/zebra.md")
        try await waitUntil("the deleted file to disappear", timeout: .seconds(5)) {
            try fixture.paths() == [DaemonFixture.seedName]
        }
        #expect(try fixture.searchPaths("highlands").isEmpty)
        #expect(daemon.isRunning)
        await fixture.tearDown()
    }

    @Test func filesInANewSubfolderAreFoundAndARenameKeepsTheDocument() async throws {
        let fixture = try DaemonFixture(withSeed: false)
        let daemon = try await fixture.start()
        try FileManager.default.createDirectory(atPath: fixture.root + "/notes/2024", withIntermediateDirectories: true)
        try fixture.write("notes/2024/walrus.txt", "Walruses haul out on sea ice in the Arctic.")
        // Its words, not only its path: the scan of the new folder may have found it still empty,
        // and then its closing, which reads it again, is yet to come.
        try await waitUntil("the file in a new folder to be indexed", timeout: .seconds(5)) {
            try fixture.searchPaths("walruses arctic") == ["notes/2024/walrus.txt"]
        }
        try await daemon.waitUntilIdle()
        let read = try daemon.status()["counters"]?["read"]?.intValue
        try FileManager.default.moveItem(atPath: fixture.root + "/notes", toPath: fixture.root + "/archive")
        try await waitUntil("the rename to move the document", timeout: .seconds(5)) {
            try fixture.paths() == ["archive/2024/walrus.txt"]
        }
        try await daemon.waitUntilIdle()
        #expect(try daemon.status()["counters"]?["read"]?.intValue == read, "a rename must not re-read the file")
        await fixture.tearDown()
    }

    @Test func aRestartReprocessesOnlyWhatChanged() async throws {
        let fixture = try DaemonFixture()
        for index in 0..<20 {
            try fixture.write("doc-\(index).txt", "Document number \(index) talks about lighthouses.")
        }
        var daemon = try await fixture.start()
        #expect(try daemon.status()["documents"]?.intValue == 21)
        try await daemon.stop()

        daemon = try await fixture.start()
        var counters = try #require(try daemon.status()["counters"]?.objectValue)
        #expect(counters["scanned"]?.intValue == 21)
        #expect(counters["read"]?.intValue == 0)
        #expect(counters["processed"]?.intValue == 0)
        try await daemon.stop()

        // Changed, added and removed while the daemon was down.
        try fixture.write("doc-3.txt", "Document number 3 now talks about windmills.")
        try fixture.write("doc-new.txt", "A new document about harbours.")
        try FileManager.default.removeItem(atPath: fixture.root + "/doc-7.txt")
        daemon = try await fixture.start()
        counters = try #require(try daemon.status()["counters"]?.objectValue)
        #expect(counters["read"]?.intValue == 2)
        #expect(counters["processed"]?.intValue == 2)
        #expect(try fixture.searchPaths("windmills") == ["doc-3.txt"])
        #expect(try fixture.searchPaths("harbours") == ["doc-new.txt"])
        #expect(try !fixture.paths().contains("doc-7.txt"))
        await fixture.tearDown()
    }

    @Test func aBrokenDocumentIsReportedAndTheDaemonKeepsServing() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        // A PNG cut short after its signature: OCR cannot read it.
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(
            to: URL(fileURLWithPath: fixture.root + "/picture.txt"))
        try Data([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0]).write(to: URL(fileURLWithPath: fixture.root + "/program"))
        try await waitUntil("the broken files to be reported", timeout: .seconds(10)) {
            try daemon.status()["unsupported"]?.intValue == 1 && daemon.status()["failed"]?.intValue == 1
        }
        let listed = try daemon.call("ListDocuments", ["failed": true]).parameters["documents"]?.arrayValue ?? []
        let reasons = Dictionary(
            uniqueKeysWithValues: listed.compactMap { document in
                document["path"]?.stringValue.map { ($0, document["reason"]?.stringValue ?? "") }
            })
        #expect(reasons["picture.txt"]?.hasPrefix("the text could not be recognised") == true, "\(reasons)")
        #expect(reasons["program"] == "an ELF executable is not a text document")
        #expect(try daemon.status()["documents"]?.intValue == 1)
        await fixture.tearDown()
    }

    @Test func aCorruptCacheIsRebuiltFromTheFolder() async throws {
        let fixture = try DaemonFixture()
        try FileManager.default.createDirectory(
            atPath: fixture.work.subpath("cache"), withIntermediateDirectories: true)
        try Data("this is not a database, just garbage".utf8).write(
            to: URL(fileURLWithPath: fixture.work.subpath("cache/cache.sqlite")))
        let daemon = try await fixture.start()
        #expect(try fixture.paths() == [DaemonFixture.seedName])
        #expect(daemon.log().contains("cache-rebuild") || daemon.log().contains("rebuilding"))
        await fixture.tearDown()
    }

    @Test func sigtermStopsCleanlyAndRemovesTheSocket() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        let status = try await daemon.stop()
        #expect(status == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.socketPath))
        await fixture.tearDown()
    }

    @Test func aMissingRootIsAClearErrorAtStart() async throws {
        let work = try TemporaryDirectory()
        defer { work.remove() }
        let daemon = try DaemonProcess(root: work.subpath("does-not-exist"), workDirectory: work.path)
        try await waitUntil("dossierd to exit", timeout: .seconds(10)) { !daemon.isRunning }
        #expect(daemon.terminationStatus != 0)
        #expect(daemon.log().contains("does-not-exist"))
    }
}

@Suite struct ConfigurationFileTests {
    @Test func parsesKeysCommentsAndRepeats() throws {
        let file = try ConfigurationFile(
            parsing: """
                # dossierd
                root = /srv/dossier   # the folder
                ignore = *.log
                ignore = drafts/*:*.bak

                log-level = "debug"
                """)
        #expect(file["root"] == "/srv/dossier")
        #expect(file.values["ignore"] == ["*.log", "drafts/*:*.bak"])
        #expect(file["log-level"] == "debug")
    }

    @Test func reportsTheLineOfAMistake() {
        #expect(throws: ConfigurationFile.ParseError(line: 2, reason: "unknown key 'rot'")) {
            try ConfigurationFile(parsing: "root = /a\nrot = /b\n")
        }
        #expect(throws: ConfigurationFile.ParseError(line: 1, reason: "expected 'key = value'")) {
            try ConfigurationFile(parsing: "root /a")
        }
    }
}
