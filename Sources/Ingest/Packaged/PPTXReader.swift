/// Reads a PowerPoint presentation (Office Open XML, `.pptx`): each slide, in the order the
/// presentation lists them, a section under its title ("Slide N" when it has none), with the text
/// of its other shapes and tables and then its speaker notes; and the title and author of its
/// core properties.
enum PPTXReader {
    static let presentationPart = "ppt/presentation.xml"

    static func recognizes(_ package: ZIPPackage) -> Bool {
        package.contains(presentationPart) && package.contains("[Content_Types].xml")
    }

    static func read(_ package: inout ZIPPackage) throws(ZIPPackage.Failure) -> BlockSequence {
        let presentation = XMLTree(parsing: try package.part(presentationPart))
        guard let root = presentation.root else { throw .damagedPart(presentationPart) }
        let relationships = PackageRelationships.read(&package, of: presentationPart)
        var blocks: [Block] = []
        for (number, slide) in presentation.descendants(of: root, named: "sldId").enumerated() {
            guard let id = presentation[slide].attributes["id"], let part = relationships[id],
                let bytes = try package.optionalPart(part)
            else { continue }
            let tree = XMLTree(parsing: bytes)
            guard let slideRoot = tree.root else { continue }
            let (title, lines) = text(of: tree, slideRoot)
            blocks.append(.heading(level: 2, text: title ?? "Slide \(number + 1)"))
            blocks += lines.map { .paragraph($0) }
            // The speaker notes: the body placeholder of the slide's notes page.
            let notesPart = PackageRelationships.read(&package, of: part).values.first { $0.contains("notesSlide") }
            if let notesPart, let notesBytes = try package.optionalPart(notesPart) {
                let notes = XMLTree(parsing: notesBytes)
                if let notesRoot = notes.root {
                    blocks += shapes(notes, notesRoot).filter { placeholder(notes, $0) == "body" }
                        .flatMap { paragraphs(notes, $0) }.map { .paragraph($0) }
                }
            }
        }
        let properties = (try package.optionalPart("docProps/core.xml")).map { XMLTree(parsing: $0) }
        return BlockSequence(
            declaredTitle: properties?.firstText(named: "title"), blocks: blocks,
            author: properties?.firstText(named: "creator"))
    }

    /// A slide's title (its title placeholder's text) and the paragraphs of its other shapes and
    /// tables, in the order they are drawn.
    static func text(of tree: XMLTree, _ root: XMLTree.NodeID) -> (title: String?, lines: [String]) {
        var title: String?
        var lines: [String] = []
        for shape in shapes(tree, root) {
            let kind = placeholder(tree, shape)
            if kind == "sldNum" || kind == "dt" || kind == "ftr" { continue }
            if tree[shape].name == "graphicFrame" {
                for row in tree.descendants(of: shape, named: "tr") {
                    let cells = tree.elements(of: row).filter { tree[$0].name == "tc" }.map {
                        paragraphs(tree, $0).joined(separator: " ")
                    }
                    let line = cells.filter { !$0.isEmpty }.joined(separator: " | ")
                    if !line.isEmpty { lines.append(line) }
                }
                continue
            }
            let text = paragraphs(tree, shape)
            if (kind == "title" || kind == "ctrTitle"), title == nil, !text.isEmpty {
                title = text.joined(separator: " ")
            } else {
                lines += text
            }
        }
        return (title, lines)
    }

    /// The shapes and tables of a slide, in drawing order.
    static func shapes(_ tree: XMLTree, _ root: XMLTree.NodeID) -> [XMLTree.NodeID] {
        var found: [XMLTree.NodeID] = []
        var stack: [XMLTree.NodeID] = tree[root].children.reversed()
        while let node = stack.popLast() {
            switch tree[node].name {
            case "sp", "graphicFrame": found.append(node)
            case "Fallback": continue
            default: stack.append(contentsOf: tree[node].children.reversed())
            }
        }
        return found
    }

    /// The type of the placeholder a shape fills ("title", "body", "sldNum"), if it fills one.
    static func placeholder(_ tree: XMLTree, _ shape: XMLTree.NodeID) -> String? {
        guard let placeholder = tree.descendants(of: shape, named: "ph").first else { return nil }
        return tree[placeholder].attributes["type"] ?? "body"
    }

    /// A shape's paragraphs, each its runs' text.
    static func paragraphs(_ tree: XMLTree, _ shape: XMLTree.NodeID) -> [String] {
        tree.descendants(of: shape, named: "p").map { paragraph in
            var text = ""
            var stack: [XMLTree.NodeID] = tree[paragraph].children.reversed()
            while let node = stack.popLast() {
                switch tree[node].name {
                case "t": text += tree.textContent(node)
                case "br": text += " "
                case "pPr", "rPr", "endParaRPr": continue
                default: stack.append(contentsOf: tree[node].children.reversed())
                }
            }
            return TextNormalizer.collapseWhitespace(text)
        }.filter { !$0.isEmpty }
    }
}
