import DossierTesting
import Foundation
import Testing

@testable import Ingest

/// Spreadsheets and presentations made by openpyxl and python-pptx, and by LibreOffice from them.
@Suite struct SpreadsheetAndSlidesTests {
    static let workbook = """
        import sys, datetime, openpyxl
        book = openpyxl.Workbook(); sheet = book.active; sheet.title = "Fares"
        sheet.append(["Route", "Euros", "Since"])
        sheet.append(["North to Osterby", 40, datetime.date(2021, 8, 26)])
        sheet.append(["South, by the coast", "=B2*2", None])
        ships = book.create_sheet("Ships"); ships.append(["Name"]); ships.append(["Mary Rose"])
        for _ in range(3): ships.append([None])
        book.properties.title = "Harbour fares"; book.properties.creator = "Ana Ruiz"
        book.save(sys.argv[1] + "/made.xlsx")
        """

    static let slides = """
        import sys
        from pptx import Presentation
        from pptx.util import Inches
        deck = Presentation()
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = "Ferries"
        slide.placeholders[1].text = "The ferry to Kiel leaves at nine."
        slide.notes_slide.notes_text_frame.text = "Mention the winter timetable."
        second = deck.slides.add_slide(deck.slide_layouts[5])
        second.shapes.title.text = "Cargo"
        table = second.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(4), Inches(1)).table
        for (row, column), text in {(0, 0): "Pier", (0, 1): "Ships", (1, 0): "East", (1, 1): "12"}.items():
            table.cell(row, column).text = text
        deck.core_properties.title = "Harbour briefing"
        deck.save(sys.argv[1] + "/made.pptx")
        """

    /// The file made by `program`, or that file converted by LibreOffice to `format`.
    static func made(_ program: String, _ made: String, as format: String) throws -> [UInt8] {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        try MadeFiles.python(program, in: folder.path)
        var path = folder.subpath(made)
        if format == "xlsx" {
            // Through LibreOffice and back: openpyxl saves no values for formulas, Excel and
            // LibreOffice do.
            path = try MadeFiles.libreOffice(try MadeFiles.libreOffice(path, to: "ods"), to: "xlsx")
        } else if !made.hasSuffix(format) {
            path = try MadeFiles.libreOffice(path, to: format)
        }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func document(_ bytes: [UInt8]) throws -> Document {
        guard case .document(let document) = Ingestor().ingest(bytes, fileName: "made.bin") else {
            Issue.record("not read: \(Ingestor().ingest(bytes, fileName: "made.bin"))")
            throw CancellationError()
        }
        return document
    }

    @Test(arguments: [("xlsx", DocumentFormat.xlsx), ("ods", .ods)])
    func aSpreadsheetsSheetsAreSectionsAndItsRowsLines(format: String, expected: DocumentFormat) throws {
        let document = try Self.document(try Self.made(Self.workbook, "made.xlsx", as: format))
        #expect(document.format == expected)
        #expect(document.sections.compactMap(\.heading) == ["Fares", "Ships"])
        let rows = document.sections.flatMap(\.paragraphs).map(\.text)
        #expect(rows.contains("Route | Euros | Since"), "\(rows)")
        #expect(rows.contains { $0.hasPrefix("North to Osterby | 40 | ") && $0.contains("2021") }, "\(rows)")
        #expect(rows.contains("South, by the coast | 80"), "a formula's saved value: \(rows)")
        #expect(rows.contains("Mary Rose"))
    }

    @Test func anExcelDateIsADate() throws {
        let document = try Self.document(try Self.made(Self.workbook, "made.xlsx", as: "xlsx"))
        #expect(document.sections.flatMap(\.paragraphs).map(\.text).contains("North to Osterby | 40 | 2021-08-26"))
        #expect(XLSXReader.date(serial: 44_434, dates1904: false) == "2021-08-26")
        #expect(XLSXReader.date(serial: 61, dates1904: false) == "1900-03-01")
        #expect(XLSXReader.showsDate("dd/mm/yyyy") && XLSXReader.showsDate("[$-409]d-mmm-yy;@"))
        #expect(!XLSXReader.showsDate("#,##0.00\" days\"") && !XLSXReader.showsDate("[Red]0.0"))
    }

    @Test(arguments: [("pptx", DocumentFormat.pptx), ("odp", .odp)])
    func aPresentationsSlidesAreSectionsWithTheirNotes(format: String, expected: DocumentFormat) throws {
        let document = try Self.document(try Self.made(Self.slides, "made.pptx", as: format))
        #expect(document.format == expected)
        #expect(document.title == "Harbour briefing")
        #expect(document.sections.compactMap(\.heading) == ["Ferries", "Cargo"], "\(document.sections)")
        let text = document.sections.flatMap(\.paragraphs).map(\.text)
        #expect(text.contains("The ferry to Kiel leaves at nine."))
        #expect(text.contains("Mention the winter timetable."), "\(text)")
        #expect(text.contains("Pier | Ships") && text.contains("East | 12"), "\(text)")
    }
}
