/// Reads an OpenDocument text (`.odt`): headings with their outline levels, paragraphs, list
/// items, table rows and sections, text boxes (each a paragraph of its own), the page headers and
/// footers of its master pages (each text once) and its footnotes and endnotes, as sections of
/// their own at the end, and the title, author and date of its metadata.
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
        var notes: [String] = []
        var stack: [XMLTree.NodeID] = content.elements(of: text).reversed()
        while let node = stack.popLast() {
            let element = content[node]
            if element.name == "h" || element.name == "p" {
                // What is anchored in the paragraph comes after it: its notes at the end, its
                // frames' text boxes next.
                notes += content.descendants(of: node, named: "note-body").map { paragraphText(content, $0) }
                stack.append(contentsOf: content.descendants(of: node, named: "text-box").reversed())
            }
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
        blocks.appendSection(AddedSection.headersAndFooters, try headersAndFooters(&package))
        blocks.appendSection(AddedSection.notes, notes)
        return BlockSequence(
            declaredTitle: title, blocks: blocks, declaredDate: writtenDate ?? created, author: author)
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
            case "note", "annotation", "annotation-end", "bookmark", "bookmark-start", "bookmark-end", "frame",
                "page-number", "page-count":
                continue
            default: stack.append(contentsOf: element.children.reversed())
            }
        }
        return TextNormalizer.collapseWhitespace(text)
    }

    /// Each distinct text of the master pages' headers and footers (in styles.xml): repeated on
    /// every page, read once.
    static func headersAndFooters(_ package: inout ZIPPackage) throws(ZIPPackage.Failure) -> [String] {
        guard let bytes = try package.optionalPart("styles.xml") else { return [] }
        let styles = XMLTree(parsing: bytes)
        guard let root = styles.root else { return [] }
        var seen: Set<String> = []
        var lines: [String] = []
        let parts = ["header", "header-first", "header-left", "footer", "footer-first", "footer-left"].flatMap {
            styles.descendants(of: root, named: $0)
        }
        for part in parts {
            let line = TextNormalizer.collapseWhitespace(
                styles.descendants(of: part, named: "p").map { paragraphText(styles, $0) }.joined(separator: " "))
            // A header of page numbers alone says nothing.
            if line.contains(where: \.isLetter), seen.insert(line).inserted { lines.append(line) }
        }
        return lines
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
