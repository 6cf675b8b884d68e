import DossierTesting
import Foundation
import Testing

@testable import Ingest

/// Office documents and books made by pandoc, read back: the same structure from each format.
@Suite struct PackagedDocumentTests {
    static let markdown = """
        ---
        title: Harbour Report
        author: Ann Lee
        date: 2021-08-27
        ---

        # Ferries

        The ferries run from the north quay every hour.

        ## Timetable

        - First ferry at six
        - Last ferry at midnight

        | Route | Minutes |
        |-------|---------|
        | North to South | 40 |

        # Cargo

        Cargo ships dock at the east pier.
        """

    /// `markdown` converted by pandoc to `format`.
    static func made(_ format: String, from markdown: String = Self.markdown) throws -> [UInt8] {
        Array(try MadeFiles.pandoc(markdown, to: format))
    }

    static func document(_ bytes: [UInt8], _ name: String) throws -> Document {
        guard case .document(let document) = Ingestor().ingest(bytes, fileName: name) else {
            Issue.record("\(name) was not read: \(Ingestor().ingest(bytes, fileName: name))")
            throw CancellationError()
        }
        return document
    }

    @Test(arguments: [("docx", DocumentFormat.docx), ("odt", .odt), ("epub", .epub)])
    func aReportKeepsItsTitleAuthorDateHeadingsListsAndTables(format: String, expected: DocumentFormat) throws {
        // The name says nothing: the bytes tell the format.
        let document = try Self.document(try Self.made(format), "report.bin")
        #expect(document.format == expected)
        #expect(document.title == "Harbour Report")
        #expect(document.author == "Ann Lee")
        #expect(document.date == CalendarDate(year: 2021, month: 8, day: 27))
        let headings = document.sections.compactMap(\.heading)
        #expect(headings.contains("Ferries") && headings.contains("Timetable") && headings.contains("Cargo"))
        let text = document.sections.flatMap(\.paragraphs).map(\.text)
        #expect(text.contains("The ferries run from the north quay every hour."))
        #expect(text.contains("First ferry at six") && text.contains("Last ferry at midnight"))
        #expect(text.contains { $0.contains("North to South") && $0.contains("40") }, "\(text)")
        #expect(
            !text.contains { $0.contains("Ann Lee") || $0 == "2021-08-27" }, "the author and date are not body text")
    }

    /// A web page's last short lines with separators are its site's links; a document's are its own.
    @Test func aTableAtTheEndIsTheDocumentsOwn() throws {
        let markdown = """
            # Ferries

            The ferries run from the north quay every hour, said the harbour master.

            | Route | Minutes |
            |-------|---------|
            | North to Osterby | 40 |
            """
        let document = try Self.document(try Self.made("odt", from: markdown), "routes.odt")
        #expect(document.sections.flatMap(\.paragraphs).map(\.text).contains("North to Osterby | 40"))
    }

    @Test func aDocumentCutShortIsReportedAsDamaged() throws {
        let whole = try Self.made("docx")
        let result = Ingestor().ingest(whole.prefix(whole.count / 2), fileName: "cut.docx")
        guard case .failed(let reason) = result else {
            Issue.record("expected a failure, got \(result)")
            return
        }
        #expect(reason.contains("not a readable ZIP archive"))
    }

    @Test func aPartThatExpandsPastTheCapIsRefused() throws {
        // A Word document whose text part inflates to 64 MiB, past an 8 MiB cap.
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let docx = try Self.made("docx")
        let path = folder.subpath("bomb.docx")
        try Data(docx).write(to: URL(fileURLWithPath: path))
        let script = """
            import zipfile, sys
            with zipfile.ZipFile(sys.argv[1]) as source, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as bomb:
                for name in source.namelist():
                    if name != "word/document.xml":
                        bomb.writestr(name, source.read(name))
                bomb.writestr("word/document.xml", b"<w:document>" + b" " * (64 << 20))
            """
        _ = try folder.write("bomb.py", script)
        let (status, output) = try runCommand(["python3", folder.subpath("bomb.py"), path, path + ".bomb"])
        try #require(status == 0, "\(output)")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path + ".bomb")))
        #expect(bytes.count < 1 << 20)
        let ingestor = Ingestor(configuration: IngestConfiguration(maximumBytes: 8 << 20))
        guard case .failed(let reason) = ingestor.ingest(bytes, fileName: "bomb.docx") else {
            Issue.record("expected the bomb to be refused")
            return
        }
        #expect(reason.contains("expands past"), "\(reason)")
    }

    /// Found by Scripts/fuzz ingest: an archive whose directory points past its end made ZIPFoundation
    /// read past its in-memory file and stop the process; one whose end record's comment runs past
    /// its end made it give up and leak its in-memory file. Such archives are refused before it reads them.
    @Test(arguments: ["directory", "local header", "ZIP64 locator", "comment"])
    func anArchiveThatPointsPastItsEndIsRefused(field: String) throws {
        var bytes = try Self.made("docx")
        let end = try #require(
            (0...(bytes.count - 22)).reversed().first { bytes[$0..<($0 + 4)] == [0x50, 0x4B, 0x05, 0x06] })
        func write32(_ value: Int, at index: Int) {
            for byte in 0..<4 { bytes[index + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
        }
        let directory = Int(bytes[end + 16]) | Int(bytes[end + 17]) << 8 | Int(bytes[end + 18]) << 16
        switch field {
        case "directory": write32(bytes.count + 1_000, at: end + 16)
        case "local header": write32(bytes.count + 10, at: directory + 42)
        case "comment": (bytes[end + 20], bytes[end + 21]) = (0xFF, 0x00)
        default: write32(0x0706_4B50, at: end - 20)
        }
        // Refused by the layout check, before ZIPFoundation sees it.
        let withinBounds = ZIPLayout.isWithinBounds(bytes)
        #expect(!withinBounds)
        #expect(
            Ingestor().ingest(bytes, fileName: "hostile.docx")
                == .failed(reason: ZIPPackage.Failure.notAnArchive.description))
    }

    @Test func aZIPArchiveOfOtherFilesIsUnsupported() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        _ = try folder.write("notes.txt", "Some notes.")
        let (status, output) = try runCommand(["zip", "-q", "notes.zip", "notes.txt"], in: folder.path)
        try #require(status == 0, "\(output)")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder.subpath("notes.zip"))))
        #expect(
            Ingestor().ingest(bytes, fileName: "notes.zip")
                == .unsupported(
                    reason:
                        "a ZIP archive that is no document dossier reads (Word, Excel, PowerPoint, OpenDocument or EPUB)"
                ))
    }

    @Test func aBookReadsItsChaptersInSpineOrder() throws {
        let markdown = """
            ---
            title: The Lighthouse
            author: Mara Quinn
            ---

            # The Keeper

            The keeper climbed the stairs at dusk.

            # The Storm

            The storm broke the lantern glass.
            """
        let document = try Self.document(try Self.made("epub", from: markdown), "book.epub")
        #expect(document.title == "The Lighthouse")
        #expect(document.author == "Mara Quinn")
        let text = document.sections.flatMap(\.paragraphs).map(\.text)
        let keeper = try #require(text.firstIndex(of: "The keeper climbed the stairs at dusk."))
        let storm = try #require(text.firstIndex(of: "The storm broke the lantern glass."))
        #expect(keeper < storm)
    }
}
