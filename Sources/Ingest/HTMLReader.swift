/// Reads HTML without a DOM: scripts, styles and page chrome (nav, header, footer, aside, forms)
/// are dropped; block elements end paragraphs; h1–h6 are headings; `<pre>` is code; entities are
/// decoded. When the page marks its main content (`<main>`, `<article>`), only that is kept.
enum HTMLReader {
    /// Elements whose whole content is skipped.
    private static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
        "button", "select", "iframe", "object", "canvas", "menu",
    ]
    /// Elements that end the paragraph before and after them.
    private static let blockElements: Set<String> = [
        "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "br", "tr", "td", "th",
        "table", "blockquote", "figure", "figcaption", "hr", "body", "html", "address", "details", "summary",
        "h1", "h2", "h3", "h4", "h5", "h6", "pre",
    ]

    static func read(_ html: String) -> BlockSequence {
        let scalars = Array(html.unicodeScalars)
        let tokens = HTMLTokenizer(scalars: scalars).tokens()
        let keepOnlyMain = tokens.contains { token in
            if case .start(let name, _) = token { return name == "main" || name == "article" }
            return false
        }

        var blocks: [Block] = []
        var text = String.UnicodeScalarView()
        var title = String.UnicodeScalarView()
        var skipDepth = 0
        var skippedName: String?
        var mainDepth = 0
        var inTitle = false
        var headingLevel: Int?
        var inPre = false

        func flush() {
            let raw = String(text)
            text.removeAll()
            if inPre {
                if !TextNormalizer.isBlank(raw) { blocks.append(.code(HTMLEntities.decode(raw))) }
                return
            }
            let content = TextNormalizer.collapseWhitespace(HTMLEntities.decode(raw))
            guard !content.isEmpty else { return }
            if let level = headingLevel {
                blocks.append(.heading(level: level, text: content))
            } else {
                blocks.append(.paragraph(content))
            }
        }

        for token in tokens {
            switch token {
            case .start(let name, let selfClosing):
                if skipDepth > 0 {
                    if name == skippedName && !selfClosing { skipDepth += 1 }
                    continue
                }
                if skipped.contains(name) && !selfClosing {
                    skipDepth = 1
                    skippedName = name
                    continue
                }
                if name == "title" { inTitle = true }
                if name == "main" || name == "article" { mainDepth += 1 }
                if blockElements.contains(name) { flush() }
                if let level = headingLevelOf(name) { headingLevel = level }
                if name == "pre" { inPre = true }
            case .end(let name):
                if skipDepth > 0 {
                    if name == skippedName { skipDepth -= 1 }
                    continue
                }
                if name == "title" { inTitle = false }
                if blockElements.contains(name) { flush() }
                if headingLevelOf(name) != nil { headingLevel = nil }
                if name == "pre" { inPre = false }
                if name == "main" || name == "article" { mainDepth = max(0, mainDepth - 1) }
            case .text(let range):
                guard skipDepth == 0 else { continue }
                if inTitle {
                    title.append(contentsOf: scalars[range])
                } else if !keepOnlyMain || mainDepth > 0 {
                    text.append(contentsOf: scalars[range])
                }
            }
        }
        flush()
        let declared = TextNormalizer.collapseWhitespace(HTMLEntities.decode(String(title)))
        return BlockSequence(
            declaredTitle: declared.isEmpty ? nil : declared, blocks: blocks, declaredDate: PublicationDate.inHTML(html)
        )
    }

    private static func headingLevelOf(_ name: String) -> Int? {
        guard name.count == 2, name.first == "h", let digit = name.last?.wholeNumberValue, (1...6).contains(digit)
        else { return nil }
        return digit
    }
}

/// Splits HTML into start tags, end tags and text runs; comments, doctypes and processing
/// instructions are dropped. Never fails: stray `<` is text.
struct HTMLTokenizer {
    enum Token: Equatable {
        case start(String, selfClosing: Bool)
        case end(String)
        case text(Range<Int>)
    }

    /// A tag longer than this is taken for text: bounds the work on a stray '<'.
    static let maximumTagLength = 4096

    let scalars: [Unicode.Scalar]

    func tokens() -> [Token] {
        // Where the next '>' is, from every position: a '<' with none near is text at once.
        var nextClose = [Int](repeating: scalars.count, count: scalars.count + 1)
        if !scalars.isEmpty {
            for index in stride(from: scalars.count - 1, through: 0, by: -1) {
                nextClose[index] = scalars[index] == ">" ? index : nextClose[index + 1]
            }
        }
        var tokens: [Token] = []
        var index = 0
        var textStart = 0
        var rawTextEnd: String?  // inside <script>/<style>, only the matching end tag ends the text
        func emitText(upTo end: Int) {
            if end > textStart { tokens.append(.text(textStart..<end)) }
        }
        while index < scalars.count {
            guard scalars[index] == "<" else {
                index += 1
                continue
            }
            if let rawEnd = rawTextEnd {
                if let close = matchEndTag(rawEnd, at: index) {
                    emitText(upTo: index)
                    tokens.append(.end(rawEnd))
                    rawTextEnd = nil
                    index = close
                    textStart = index
                } else {
                    index += 1
                }
                continue
            }
            if hasPrefix("<!--", at: index) {
                emitText(upTo: index)
                index = find("-->", from: index + 4).map { $0 + 3 } ?? scalars.count
                textStart = index
                continue
            }
            if index + 1 < scalars.count, scalars[index + 1] == "!" || scalars[index + 1] == "?" {
                emitText(upTo: index)
                index = (scalars[index...].firstIndex(of: ">") ?? scalars.count - 1) + 1
                textStart = index
                continue
            }
            guard nextClose[index] - index <= Self.maximumTagLength, let tag = parseTag(at: index) else {
                index += 1
                continue
            }
            emitText(upTo: index)
            tokens.append(tag.token)
            if case .start(let name, false) = tag.token, name == "script" || name == "style" {
                rawTextEnd = name
            }
            index = tag.end
            textStart = index
        }
        emitText(upTo: scalars.count)
        return tokens
    }

    private func parseTag(at start: Int) -> (token: Token, end: Int)? {
        var index = start + 1
        var isEnd = false
        if index < scalars.count, scalars[index] == "/" {
            isEnd = true
            index += 1
        }
        let nameStart = index
        while index < scalars.count,
            scalars[index].properties.isAlphabetic
                || (index > nameStart && scalars[index].properties.numericType != nil) || scalars[index] == "-"
                || scalars[index] == ":"
        {
            index += 1
        }
        guard index > nameStart else { return nil }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<index])).lowercased()
        // Skip attributes, honouring quotes, up to the closing '>'.
        var quote: Unicode.Scalar?
        let limit = min(scalars.count, index + Self.maximumTagLength)
        while index < limit {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == ">" {
                break
            }
            index += 1
        }
        guard index < limit, scalars[index] == ">" else { return nil }
        let selfClosing = scalars[index - 1] == "/" || voidElements.contains(name)
        return (isEnd ? .end(name) : .start(name, selfClosing: selfClosing), index + 1)
    }

    private var voidElements: Set<String> {
        ["br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"]
    }

    private func matchEndTag(_ name: String, at index: Int) -> Int? {
        let pattern = Array(("</" + name).unicodeScalars)
        guard index + pattern.count <= scalars.count else { return nil }
        for (offset, scalar) in pattern.enumerated() {
            let candidate = scalars[index + offset]
            guard candidate == scalar || String(candidate).lowercased() == String(scalar) else { return nil }
        }
        return scalars[(index + pattern.count)...].firstIndex(of: ">").map { $0 + 1 }
    }

    private func hasPrefix(_ text: String, at index: Int) -> Bool {
        var position = index
        for scalar in text.unicodeScalars {
            guard position < scalars.count, scalars[position] == scalar else { return false }
            position += 1
        }
        return true
    }

    private func find(_ text: String, from start: Int) -> Int? {
        var index = start
        while index < scalars.count {
            if hasPrefix(text, at: index) { return index }
            index += 1
        }
        return nil
    }
}

/// HTML character references: the common named ones and all numeric ones.
enum HTMLEntities {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»",
        "copy": "©", "reg": "®", "trade": "™", "middot": "·", "bull": "•", "deg": "°", "euro": "€",
        "pound": "£", "yen": "¥", "cent": "¢", "sect": "§", "para": "¶", "times": "×", "divide": "÷",
        "eacute": "é", "egrave": "è", "ecirc": "ê", "euml": "ë", "aacute": "á", "agrave": "à", "acirc": "â",
        "auml": "ä", "atilde": "ã", "aring": "å", "oacute": "ó", "ograve": "ò", "ocirc": "ô", "ouml": "ö",
        "otilde": "õ", "uacute": "ú", "ugrave": "ù", "ucirc": "û", "uuml": "ü", "iacute": "í", "igrave": "ì",
        "icirc": "î", "iuml": "ï", "ccedil": "ç", "ntilde": "ñ", "szlig": "ß", "Eacute": "É", "Agrave": "À",
        "Ccedil": "Ç", "Ouml": "Ö", "Uuml": "Ü", "Auml": "Ä", "thinsp": " ", "ensp": " ", "emsp": " ",
        "zwj": "\u{200D}", "zwnj": "\u{200C}", "shy": "",
    ]

    static func decode(_ text: String) -> String {
        guard text.utf8.containsByte(UInt8(ascii: "&")) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            let afterAmpersand = rest.index(after: ampersand)
            let candidate = rest[afterAmpersand...].prefix(12)
            if let semicolon = candidate.firstIndex(of: ";"),
                let decoded = decodeReference(rest[afterAmpersand..<semicolon])
            {
                output += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                output += "&"
                rest = rest[afterAmpersand...]
            }
        }
        output += rest
        return output
    }

    private static func decodeReference(_ name: Substring) -> String? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(scalarText)
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst()).flatMap(scalarText)
        }
        return named[String(name)]
    }

    private static func scalarText(_ value: UInt32) -> String? {
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return String(Character(scalar))
    }
}
