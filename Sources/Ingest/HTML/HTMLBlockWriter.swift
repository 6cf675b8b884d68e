/// Turns the article's part of the tree into blocks: headings, paragraphs (one for each block
/// element, list item, table row and line break), and `<pre>` as code.
enum HTMLBlockWriter {
    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "br", "tr", "table",
        "blockquote", "figure", "figcaption", "hr", "body", "html", "address", "details", "summary", "header",
        "footer", "nav", "aside", "form", "fieldset", "caption", "center", "hgroup",
    ]
    static let cells: Set<String> = ["td", "th"]

    static func blocks(_ tree: HTMLTree, from container: HTMLTree.NodeID) -> [Block] {
        var writer = Writer()
        var stack: [(node: HTMLTree.NodeID, exiting: Bool)] = [(container, false)]
        while let (node, exiting) = stack.popLast() {
            let element = tree[node]
            if element.isText {
                writer.text += element.text
                continue
            }
            let level = headingLevel(element.name)
            if exiting {
                if level != nil || blockElements.contains(element.name) { writer.flush() }
                if cells.contains(element.name) { writer.text += " " }
                writer.headingLevel = level == nil ? writer.headingLevel : nil
                continue
            }
            if element.name == "pre" {
                writer.flush()
                let code = tree.textContent(node)
                if !TextNormalizer.isBlank(code) { writer.blocks.append(.code(code)) }
                continue
            }
            if level != nil || blockElements.contains(element.name) { writer.flush() }
            if let level { writer.headingLevel = level }
            stack.append((node, true))
            for child in element.children.reversed() { stack.append((child, false)) }
        }
        writer.flush()
        return writer.blocks
    }

    private struct Writer {
        var blocks: [Block] = []
        var text = ""
        var headingLevel: Int?

        mutating func flush() {
            let content = TextNormalizer.collapseWhitespace(text)
            text.removeAll(keepingCapacity: true)
            guard !content.isEmpty else { return }
            if let level = headingLevel {
                blocks.append(.heading(level: level, text: content))
            } else {
                blocks.append(.paragraph(content))
            }
        }
    }

    static func headingLevel(_ name: String) -> Int? {
        let utf8 = Array(name.utf8)
        guard utf8.count == 2, utf8[0] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(utf8[1])
        else { return nil }
        return Int(utf8[1] - UInt8(ascii: "0"))
    }
}
