/// Reads an OpenDocument text (`.odt`): headings with their outline levels, paragraphs, list
/// items, table rows and sections, and the title, author and date of its metadata.
enum ODTReader {
    static let mimetype = "application/vnd.oasis.opendocument.text"

    static func recognizes(_ package: inout ZIPPackage) -> Bool {
        guard let declared = try? package.optionalPart("mimetype") else { return false }
        return String(decoding: declared, as: UTF8.self).hasPrefix(mimetype)
    }

    static func read(_ package: inout ZIPPackage) throws(ZIPPackage.Failure) -> BlockSequence {
        let content = XMLTree(parsing: try package.part("content.xml"))
        guard let root = content.root, let body = content.child(root, "body"), let text = content.child(body, "text")
        else {
            throw .damagedPart("content.xml")
        }
        let parents = automaticStyleParents(content)
        let meta = (try package.optionalPart("meta.xml")).map { XMLTree(parsing: $0) }
        var title = meta?.firstText(named: "title")
        var author = meta?.firstText(named: "creator") ?? meta?.firstText(named: "initial-creator")
        // A date written in the document (a "Date" paragraph) says more than when the file was made.
        var writtenDate: CalendarDate?
        let created = (meta?.firstText(named: "creation-date") ?? meta?.firstText(named: "date"))
            .flatMap { PublicationDate.inFrontMatter($0.prefix(10)) }

        var blocks: [Block] = []
        var stack: [XMLTree.NodeID] = content.elements(of: text).reversed()
        while let node = stack.popLast() {
            let element = content[node]
            switch element.name {
            case "h":
                let line = paragraphText(content, node)
                guard !line.isEmpty else { continue }
                let level = element.attributes["outline-level"].flatMap(Int.init) ?? 1
                blocks.append(.heading(level: min(max(level, 1), 9), text: line))
            case "p":
                let line = paragraphText(content, node)
                guard !line.isEmpty else { continue }
                var style = element.attributes["style-name"] ?? ""
                style = parents[style] ?? style
                switch style {
                case "Title":
                    if title == nil { title = line }
                    blocks.append(.heading(level: 1, text: line))
                case "Author": author = author ?? line
                case "Date": writtenDate = writtenDate ?? PublicationDate.inFrontMatter(line)
                default: blocks.append(.paragraph(line))
                }
            case "table-row":
                let cells = content.elements(of: node).filter { content[$0].name == "table-cell" }.map { cell in
                    content.descendants(of: cell, named: "p").map { paragraphText(content, $0) }.joined(separator: " ")
                }
                let line = cells.filter { !$0.isEmpty }.joined(separator: " | ")
                if !line.isEmpty { blocks.append(.paragraph(line)) }
            case "list", "list-item", "list-header", "section", "table", "table-rows", "table-header-rows",
                "table-row-group", "index-body", "frame", "text-box":
                stack.append(contentsOf: content.elements(of: node).reversed())
            default:
                continue  // declarations, forms, tracked changes
            }
        }
        var sequence = BlockSequence(
            declaredTitle: title, blocks: blocks, declaredDate: writtenDate ?? created, author: author)
        sequence.mayEndInChrome = false
        return sequence
    }

    /// A paragraph's or heading's text: spans, links, spaces, tabs and line breaks, leaving out
    /// notes and annotations.
    static func paragraphText(_ content: XMLTree, _ paragraph: XMLTree.NodeID) -> String {
        var text = ""
        var stack: [XMLTree.NodeID] = content[paragraph].children.reversed()
        while let node = stack.popLast() {
            let element = content[node]
            if element.isText {
                text += element.text
                continue
            }
            switch element.name {
            case "s": text += String(repeating: " ", count: min(element.attributes["c"].flatMap(Int.init) ?? 1, 100))
            case "tab", "line-break": text += " "
            case "note", "annotation", "annotation-end", "bookmark", "bookmark-start", "bookmark-end": continue
            default: stack.append(contentsOf: element.children.reversed())
            }
        }
        return TextNormalizer.collapseWhitespace(text)
    }

    /// The named style each automatic style ("P1") stands on ("Title").
    private static func automaticStyleParents(_ content: XMLTree) -> [String: String] {
        guard let root = content.root, let styles = content.child(root, "automatic-styles") else { return [:] }
        var parents: [String: String] = [:]
        for style in content.elements(of: styles) {
            if let name = content[style].attributes["name"], let parent = content[style].attributes["parent-style-name"]
            {
                parents[name] = parent
            }
        }
        return parents
    }
}
