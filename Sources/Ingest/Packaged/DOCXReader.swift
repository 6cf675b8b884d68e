/// Reads a Word document (Office Open XML, `.docx`): the body's paragraphs, headings (by their
/// styles' outline levels, so a style renamed or translated still reads as a heading), list
/// items and table rows, text boxes (each once, as a paragraph of its own), the page headers and
/// footers (each text once, whatever the pages) and the footnotes and endnotes, as sections of
/// their own at the end, and the title, author and date of its core properties.
enum DOCXReader {
    static let mainPart = "word/document.xml"

    /// Whether the archive is a Word document.
    static func recognizes(_ package: ZIPPackage) -> Bool {
        package.contains(mainPart) && package.contains("[Content_Types].xml")
    }

    /// What a paragraph style makes of its paragraphs.
    enum Role: Equatable {
        case heading(Int)
        case title
        case subtitle
        case author
        case date
    }

    static func read(_ package: inout ZIPPackage) throws(ZIPPackage.Failure) -> BlockSequence {
        let document = XMLTree(parsing: try package.part(mainPart))
        guard let root = document.root, let body = document.child(root, "body") else {
            throw .damagedPart(mainPart)
        }
        let roles = (try package.optionalPart("word/styles.xml")).map { styleRoles(XMLTree(parsing: $0)) } ?? [:]
        let properties = (try package.optionalPart("docProps/core.xml")).map { XMLTree(parsing: $0) }

        var blocks: [Block] = []
        var title = properties?.firstText(named: "title")
        var author = properties?.firstText(named: "creator")
        // A date written in the document (a "Date" paragraph) says more than when the file was made.
        var writtenDate: CalendarDate?
        let created = properties?.firstText(named: "created").flatMap { PublicationDate.inFrontMatter($0.prefix(10)) }
        // Depth first over the body: paragraphs, and the paragraphs inside tables and content controls.
        var stack: [XMLTree.NodeID] = document.elements(of: body).reversed()
        while let node = stack.popLast() {
            switch document[node].name {
            case "p":
                var boxes: [XMLTree.NodeID] = []
                let text = TextNormalizer.collapseWhitespace(paragraphText(document, node, boxes: &boxes))
                defer { blocks += boxes.flatMap { boxParagraphs(document, $0) }.map { .paragraph($0) } }
                guard !text.isEmpty else { continue }
                switch role(of: node, in: document, roles: roles) {
                case .heading(let level)?: blocks.append(.heading(level: level, text: text))
                case .title?:
                    if title == nil { title = text }
                    blocks.append(.heading(level: 1, text: text))
                case .author?: author = author ?? text
                case .date?: writtenDate = writtenDate ?? PublicationDate.inFrontMatter(text)
                case .subtitle?, nil: blocks.append(.paragraph(text))
                }
            case "tbl":
                for row in document.descendants(of: node, named: "tr") {
                    let cells = document.elements(of: row).filter { document[$0].name == "tc" }.map { cell in
                        TextNormalizer.collapseWhitespace(
                            document.descendants(of: cell, named: "p").map { paragraphText(document, $0) }
                                .joined(separator: " "))
                    }
                    let text = cells.filter { !$0.isEmpty }.joined(separator: " | ")
                    if !text.isEmpty { blocks.append(.paragraph(text)) }
                }
            case "sdt", "sdtContent", "customXml", "smartTag", "ins":
                stack.append(contentsOf: document.elements(of: node).reversed())
            default:
                continue  // section properties, bookmarks, deleted text
            }
        }
        blocks.appendSection(AddedSection.headersAndFooters, try headersAndFooters(&package))
        blocks.appendSection(AddedSection.notes, try notes(&package))
        return BlockSequence(
            declaredTitle: title, blocks: blocks, declaredDate: writtenDate ?? created, author: author)
    }

    /// A paragraph's text: its runs' text, tabs and breaks, leaving out deleted text and field codes.
    static func paragraphText(_ document: XMLTree, _ paragraph: XMLTree.NodeID) -> String {
        var boxes: [XMLTree.NodeID] = []
        return paragraphText(document, paragraph, boxes: &boxes)
    }

    /// The same, with the text boxes anchored in the paragraph gathered in `boxes` rather than
    /// glued into its text. Word and LibreOffice write a box twice, as DrawingML and, for older
    /// readers, as VML (`mc:AlternateContent`'s choice and fallback): the fallback is left out.
    static func paragraphText(_ document: XMLTree, _ paragraph: XMLTree.NodeID, boxes: inout [XMLTree.NodeID])
        -> String
    {
        var text = ""
        // Inside a page-number field, whose result ("3") is no text of the document's.
        var inPageField = false
        var stack: [XMLTree.NodeID] = document[paragraph].children.reversed()
        while let node = stack.popLast() {
            let element = document[node]
            switch element.name {
            case "t": if !inPageField { text += document.textContent(node) }
            case "tab", "ptab": text += "\t"
            case "br", "cr": text += " "
            case "noBreakHyphen": text += "-"
            case "txbxContent": boxes.append(node)
            case "instrText": if isPageField(document.textContent(node)) { inPageField = true }
            case "fldChar": if element.attributes["fldCharType"] == "end" { inPageField = false }
            case "fldSimple":
                if !isPageField(element.attributes["instr"] ?? "") {
                    stack.append(contentsOf: element.children.reversed())
                }
            case "delText", "pPr", "rPr", "del", "fldData", "Fallback": continue
            default: stack.append(contentsOf: element.children.reversed())
            }
        }
        return text
    }

    /// A field that numbers pages ("PAGE", "NUMPAGES", "SECTIONPAGES").
    static func isPageField(_ instruction: String) -> Bool {
        let name = instruction.trimmingCharacters(in: .whitespaces).prefix { $0.isLetter }.uppercased()
        return ["PAGE", "NUMPAGES", "SECTIONPAGES"].contains(name)
    }

    /// The paragraphs of a text box.
    static func boxParagraphs(_ document: XMLTree, _ box: XMLTree.NodeID) -> [String] {
        document.descendants(of: box, named: "p").map {
            TextNormalizer.collapseWhitespace(paragraphText(document, $0))
        }.filter { !$0.isEmpty }
    }

    /// The text of each part's paragraphs, one line a part (a note, a header).
    private static func partLines(_ tree: XMLTree, _ container: XMLTree.NodeID) -> String {
        TextNormalizer.collapseWhitespace(
            tree.descendants(of: container, named: "p").map { paragraphText(tree, $0) }.joined(separator: " "))
    }

    /// Each distinct text of the page headers and footers, in the order of their parts: a header
    /// repeats on every page, and is read once.
    static func headersAndFooters(_ package: inout ZIPPackage) throws(ZIPPackage.Failure) -> [String] {
        let parts = ["word/header", "word/footer"].flatMap { prefix in
            package.paths { $0.hasPrefix(prefix) && $0.hasSuffix(".xml") && !$0.contains("/_rels/") }
        }
        var seen: Set<String> = []
        var lines: [String] = []
        for part in parts {
            let tree = XMLTree(parsing: try package.part(part))
            guard let root = tree.root else { continue }
            let line = partLines(tree, root)
            // A header of page numbers alone says nothing.
            if line.contains(where: \.isLetter), seen.insert(line).inserted { lines.append(line) }
        }
        return lines
    }

    /// The footnotes, then the endnotes, each as one paragraph; the separators Word keeps among
    /// them (notes with a `type`) are not notes.
    static func notes(_ package: inout ZIPPackage) throws(ZIPPackage.Failure) -> [String] {
        var notes: [String] = []
        for (part, name) in [("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")] {
            guard let bytes = try package.optionalPart(part) else { continue }
            let tree = XMLTree(parsing: bytes)
            guard let root = tree.root else { continue }
            for note in tree.descendants(of: root, named: name) where tree[note].attributes["type"] == nil {
                notes.append(partLines(tree, note))
            }
        }
        return notes
    }

    private static func role(of paragraph: XMLTree.NodeID, in document: XMLTree, roles: [String: Role]) -> Role? {
        guard let properties = document.child(paragraph, "pPr") else { return nil }
        if let level = document.child(properties, "outlineLvl").flatMap({ document[$0].attributes["val"] }).flatMap(
            Int.init), level < 9
        {
            return .heading(level + 1)
        }
        guard let style = document.child(properties, "pStyle").flatMap({ document[$0].attributes["val"] }) else {
            return nil
        }
        return roles[style]
    }

    /// The paragraph styles that make headings, titles and the like, by style id. Built-in styles
    /// keep their English names ("heading 2", "Title") whatever the user interface's language.
    static func styleRoles(_ styles: XMLTree) -> [String: Role] {
        guard let root = styles.root else { return [:] }
        var roles: [String: Role] = [:]
        for style in styles.descendants(of: root, named: "style") where styles[style].attributes["type"] == "paragraph"
        {
            guard let id = styles[style].attributes["styleId"] else { continue }
            let name = styles.child(style, "name").flatMap { styles[$0].attributes["val"] }?.lowercased() ?? ""
            if let properties = styles.child(style, "pPr"),
                let level = styles.child(properties, "outlineLvl").flatMap({ styles[$0].attributes["val"] }).flatMap(
                    Int.init), level < 9
            {
                roles[id] = .heading(level + 1)
            } else if name.hasPrefix("heading "), let level = Int(name.dropFirst(8)), (1...9).contains(level) {
                roles[id] = .heading(level)
            } else if name == "title" {
                roles[id] = .title
            } else if name == "subtitle" {
                roles[id] = .subtitle
            } else if name == "author" {
                roles[id] = .author
            } else if name == "date" {
                roles[id] = .date
            }
        }
        return roles
    }
}
