/// Reads an OpenDocument spreadsheet (`.ods`) or presentation (`.odp`), both from `content.xml`:
/// a spreadsheet's tables each a section under its name, each row a line of its cells (as the
/// spreadsheet shows them) joined by " | "; a presentation's pages each a section under its
/// title, with the text of its frames and its speaker notes. Title and author from meta.xml.
enum OpenDocumentSheetsReader {
    static let spreadsheet = "application/vnd.oasis.opendocument.spreadsheet"
    static let presentation = "application/vnd.oasis.opendocument.presentation"

    /// The format an OpenDocument package declares, when it is one of these.
    static func format(of package: inout ZIPPackage) -> DocumentFormat? {
        guard let declared = try? package.optionalPart("mimetype") else { return nil }
        let mimetype = String(decoding: declared, as: UTF8.self)
        if mimetype.hasPrefix(spreadsheet) { return .ods }
        if mimetype.hasPrefix(presentation) { return .odp }
        return nil
    }

    static func read(_ package: inout ZIPPackage, as format: DocumentFormat) throws(ZIPPackage.Failure)
        -> BlockSequence
    {
        let content = XMLTree(parsing: try package.part("content.xml"))
        guard let root = content.root, let body = content.child(root, "body") else {
            throw .damagedPart("content.xml")
        }
        let blocks = format == .ods ? sheets(content, body) : slides(content, body)
        let meta = (try package.optionalPart("meta.xml")).map { XMLTree(parsing: $0) }
        return BlockSequence(
            declaredTitle: meta?.firstText(named: "title"), blocks: blocks,
            author: meta?.firstText(named: "creator") ?? meta?.firstText(named: "initial-creator"))
    }

    private static func sheets(_ content: XMLTree, _ body: XMLTree.NodeID) -> [Block] {
        var blocks: [Block] = []
        for table in content.descendants(of: body, named: "table") {
            var rows: [String] = []
            for row in content.descendants(of: table, named: "table-row").prefix(XLSXReader.maximumRows) {
                // A row of cells repeated (number-columns-repeated) stands for many empty ones:
                // only cells with text count, and a repeated one once.
                let line = tableRow(content, row)
                if !line.isEmpty { rows.append(line) }
            }
            guard !rows.isEmpty else { continue }
            let name = content[table].attributes["name"].map(TextNormalizer.collapseWhitespace) ?? "Sheet"
            blocks.append(.heading(level: 2, text: name))
            blocks += rows.map { .paragraph($0) }
        }
        return blocks
    }

    /// A table row's cells with text, joined by " | ". A cell repeated (number-columns-repeated,
    /// as spreadsheets write the empty ones to the end of the sheet) counts once.
    private static func tableRow(_ content: XMLTree, _ row: XMLTree.NodeID) -> String {
        content.elements(of: row).filter { content[$0].name == "table-cell" }.prefix(XLSXReader.maximumCells)
            .map { cell in
                TextNormalizer.collapseWhitespace(
                    content.descendants(of: cell, named: "p").map { ODTReader.paragraphText(content, $0) }
                        .joined(separator: " "))
            }
            .filter { !$0.isEmpty }.joined(separator: " | ")
    }

    private static func slides(_ content: XMLTree, _ body: XMLTree.NodeID) -> [Block] {
        var blocks: [Block] = []
        for (number, page) in content.descendants(of: body, named: "page").enumerated() {
            var title: String?
            var lines: [String] = []
            var notes: [String] = []
            for element in content.elements(of: page) {
                let rows = content.descendants(of: element, named: "table-row")
                if !rows.isEmpty {
                    lines += rows.map { tableRow(content, $0) }.filter { !$0.isEmpty }
                    continue
                }
                let paragraphs = content.descendants(of: element, named: "p").map {
                    ODTReader.paragraphText(content, $0)
                }.filter { !$0.isEmpty }
                if content[element].name == "notes" {
                    notes += paragraphs
                } else if content[element].attributes["class"] == "title", title == nil {
                    title = paragraphs.joined(separator: " ")
                } else {
                    lines += paragraphs
                }
            }
            blocks.append(.heading(level: 2, text: title.flatMap { $0.isEmpty ? nil : $0 } ?? "Slide \(number + 1)"))
            blocks += lines.map { .paragraph($0) }
            blocks += notes.map { .paragraph($0) }
        }
        return blocks
    }
}
