/// A PDF's text as `pdftotext -bbox-layout` lays it out: its document information (title,
/// author, creation date) and, page by page, the blocks poppler found, each with its lines and
/// their heights. Read into paragraphs where the layout breaks them, and headings where a short
/// block is set larger than the body text, rather than one paragraph a page.
public struct PDFLayout: Sendable {
    struct TextBlock: Equatable {
        var lines: [String]
        /// The median height of its lines, in points.
        var lineHeight: Double
        var page: Int
    }

    var title: String?
    var author: String?
    var created: CalendarDate?
    var blocks: [TextBlock] = []
    public private(set) var pages = 0
    /// Letters and digits on all pages: a scan has pages and next to none.
    public private(set) var characters = 0

    /// Reads pdftotext's XHTML; nil when it is not that (or libxml2 can make nothing of it).
    public init?(xhtml bytes: [UInt8]) {
        let tree = XMLTree(parsing: bytes)
        guard let root = tree.root, tree[root].name == "html" else { return nil }
        if let head = tree.child(root, "head") {
            title = tree.child(head, "title").map { TextNormalizer.collapseWhitespace(tree.textContent($0)) }
            for meta in tree.elements(of: head) where tree[meta].name == "meta" {
                let content = TextNormalizer.collapseWhitespace(tree[meta].attributes["content"] ?? "")
                switch tree[meta].attributes["name"] {
                case "Author": author = content
                case "CreationDate": created = PublicationDate.inFrontMatter(content.prefix(10))
                default: break
                }
            }
        }
        for (number, page) in tree.descendants(of: root, named: "page").enumerated() {
            pages += 1
            for block in tree.descendants(of: page, named: "block") {
                var lines: [String] = []
                var heights: [Double] = []
                for line in tree.elements(of: block) where tree[line].name == "line" {
                    let words = tree.elements(of: line).filter { tree[$0].name == "word" }.map {
                        tree.textContent($0)
                    }
                    let text = TextNormalizer.collapseWhitespace(words.joined(separator: " "))
                    guard !text.isEmpty else { continue }
                    characters += text.unicodeScalars.reduce(0) { $0 + ($1.properties.isAlphabetic ? 1 : 0) }
                    lines.append(text)
                    let attributes = tree[line].attributes
                    if let top = attributes["yMin"].flatMap(Double.init),
                        let bottom = attributes["yMax"].flatMap(Double.init)
                    {
                        heights.append(bottom - top)
                    }
                }
                guard !lines.isEmpty else { continue }
                blocks.append(TextBlock(lines: lines, lineHeight: Self.median(heights), page: number))
            }
        }
    }

    /// The blocks as a format reader's: a paragraph a block, its lines joined (a word hyphenated
    /// at a line's end joined again); a heading where a short block's lines are taller than the
    /// body's (levels by height); page numbers, and a page's header or footer repeated on most
    /// pages, left out; a paragraph cut by a page break joined again.
    var sequence: BlockSequence {
        let body = bodyLineHeight
        let headingHeights = Set(
            blocks.filter { isHeading($0, body: body) }.map { ($0.lineHeight * 2).rounded() / 2 }
        ).sorted(by: >)
        let repeated = repeatedBlocks
        var result: [Block] = []
        var lastPage = -1
        var emitted: Set<String> = []
        for block in blocks {
            let text = Self.joined(block.lines)
            if text.allSatisfy({ $0.isNumber || $0.isWhitespace || "-–—/.".contains($0) }) { continue }
            if repeated.contains(text), !emitted.insert(text).inserted { continue }
            if isHeading(block, body: body) {
                let height = (block.lineHeight * 2).rounded() / 2
                let level = min(6, (headingHeights.firstIndex(of: height) ?? 0) + 1)
                result.append(.heading(level: level, text: text))
            } else if block.page != lastPage, case .paragraph(let previous)? = result.last,
                Self.continues(previous, with: text)
            {
                result[result.count - 1] = .paragraph(previous + " " + text)
            } else {
                result.append(.paragraph(text))
            }
            lastPage = block.page
        }
        // Word names the PDFs it prints after the file ("Microsoft Word - report.docx"): no title.
        let declared = title.flatMap { $0.isEmpty || $0.hasPrefix("Microsoft Word - ") ? nil : $0 }
        return BlockSequence(declaredTitle: declared, blocks: result, declaredDate: created, author: author)
    }

    /// The height of most of the text's lines, weighted by their length.
    var bodyLineHeight: Double {
        var weights: [Double: Int] = [:]
        for block in blocks {
            let key = (block.lineHeight * 2).rounded() / 2
            weights[key, default: 0] += block.lines.reduce(0) { $0 + $1.count }
        }
        return weights.max { $0.value < $1.value }?.key ?? 0
    }

    func isHeading(_ block: TextBlock, body: Double) -> Bool {
        guard body > 0, block.lineHeight >= body * 1.15, block.lines.count <= 3 else { return false }
        let text = Self.joined(block.lines)
        return text.count <= 200 && text.last.map { !".,;:".contains($0) } ?? false
    }

    /// Texts that stand on at least three pages and half of them: running headers and footers.
    var repeatedBlocks: Set<String> {
        guard pages >= 3 else { return [] }
        var pagesOf: [String: Set<Int>] = [:]
        for block in blocks where block.lines.count <= 2 {
            pagesOf[Self.joined(block.lines), default: []].insert(block.page)
        }
        return Set(pagesOf.filter { $0.value.count >= max(3, pages / 2) }.keys)
    }

    /// A block's lines as one text, a word broken at a line's end ("docu-" / "ment") joined.
    static func joined(_ lines: [String]) -> String {
        var text = ""
        for line in lines {
            if text.hasSuffix("-"), text.dropLast().last?.isLowercase == true, line.first?.isLowercase == true {
                text.removeLast()
                text += line
            } else {
                text += text.isEmpty ? line : " " + line
            }
        }
        return text
    }

    /// A paragraph the page break cut: it ends without a sentence's end, the next starts in lower case.
    static func continues(_ previous: String, with next: String) -> Bool {
        guard let last = previous.last, let first = next.first else { return false }
        return !".!?:;\"”’)".contains(last) && first.isLowercase
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
