import DossierTesting
import Foundation
import Testing

@testable import Ingest

/// Rich Text Format as pandoc writes it, and as Word and WordPad write it (their tables, styles,
/// escapes and destinations, written here by hand).
@Suite struct RTFReaderTests {
    static func document(_ bytes: [UInt8], name: String = "report.rtf") throws -> Document {
        guard case .document(let document) = Ingestor().ingest(bytes, fileName: name) else {
            Issue.record("not read as a document")
            throw CancellationError()
        }
        return document
    }

    static func paragraphs(_ document: Document) -> [String] {
        document.sections.flatMap(\.paragraphs).map(\.text)
    }

    @Test func aDocumentMadeByPandoc() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        _ = try folder.write(
            "report.md",
            """
            ---
            title: Harbour annual report
            ---

            # Ferries

            The ferry to Kiel leaves at nine, said the harbour master.[^1]

            | Route | Ships |
            |---|---|
            | North to Osterby | 40 |

            Yours sincerely,

            The harbour master

            [^1]: Timetable of August 2021.
            """)
        let (status, output) = try runCommand([
            "pandoc", "-s", folder.subpath("report.md"), "-t", "rtf", "-o", folder.subpath("report.rtf"),
        ])
        try #require(status == 0, "\(output)")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder.subpath("report.rtf"))))
        // Told by its bytes, whatever its name.
        let document = try Self.document(bytes, name: "saved-report")
        #expect(document.format == .rtf)
        #expect(document.title == "Harbour annual report")
        #expect(document.sections.map(\.heading).contains("Ferries"))
        let text = Self.paragraphs(document)
        #expect(text.contains("The ferry to Kiel leaves at nine, said the harbour master."))
        #expect(text.contains("Route | Ships"))
        #expect(text.contains("North to Osterby | 40"))
        #expect(text.contains("Yours sincerely,") && text.contains("The harbour master"))
        #expect(document.sections.last?.heading == "Notes")
        #expect(text.last == "Timetable of August 2021.")
        for markup in ["Helvetica", "Courier", "rtf1", "\\", "{", "red255"] {
            #expect(!document.body.contains(markup), "\(markup)")
        }
        #expect(!document.annotations.entities.map(\.name).contains("Helvetica"))
    }

    /// What Word and WordPad put around the text: tables of fonts, colours and styles, the
    /// document's properties, escaped characters in its code page and in Unicode, pictures,
    /// fields, and destinations marked ignorable.
    static let wordStyle = #"""
        {\rtf1\ansi\ansicpg1252\deff0\deflang1033{\fonttbl{\f0\froman\fcharset0 Times New Roman;}{\f1\fswiss\fcharset204 Arial Cyr;}}
        {\colortbl ;\red0\green0\blue0;}
        {\stylesheet{\s0 Normal;}{\s1\sbasedon0\snext0\b\fs32 heading 1;}{\*\cs10 Default Paragraph Font;}}
        {\*\generator Riched20 10.0.19041}{\info{\title Harbour annual report}{\author Ana Ruiz}{\creatim\yr2021\mo8\dy26\hr10\min0}{\doccomm Draft of the annual report}}
        \viewkind4\uc1
        \pard\s1\b\f0\fs32 Ferries and fares\par
        \pard\s0\b0\fs22 The caf\'e9 on the quay sells tickets for \u8364?40 each.\par
        The Russian name of the port is \f1\'cc\'ee\'f0\'f1\'ea\'ee\'e9\f0  port.\par
        {\field{\*\fldinst{HYPERLINK "http://example.org/timetable"}}{\fldrslt{See the timetable}}}\par
        {\pict\wmetafile8\picw100\pich100 0102030405060708090a0b0c0d0e0f}
        \trowd\cellx2000\cellx4000\pard\intbl Route\cell Ships\cell\row
        \trowd\cellx2000\cellx4000\pard\intbl North\cell 40\cell\row
        \pard Regards,\line Ana \u-10179?\u-8704?\par
        }
        """#

    @Test func whatWordAndWordPadWrite() throws {
        let document = try Self.document(Array(Self.wordStyle.utf8))
        #expect(document.title == "Harbour annual report")
        #expect(document.author == "Ana Ruiz")
        #expect(document.date == CalendarDate(year: 2021, month: 8, day: 26))
        #expect(document.sections.map(\.heading).contains("Ferries and fares"))
        let text = Self.paragraphs(document)
        #expect(text.contains("The café on the quay sells tickets for €40 each."), "\(text)")
        #expect(text.contains("The Russian name of the port is Морской port."), "\(text)")
        #expect(text.contains("See the timetable"))
        #expect(text.contains("Route | Ships") && text.contains("North | 40"))
        #expect(text.contains("Regards,") && text.contains("Ana 😀"), "\(text)")
        for markup in [
            "Times New Roman", "Arial", "Default Paragraph Font", "Riched20", "HYPERLINK", "example.org",
            "0102030405", "Normal", "Draft of the annual report", "heading 1",
        ] {
            #expect(!document.body.contains(markup), "\(markup)")
        }
    }

    @Test func hostileRTFEndsQuickly() throws {
        let deep = "{\\rtf1 " + String(repeating: "{", count: 200_000) + "text" + String(repeating: "}", count: 10)
        _ = try Self.document(Array(deep.utf8))
        let cut = Array(Self.wordStyle.utf8.prefix(700))
        _ = try Self.document(cut)
        let numbers = "{\\rtf1 \\u99999999999999999999 \\'zz \\'4 \\u-70000 \\uc-5 a}"
        _ = try Self.document(Array(numbers.utf8))
    }
}
