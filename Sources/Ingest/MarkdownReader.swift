/// Reads Markdown: ATX and setext headings, fenced and indented code kept apart, list items and
/// block quotes as paragraphs, inline markup (emphasis, links, images, code spans, HTML) reduced
/// to text, YAML front matter's `title:` and `date:` as the declared title and date.
enum MarkdownReader {
    static func read(_ text: String) -> BlockSequence {
        var lines = TextNormalizer.lines(text)[...]
        let (declaredTitle, declaredDate) = readFrontMatter(&lines)

        var blocks: [Block] = []
        var paragraph: [Substring] = []
        var code: [Substring] = []
        var fence: Substring?

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            let text = MarkdownInline.plainText(paragraph.joined(separator: " "))
            if !text.isEmpty { blocks.append(.paragraph(text)) }
            paragraph.removeAll()
        }
        func flushCode() {
            guard !code.isEmpty else { return }
            let text = code.joined(separator: "\n")
            if !TextNormalizer.isBlank(text) { blocks.append(.code(text)) }
            code.removeAll()
        }

        while let line = lines.popFirst() {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) && trimmed.drop(while: { $0 == open.first }).allSatisfy(\.isWhitespace) {
                    fence = nil
                    flushCode()
                } else {
                    code.append(line)
                }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flushParagraph()
                fence = trimmed.prefix { $0 == trimmed.first }
                continue
            }
            if TextNormalizer.isBlank(line) {
                flushParagraph()
                continue
            }
            if paragraph.isEmpty, line.hasPrefix("    ") || line.hasPrefix("\t"), !isListItem(trimmed) {
                code.append(line.hasPrefix("\t") ? line.dropFirst() : line.dropFirst(4))
                if lines.first.map({ !($0.hasPrefix("    ") || $0.hasPrefix("\t")) }) ?? true { flushCode() }
                continue
            }
            if let heading = atxHeading(trimmed) {
                flushParagraph()
                if !heading.text.isEmpty { blocks.append(.heading(level: heading.level, text: heading.text)) }
                continue
            }
            if !paragraph.isEmpty, paragraph.count == 1, let underline = setextLevel(trimmed) {
                let text = MarkdownInline.plainText(String(paragraph[0]))
                paragraph.removeAll()
                if !text.isEmpty { blocks.append(.heading(level: underline, text: text)) }
                continue
            }
            if isThematicBreak(trimmed) || isReferenceDefinition(trimmed) {
                flushParagraph()
                continue
            }
            if let item = listItemContent(trimmed) {
                flushParagraph()
                paragraph.append(item)
                continue
            }
            if trimmed.hasPrefix(">") {
                let quoted = trimmed.drop { $0 == ">" || $0 == " " }
                if quoted.isEmpty { flushParagraph() } else { paragraph.append(quoted) }
                continue
            }
            paragraph.append(trimmed)
        }
        flushParagraph()
        flushCode()
        if fence != nil { flushCode() }
        return BlockSequence(declaredTitle: declaredTitle, blocks: blocks, declaredDate: declaredDate)
    }

    private static func readFrontMatter(_ lines: inout ArraySlice<Substring>) -> (String?, CalendarDate?) {
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(where: { $0 == "---" || $0 == "..." })
        else { return (nil, nil) }
        var title: String?
        var date: CalendarDate?
        for line in lines[(lines.startIndex + 1)..<end] {
            if line.hasPrefix("title:") {
                let value = line.dropFirst("title:".count).trimmingCharacters(in: " \t\"'")
                if !value.isEmpty { title = value }
            } else if line.hasPrefix("date:") {
                date = PublicationDate.inFrontMatter(line.dropFirst("date:".count).trimmingCharacters(in: " \t\"'"))
            }
        }
        lines = lines[(end + 1)...]
        return (title, date)
    }

    private static func atxHeading(_ line: Substring) -> (level: Int, text: String)? {
        let hashes = line.prefix { $0 == "#" }
        guard (1...6).contains(hashes.count) else { return nil }
        let rest = line.dropFirst(hashes.count)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var content = rest.trimmingCharacters(in: " \t")
        // A closing run of #s is not part of the heading.
        if let lastNonHash = content.lastIndex(where: { $0 != "#" }),
            lastNonHash < content.index(before: content.endIndex),
            content[lastNonHash] == " "
        {
            content = String(content[...lastNonHash]).trimmingCharacters(in: " \t")
        } else if content.allSatisfy({ $0 == "#" }) {
            content = ""
        }
        return (hashes.count, MarkdownInline.plainText(content))
    }

    private static func setextLevel(_ line: Substring) -> Int? {
        let content = line.trimmingCharacters(in: " \t")
        guard let first = content.first, first == "=" || first == "-", content.allSatisfy({ $0 == first }) else {
            return nil
        }
        return first == "=" ? 1 : 2
    }

    private static func isThematicBreak(_ line: Substring) -> Bool {
        guard let first = line.utf8.first,
            first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "_")
        else { return false }
        let marks = line.filter { !$0.isWhitespace }
        guard let first = marks.first, "-*_".contains(first), marks.count >= 3 else { return false }
        return marks.allSatisfy { $0 == first }
    }

    private static func isReferenceDefinition(_ line: Substring) -> Bool {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return false }
        return line[line.index(after: close)...].hasPrefix(":")
    }

    private static func isListItem(_ line: Substring) -> Bool { listItemContent(line) != nil }

    private static func listItemContent(_ line: Substring) -> Substring? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            var content = line.dropFirst(2).drop { $0 == " " }
            if content.hasPrefix("[ ] ") || content.hasPrefix("[x] ") || content.hasPrefix("[X] ") {
                content = content.dropFirst(4)
            }
            return content
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count) else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let marker = rest.first, marker == "." || marker == ")", rest.dropFirst().first == " " else { return nil }
        return rest.dropFirst(2).drop { $0 == " " }
    }
}

/// Inline Markdown to plain text.
enum MarkdownInline {
    /// How far a link, a link target or a code span may reach; bounds the work on unclosed markup.
    static let maximumSpan = 2048

    /// Link labels nest at most this deep; deeper brackets are text. Bounds the recursion.
    static let maximumNesting = 8

    static func plainText(_ text: String, depth: Int = 0) -> String {
        // Most lines of prose have no inline markup at all.
        guard text.utf8.contains(where: isMarkupByte) else {
            return HTMLEntities.decode(TextNormalizer.collapseWhitespace(text))
        }
        var output = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        // Every bracket's partner, found in one pass: looking ahead from each "[" of "[[[[…" would
        // be quadratic.
        let closing = text.utf8.containsByte(UInt8(ascii: "[")) ? matchingBrackets(scalars) : [:]
        var index = 0
        func previousIsWordScalar() -> Bool {
            guard let last = output.last else { return false }
            return last.isWordScalar
        }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\"
            where index + 1 < scalars.count && scalars[index + 1].isASCII
                && scalars[index + 1].properties.isPatternSyntax:
                output.append(scalars[index + 1])
                index += 2
            case "!" where index + 1 < scalars.count && scalars[index + 1] == "[":
                // An image: keep its alt text.
                index += 1
            case "[":
                if depth < maximumNesting, let (label, next) = link(in: scalars, at: index, closing: closing) {
                    output.append(contentsOf: plainText(label, depth: depth + 1).unicodeScalars)
                    index = next
                } else {
                    output.append(scalar)
                    index += 1
                }
            case "`":
                let run = scalars[index...].prefix { $0 == "`" }.count
                if let close = findRun(of: "`", length: run, in: scalars, from: index + run) {
                    output.append(contentsOf: scalars[(index + run)..<close])
                    index = close + run
                } else {
                    output.append(contentsOf: scalars[index..<(index + run)])
                    index += run
                }
            case "*", "~":
                index += 1
            case "_":
                // Emphasis markers at word edges go; snake_case stays.
                let nextIsWord =
                    index + 1 < scalars.count
                    && scalars[index + 1].isWordScalar
                if previousIsWordScalar() && nextIsWord { output.append(scalar) }
                index += 1
            case "<":
                if let close = scalars[index..<min(scalars.count, index + 200)].firstIndex(of: ">") {
                    let inner = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                    if inner.hasPrefix("http://") || inner.hasPrefix("https://") || inner.hasPrefix("mailto:") {
                        output.append(contentsOf: inner.unicodeScalars)
                    }
                    index = close + 1
                } else {
                    output.append(scalar)
                    index += 1
                }
            default:
                output.append(scalar)
                index += 1
            }
        }
        return HTMLEntities.decode(TextNormalizer.collapseWhitespace(String(output)))
    }

    /// The bytes that can start inline markup; "!" only matters before "[".
    private static func isMarkupByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "["), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "~"),
            UInt8(ascii: "_"), UInt8(ascii: "<"):
            return true
        default:
            return false
        }
    }

    /// `[label](target)` or `[label][ref]` starting at `start`: the label and the index after the link.
    private static func link(in scalars: [Unicode.Scalar], at start: Int, closing: [Int: Int]) -> (String, Int)? {
        // A link's text is short.
        guard let index = closing[start], index - start < maximumSpan else { return nil }
        let label = String(String.UnicodeScalarView(scalars[(start + 1)..<index]))
        let after = index + 1
        guard after < scalars.count else { return (label, after) }
        let closer: Unicode.Scalar
        switch scalars[after] {
        case "(": closer = ")"
        case "[": closer = "]"
        default: return (label, after)
        }
        guard let end = scalars[(after + 1)..<min(scalars.count, after + 1 + maximumSpan)].firstIndex(of: closer)
        else { return nil }
        return (label, end + 1)
    }

    /// For each "[" that is closed, where its "]" is.
    private static func matchingBrackets(_ scalars: [Unicode.Scalar]) -> [Int: Int] {
        var open: [Int] = []
        var closing: [Int: Int] = [:]
        for (index, scalar) in scalars.enumerated() {
            if scalar == "[" {
                open.append(index)
            } else if scalar == "]", let start = open.popLast() {
                closing[start] = index
            }
        }
        return closing
    }

    private static func findRun(of mark: Unicode.Scalar, length: Int, in scalars: [Unicode.Scalar], from start: Int)
        -> Int?
    {
        var index = start
        let limit = min(scalars.count, start + maximumSpan)
        while index < limit {
            if scalars[index] == mark {
                let run = scalars[index...].prefix { $0 == mark }.count
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result.removeFirst() }
        while let last = result.last, set.contains(last) { result.removeLast() }
        return String(result)
    }
}
