/// Turns the article's part of the tree into blocks: headings, paragraphs (one for each block
/// element, list item, table row and line break; a row's cells joined by " | ", as every reader
/// writes them), and `<pre>` as code.
enum HTMLBlockWriter {
    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "br", "tr", "table",
        "blockquote", "figure", "figcaption", "hr", "body", "html", "address", "details", "summary", "header",
        "footer", "nav", "aside", "form", "fieldset", "caption", "center", "hgroup",
    ]
    static let cells: Set<String> = ["td", "th"]
    /// Elements whose text is a page's links and navigation rather than its article.
    static let chromeElements: Set<String> = ["a", "nav", "footer", "aside", "button", "menu"]

    static func blocks(_ tree: HTMLTree, from container: HTMLTree.NodeID) -> [Block] {
        written(tree, from: container).blocks
    }

    /// The blocks, and how many of the last of them hold only the text of links or of a page's
    /// navigation, footer or aside: what the markup says is chrome.
    static func written(_ tree: HTMLTree, from container: HTMLTree.NodeID) -> (blocks: [Block], chromeTail: Int) {
        var writer = Writer()
        var stack: [(node: HTMLTree.NodeID, exiting: Bool)] = [(container, false)]
        while let (node, exiting) = stack.popLast() {
            let element = tree[node]
            if element.isText {
                writer.text += element.text
                if writer.chromeDepth == 0 && !TextNormalizer.isBlank(element.text) { writer.holdsOwnText = true }
                continue
            }
            let level = headingLevel(element.name)
            let isChrome = chromeElements.contains(element.name)
            if exiting {
                if isChrome { writer.chromeDepth -= 1 }
                if level != nil || blockElements.contains(element.name) { writer.flush() }
                if cells.contains(element.name) { writer.text += Writer.cellEnd }
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
            if isChrome { writer.chromeDepth += 1 }
            stack.append((node, true))
            for child in element.children.reversed() { stack.append((child, false)) }
        }
        writer.flush()
        let chromeTail = writer.chrome.reversed().prefix { $0 }.count
        return (writer.blocks, chromeTail)
    }

    private struct Writer {
        var blocks: [Block] = []
        /// For each block, whether all its text is inside links or a page's navigation.
        var chrome: [Bool] = []
        var text = ""
        var headingLevel: Int?
        var chromeDepth = 0
        /// The text being gathered has words outside links and navigation.
        var holdsOwnText = false

        /// Marks a cell's end in the text gathered; a flush turns the marks into " | ".
        static let cellEnd = "\u{E000}"

        mutating func flush() {
            var content = TextNormalizer.collapseWhitespace(text)
            if content.contains(Self.cellEnd) {
                content = content.split(separator: Character(Self.cellEnd)).map {
                    TextNormalizer.collapseWhitespace(String($0))
                }.filter { !$0.isEmpty }.joined(separator: " | ")
            }
            text.removeAll(keepingCapacity: true)
            defer { holdsOwnText = false }
            guard !content.isEmpty else { return }
            if let level = headingLevel {
                blocks.append(.heading(level: level, text: content))
            } else {
                blocks.append(.paragraph(content))
            }
            chrome.append(!holdsOwnText)
        }
    }

    static func headingLevel(_ name: String) -> Int? {
        let utf8 = Array(name.utf8)
        guard utf8.count == 2, utf8[0] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(utf8[1])
        else { return nil }
        return Int(utf8[1] - UInt8(ascii: "0"))
    }
}
