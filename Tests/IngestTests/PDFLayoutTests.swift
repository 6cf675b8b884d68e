import DossierTesting
import Foundation
import Testing

@testable import Ingest

/// PDFs printed by LibreOffice from documents pandoc made, laid out by pdftotext.
@Suite struct PDFLayoutTests {
    static let report = """
        ---
        title: Harbour annual report
        author: Ana Ruiz
        ---

        # Ferries

        The ferries run from the north quay every hour, said the harbour master, and in the winter \
        months every two hours, because fewer passengers travel and the crossing is rougher.

        Tickets are sold on board and at the kiosk by the gate.

        ## Fares

        A single crossing costs forty euros.
        """

    /// `markdown` made a Word document by pandoc, printed to PDF by LibreOffice, laid out by
    /// pdftotext.
    static func layout(_ markdown: String) throws -> PDFLayout {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let docx = folder.subpath("report.docx")
        try MadeFiles.pandoc(markdown, to: "docx").write(to: URL(fileURLWithPath: docx))
        let pdf = try MadeFiles.libreOffice(docx, to: "pdf")
        let (status, output) = try runCommand(["pdftotext", "-q", "-bbox-layout", "-enc", "UTF-8", pdf, "-"])
        try #require(status == 0)
        return try #require(PDFLayout(xhtml: Array(output.utf8)))
    }

    @Test func paragraphsAndHeadingsFollowTheLayoutAndTheTitleIsTheDocuments() throws {
        let layout = try Self.layout(Self.report)
        #expect(layout.pages == 1)
        guard case .document(let document) = Ingestor().ingest(pdfLayout: layout, fileName: "report.pdf") else {
            throw CancellationError()
        }
        #expect(document.title == "Harbour annual report")
        #expect(document.author == "Ana Ruiz")
        #expect(document.sections.compactMap(\.heading).contains("Ferries"))
        #expect(document.sections.compactMap(\.heading).contains("Fares"))
        let text = document.sections.flatMap(\.paragraphs).map(\.text)
        #expect(
            text.contains {
                $0.hasPrefix("The ferries run from the north quay every hour")
                    && $0.hasSuffix("the crossing is rougher.")
            }, "the wrapped lines are one paragraph: \(text)")
        #expect(text.contains("Tickets are sold on board and at the kiosk by the gate."))
        #expect(text.contains("A single crossing costs forty euros."))
    }

    /// pdftotext's layout of three pages, written here: a running header on each, a page
    /// number at each foot, and a paragraph cut by a page break.
    static func pages() -> String {
        func line(_ text: String, _ top: Double, _ height: Double = 12) -> String {
            let words = text.split(separator: " ").map {
                "<word xMin=\"72\" yMin=\"\(top)\" xMax=\"100\" yMax=\"\(top + height)\">\($0)</word>"
            }
            return "<line xMin=\"72\" yMin=\"\(top)\" xMax=\"500\" yMax=\"\(top + height)\">\(words.joined())</line>"
        }
        func block(_ lines: String...) -> String { "<block>\(lines.joined())</block>" }
        let header = block(line("Harbour Board annual report", 30))
        let pages = [
            [
                header, block(line("Ferries", 80, 20)),
                block(line("The ferries run every hour from", 110), line("the north quay and the", 124)),
                block(line("1", 760)),
            ],
            [
                header, block(line("south pier, said the harbour master.", 80)),
                block(line("Cargo &amp; fares", 110, 20)), block(line("2", 760)),
            ],
            [header, block(line("Ships dock at the east pier.", 80)), block(line("3", 760))],
        ]
        let body = pages.map { "<page width=\"612\" height=\"792\"><flow>\($0.joined())</flow></page>" }.joined()
        return """
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\
            <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Microsoft Word - report.docx</title>\
            <meta name="CreationDate" content="2021-08-26T10:00:00Z"/></head><body><doc>\(body)</doc></body></html>
            """
    }

    @Test func runningHeadersPageNumbersAndPageBreaksAreLaidOutOnce() throws {
        let layout = try #require(PDFLayout(xhtml: Array(Self.pages().utf8)))
        #expect(layout.pages == 3)
        guard case .document(let document) = Ingestor().ingest(pdfLayout: layout, fileName: "report.pdf") else {
            throw CancellationError()
        }
        #expect(document.title != "Microsoft Word - report.docx", "a title Word made of the file name is none")
        #expect(document.date == CalendarDate(year: 2021, month: 8, day: 26))
        #expect(document.sections.compactMap(\.heading) == ["Ferries", "Cargo & fares"])
        let text = document.sections.flatMap(\.paragraphs).map(\.text)
        #expect(
            text.contains(
                "The ferries run every hour from the north quay and the south pier, said the harbour master."),
            "\(text)")
        #expect(!text.contains { $0 == "1" || $0 == "2" || $0 == "3" })
        #expect(document.body.components(separatedBy: "Harbour Board annual report").count <= 2)
    }

    @Test func wordsBrokenAtALinesEndAreJoined() {
        #expect(PDFLayout.joined(["the harbour's docu-", "ments were kept"]) == "the harbour's documents were kept")
        #expect(PDFLayout.joined(["North-", "East"]) == "North- East")
        #expect(PDFLayout.continues("the ferry left the", with: "quay at nine."))
        #expect(!PDFLayout.continues("The ferry left.", with: "then it came back"))
    }
}
