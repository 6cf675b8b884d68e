import DossierTesting
import Foundation
import Testing

@testable import Ingest

/// What an office document holds besides its body: footnotes and endnotes, page headers and
/// footers, text boxes. Documents made by pandoc, and parts added the way Word and LibreOffice
/// write them (with Python's zipfile).
@Suite struct OfficeDocumentPartsTests {
    static let markdown = """
        # Ferries

        The ferries run from the north quay every hour.[^1]

        Tickets are sold on board.

        [^1]: Except on public holidays, when they run every two hours.
        """

    static func document(_ bytes: [UInt8], _ name: String) throws -> Document {
        guard case .document(let document) = Ingestor().ingest(bytes, fileName: name) else {
            throw CancellationError()
        }
        return document
    }

    static func paragraphs(_ document: Document) -> [String] {
        document.sections.flatMap(\.paragraphs).map(\.text)
    }

    /// `bytes` (an archive) with `replacements` made in its parts and `added` parts added.
    static func edited(
        _ bytes: Data, replacing replacements: [String: [String: String]], adding added: [String: String]
    )
        throws -> [UInt8]
    {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let input = folder.subpath("in.zip")
        try bytes.write(to: URL(fileURLWithPath: input))
        let plan = try JSONSerialization.data(withJSONObject: ["replace": replacements, "add": added])
        try plan.write(to: URL(fileURLWithPath: folder.subpath("plan.json")))
        _ = try folder.write(
            "edit.py",
            """
            import json, sys, zipfile
            plan = json.load(open(sys.argv[3]))
            with zipfile.ZipFile(sys.argv[1]) as source, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as out:
                for item in source.infolist():
                    data = source.read(item.filename).decode("utf-8") if item.filename.endswith(".xml") else source.read(item.filename)
                    for old, new in plan["replace"].get(item.filename, {}).items():
                        assert old in data, (item.filename, old)
                        data = data.replace(old, new, 1)
                    out.writestr(item, data)
                for name, text in plan["add"].items():
                    out.writestr(name, text)
            """)
        let (status, output) = try runCommand([
            "python3", folder.subpath("edit.py"), input, folder.subpath("out.zip"), folder.subpath("plan.json"),
        ])
        try #require(status == 0, "\(output)")
        return Array(try Data(contentsOf: URL(fileURLWithPath: folder.subpath("out.zip"))))
    }

    @Test(arguments: ["docx", "odt"])
    func footnotesAreASectionAtTheEndNotGluedIntoTheText(format: String) throws {
        let bytes = Array(try MadeFiles.pandoc(Self.markdown, to: format))
        let document = try Self.document(bytes, "ferries.\(format)")
        let text = Self.paragraphs(document)
        #expect(text.contains("The ferries run from the north quay every hour."), "\(text)")
        #expect(document.sections.last?.heading == "Notes")
        #expect(text.last == "Except on public holidays, when they run every two hours.")
        // The page number pandoc's template puts in a footer is no text.
        #expect(!document.sections.contains { $0.heading == "Page headers and footers" })
    }

    static let wordNamespaces =
        #"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#

    /// A text box as Word writes it: DrawingML, and the same box again as VML for older readers.
    static let wordTextBox = """
        <w:p \(wordNamespaces) xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" \
        xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml">\
        <w:r><w:t xml:space="preserve">The pier was rebuilt in 2019.</w:t></w:r>\
        <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>\
        <w:p><w:r><w:t>Tide tables are posted at the gate.</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>\
        </w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>\
        <w:p><w:r><w:t>Tide tables are posted at the gate.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>\
        </w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
        """

    static func wordPart(_ kind: String, _ text: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:\(kind) \(wordNamespaces)><w:p><w:r><w:t>\(text)</w:t></w:r></w:p>\
        <w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:\(kind)>
        """
    }

    @Test func aWordDocumentsHeadersFootersAndTextBoxesAreReadOnce() throws {
        let made = try MadeFiles.pandoc(Self.markdown, to: "docx")
        let bytes = try Self.edited(
            made, replacing: ["word/document.xml": ["<w:sectPr": Self.wordTextBox + "<w:sectPr"]],
            adding: [
                "word/header1.xml": Self.wordPart("hdr", "Harbour Board, confidential"),
                "word/header2.xml": Self.wordPart("hdr", "Harbour Board, confidential"),
                "word/footer1.xml": Self.wordPart("ftr", "1 Quay Street, Osterby"),
            ])
        let document = try Self.document(bytes, "ferries.docx")
        let text = Self.paragraphs(document)
        #expect(text.contains("The pier was rebuilt in 2019."), "\(text)")
        #expect(text.filter { $0.contains("Tide tables") } == ["Tide tables are posted at the gate."], "\(text)")
        let headers = try #require(document.sections.first { $0.heading == "Page headers and footers" })
        #expect(headers.paragraphs.map(\.text) == ["Harbour Board, confidential", "1 Quay Street, Osterby"])
        #expect(document.sections.last?.heading == "Notes")
    }

    @Test func anOpenDocumentsHeadersAndTextBoxesAreReadOnce() throws {
        let made = try MadeFiles.pandoc(Self.markdown, to: "odt")
        let box = """
            <text:p>The pier was rebuilt in 2019.<draw:frame draw:name="Box"><draw:text-box>\
            <text:p>Tide tables are posted at the gate.</text:p></draw:text-box></draw:frame></text:p>
            """
        let bytes = try Self.edited(
            made,
            replacing: [
                "content.xml": ["</office:text>": box + "</office:text>"],
                "styles.xml": [
                    "<style:footer>":
                        "<style:header><text:p>Harbour Board, confidential</text:p></style:header><style:footer>"
                ],
            ], adding: [:])
        let document = try Self.document(bytes, "ferries.odt")
        let text = Self.paragraphs(document)
        #expect(text.contains("The pier was rebuilt in 2019."), "\(text)")
        #expect(text.filter { $0.contains("Tide tables") } == ["Tide tables are posted at the gate."], "\(text)")
        let headers = try #require(document.sections.first { $0.heading == "Page headers and footers" })
        #expect(headers.paragraphs.map(\.text) == ["Harbour Board, confidential"])
    }
}
