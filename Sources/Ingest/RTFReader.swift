/// Reads Rich Text Format as Word, LibreOffice and WordPad write it: the text of the body in
/// paragraphs, headings by their outline level or by a style named "heading N", table rows as
/// cells joined by " | ", footnotes as a section at the end, and the title, author and creation
/// date of its `\info` group. Font, colour and style tables, pictures, objects, field
/// instructions, page headers and footers and every destination marked ignorable (`\*`) are left
/// out, so their names never reach the text. Characters come from `\uN` (Unicode), `\'hh` (bytes
/// in the document's code page, or a font's, converted by ``Charset``) and plain text.
enum RTFReader {
    static func recognizes(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: Array("{\\rtf".utf8))
    }

    static func read(_ bytes: [UInt8]) -> BlockSequence {
        var parser = Parser(bytes: bytes)
        parser.run()
        var blocks = parser.blocks
        blocks.appendSection(AddedSection.notes, parser.footnotes)
        return BlockSequence(
            declaredTitle: parser.info["title"], blocks: blocks, declaredDate: parser.created,
            author: parser.info["author"])
    }

    /// What a group is for: its text goes to the body, a footnote, an `\info` field, the style
    /// or font table (read for names and code pages), or nowhere.
    enum Destination: Equatable {
        case body
        case footnote
        case info(String)
        case styleSheet
        case fontTable
        case skipped
    }

    struct GroupState {
        var destination = Destination.body
        /// Characters to skip after a `\uN` (`\ucN`).
        var unicodeSkip = 1
        var codePage = 1252
        var style = 0
        var outlineLevel: Int?
        var inTable = false
        /// A `\sN` in this group: in the style sheet, the group defines a paragraph style.
        var definesStyle = false
    }

    /// Destinations whose text is not the document's.
    static let skippedDestinations: Set<String> = [
        "fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "header", "headerl", "headerr", "headerf",
        "footer", "footerl", "footerr", "footerf", "listtable", "listoverridetable", "revtbl", "filetbl", "fldinst",
        "xe", "tc", "bkmkstart", "bkmkend", "listtext", "pntext", "pntxta", "pntxtb", "themedata", "datastore",
        "latentstyles", "colorschememapping", "rsidtbl", "generator", "nonshppict", "shpinst", "template", "docvar",
    ]

    static let infoFields: Set<String> = ["title", "author", "subject", "company", "operator"]

    /// Windows code pages of the `\fcharsetN` values.
    static let fontCharsets: [Int: Int] = [
        0: 1252, 128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 163: 1258, 177: 1255, 178: 1256,
        186: 1257, 204: 1251, 222: 874, 238: 1250,
    ]

    static let symbols: [String: String] = [
        "emdash": "—", "endash": "–", "bullet": "•", "lquote": "‘", "rquote": "’", "ldblquote": "“",
        "rdblquote": "”", "enspace": " ", "emspace": " ", "qmspace": " ", "tab": "\t",
    ]

    struct Parser {
        let bytes: [UInt8]
        var position = 0
        var stack: [GroupState] = []
        var state = GroupState()
        var blocks: [Block] = []
        var footnotes: [String] = []
        var info: [String: String] = [:]
        var created: CalendarDate?
        var createdParts: [String: Int] = [:]
        /// Text of the paragraph, footnote or field being read.
        var paragraph = ""
        var footnote = ""
        var field = ""
        var cells: [String] = []
        /// Bytes of `\'hh` escapes not yet converted (a double-byte character spans two).
        var pendingBytes: [UInt8] = []
        var skipCharacters = 0
        /// A `\*` was just read: the next control word opens a destination to skip unless known.
        var ignorableNext = false
        var styleNames: [Int: String] = [:]
        var fontCodePages: [Int: Int] = [:]
        var currentFont = 0
        var styleText = ""
        /// The first half of a character written as two `\u` (a surrogate pair).
        var highSurrogate: Int?
        /// Groups opened past `maximumDepth`, counted rather than kept.
        var excessDepth = 0
        static let maximumDepth = 200

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        mutating func run() {
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case UInt8(ascii: "{"):
                    flushBytes()
                    // Nesting is bounded: a hostile file of a million braces costs no more than a flat one.
                    if stack.count >= Parser.maximumDepth {
                        excessDepth += 1
                        state.destination = .skipped
                    } else {
                        stack.append(state)
                    }
                case UInt8(ascii: "}"):
                    flushBytes()
                    if excessDepth > 0 {
                        excessDepth -= 1
                    } else {
                        endGroup()
                    }
                case UInt8(ascii: "\\"):
                    controlWord()
                case 0x0D, 0x0A:
                    continue
                default:
                    append(byte: byte)
                }
            }
            flushBytes()
            endParagraph()
        }

        private mutating func endGroup() {
            let ending = state
            guard let outer = stack.popLast() else { return }
            state = outer
            switch ending.destination {
            case .info(let key) where state.destination != ending.destination:
                let value = TextNormalizer.collapseWhitespace(field)
                if !value.isEmpty, info[key] == nil { info[key] = value }
                field = ""
            case .footnote where state.destination != .footnote:
                let text = TextNormalizer.collapseWhitespace(footnote)
                if !text.isEmpty { footnotes.append(text) }
                footnote = ""
            case .styleSheet where state.destination == .styleSheet:
                // One style: "{\s1 … heading 1;}"; character styles ("\cs10") are not paragraphs'.
                let name = TextNormalizer.collapseWhitespace(styleText).trimmingCharacters(in: [";"])
                if ending.definesStyle { styleNames[ending.style] = name.lowercased() }
                styleText = ""
            default:
                break
            }
        }

        private mutating func controlWord() {
            guard position < bytes.count else { return }
            let first = bytes[position]
            if !isLetter(first) {
                position += 1
                controlSymbol(first)
                return
            }
            let start = position
            while position < bytes.count, isLetter(bytes[position]) { position += 1 }
            let word = String(decoding: bytes[start..<position], as: UTF8.self)
            var parameter: Int?
            let numberStart = position
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
            while position < bytes.count, isDigit(bytes[position]), position - numberStart < 10 { position += 1 }
            if position > numberStart, let value = Int(String(decoding: bytes[numberStart..<position], as: UTF8.self)) {
                parameter = value
            } else {
                position = numberStart
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: " ") { position += 1 }
            apply(word, parameter)
        }

        private mutating func controlSymbol(_ symbol: UInt8) {
            switch symbol {
            case UInt8(ascii: "'"):
                guard position + 1 < bytes.count, let high = hexValue(bytes[position]),
                    let low = hexValue(bytes[position + 1])
                else { return }
                position += 2
                if skipCharacters > 0 {
                    skipCharacters -= 1
                    return
                }
                pendingBytes.append(high << 4 | low)
            case UInt8(ascii: "*"):
                ignorableNext = true
            case UInt8(ascii: "~"):
                emit(" ")
            case UInt8(ascii: "_"):
                emit("-")
            case UInt8(ascii: "-"):
                break
            case 0x0D, 0x0A:
                flushBytes()
                endParagraph()
            case UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                append(byte: symbol)
            default:
                break
            }
        }

        private mutating func apply(_ word: String, _ parameter: Int?) {
            flushBytes()
            let ignorable = ignorableNext
            ignorableNext = false
            if state.destination == .skipped { return }
            switch word {
            case "footnote":
                state.destination = .footnote
                return
            case "fonttbl":
                state.destination = .fontTable
                return
            case "stylesheet":
                state.destination = .styleSheet
                return
            case "info":
                state.destination = .info("")
                return
            case "creatim":
                state.destination = .info("creatim")
                return
            case "yr", "mo", "dy":
                if case .info("creatim") = state.destination, let parameter {
                    createdParts[word] = parameter
                    if let year = createdParts["yr"], let month = createdParts["mo"], let day = createdParts["dy"] {
                        created = CalendarDate(year: year, month: month, day: day)
                    }
                }
                return
            default:
                break
            }
            if case .info = state.destination, Self.isInfoField(word) {
                state.destination = .info(word)
                field = ""
                return
            }
            if ignorable || RTFReader.skippedDestinations.contains(word) {
                state.destination = .skipped
                return
            }
            switch word {
            case "ansicpg": if let parameter { state.codePage = parameter }
            case "uc": state.unicodeSkip = max(0, parameter ?? 1)
            case "u":
                guard let parameter else { return }
                let value = parameter < 0 ? parameter + 65536 : parameter
                skipCharacters = state.unicodeSkip
                // A character beyond the first plane comes as two: a high surrogate, then a low one.
                if (0xD800..<0xDC00).contains(value) {
                    highSurrogate = value
                    return
                }
                if (0xDC00..<0xE000).contains(value), let high = highSurrogate {
                    highSurrogate = nil
                    let combined = 0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00)
                    if let scalar = Unicode.Scalar(UInt32(combined)) { emit(String(scalar)) }
                    return
                }
                highSurrogate = nil
                if let scalar = Unicode.Scalar(UInt32(clamping: value)) { emit(String(scalar)) }
            case "f":
                let font = parameter ?? 0
                if state.destination == .fontTable {
                    currentFont = font
                } else if let codePage = fontCodePages[font] {
                    state.codePage = codePage
                }
            case "fcharset":
                if state.destination == .fontTable, let parameter, let codePage = RTFReader.fontCharsets[parameter] {
                    fontCodePages[currentFont] = codePage
                }
            case "s":
                state.style = parameter ?? 0
                state.definesStyle = true
            case "outlinelevel":
                state.outlineLevel = parameter
            case "pard":
                state.style = 0
                state.outlineLevel = nil
                state.inTable = false
            case "intbl":
                state.inTable = true
            case "par", "sect", "page", "line":
                endParagraph()
            case "cell", "nestcell":
                cells.append(TextNormalizer.collapseWhitespace(paragraph))
                paragraph = ""
            case "row":
                endRow()
            default:
                if let symbol = RTFReader.symbols[word] { emit(symbol) }
            }
        }

        private static func isInfoField(_ word: String) -> Bool {
            RTFReader.infoFields.contains(word)
        }

        private mutating func append(byte: UInt8) {
            if skipCharacters > 0 {
                skipCharacters -= 1
                return
            }
            if byte < 0x80 {
                flushBytes()
                emit(String(UnicodeScalar(byte)))
            } else {
                pendingBytes.append(byte)
            }
        }

        /// Converts the escaped bytes gathered so far in the code page in force.
        private mutating func flushBytes() {
            guard !pendingBytes.isEmpty else { return }
            let bytes = pendingBytes
            pendingBytes.removeAll()
            let codePage = state.codePage
            let text =
                codePage == 1252
                ? TextDecoder.decodeWindows1252(bytes[...]) : Charset.decode(bytes, charset: "cp\(codePage)").text
            emit(text)
        }

        private mutating func emit(_ text: String) {
            switch state.destination {
            case .body: paragraph += text
            case .footnote: footnote += text
            case .info: field += text
            case .styleSheet: styleText += text
            case .fontTable, .skipped: break
            }
        }

        private mutating func endParagraph() {
            switch state.destination {
            case .body: break
            case .footnote:
                footnote += " "
                return
            default: return
            }
            if state.inTable {
                // A paragraph inside a cell: the cell goes on until `\cell`.
                paragraph += " "
                return
            }
            let text = TextNormalizer.collapseWhitespace(paragraph.replacing("\t", with: " "))
            paragraph = ""
            guard !text.isEmpty else { return }
            if let level = headingLevel() {
                blocks.append(.heading(level: level, text: text))
            } else {
                blocks.append(.paragraph(text))
            }
        }

        private mutating func endRow() {
            if !paragraph.isEmpty { cells.append(TextNormalizer.collapseWhitespace(paragraph)) }
            paragraph = ""
            let row = cells.filter { !$0.isEmpty }
            cells.removeAll()
            if !row.isEmpty { blocks.append(.paragraph(row.joined(separator: " | "))) }
        }

        private func headingLevel() -> Int? {
            if let level = state.outlineLevel, (0..<9).contains(level) { return level + 1 }
            guard let name = styleNames[state.style] else { return nil }
            if name == "title" { return 1 }
            guard name.hasPrefix("heading"), let level = Int(name.dropFirst("heading".count).trimmingPrefix(" "))
            else { return nil }
            return (1...9).contains(level) ? level : nil
        }

        private func isLetter(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }

        private func isDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }

        private func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
    }
}
