/// Finds the day a document was published, which its relative dates are resolved against: a
/// page's metadata (`article:published_time` and kin, JSON-LD `datePublished`, `<time
/// datetime>`), Markdown front matter's `date:`, or a date line near the top of the text
/// ("Published 27 August 2021", "August 27, 2021 | By …").
enum PublicationDate {
    /// `<meta>` names and properties that carry the publication date, in lower case.
    private static let metaKeys: Set<String> = [
        "article:published_time", "og:published_time", "datepublished", "date", "pubdate", "publishdate",
        "publish-date", "dc.date", "dc.date.issued", "dcterms.created", "dcterms.date", "parsely-pub-date",
        "sailthru.date",
    ]

    /// How far a tag's attributes are read: bounds the work on a stray `<meta`.
    private static let maximumTagLength = 2048

    static func inHTML(_ html: String) -> CalendarDate? {
        let bytes = Array(html.utf8)
        var fromTime: CalendarDate?
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            index = open + 1
            if matches(bytes, "meta", at: index) {
                let (attributes, end) = attributes(bytes, from: index + 4)
                let key = (attributes["property"] ?? attributes["name"] ?? attributes["itemprop"])?.lowercased()
                if let key, metaKeys.contains(key), let date = attributes["content"].flatMap(CalendarDate.init(iso:)) {
                    return date
                }
                index = end  // each byte is read once, even in "<meta <meta <meta…"
            } else if fromTime == nil, matches(bytes, "time", at: index) {
                let (attributes, end) = attributes(bytes, from: index + 4)
                fromTime = attributes["datetime"].flatMap(CalendarDate.init(iso:))
                index = end
            }
        }
        return inJSONLD(bytes) ?? fromTime
    }

    /// The value of `date:` in Markdown front matter: ISO or written out.
    static func inFrontMatter(_ value: some StringProtocol) -> CalendarDate? {
        CalendarDate(iso: value) ?? fullDate(in: String(value))
    }

    /// A date line among the first few of the body, and where it is: short, holding a full date,
    /// and not a sentence of the story ("On 3 May 1998 the bridge opened." says when something
    /// happened, not when it was written), unless it says so ("Published 27 August 2021.").
    static func inDateline(_ blocks: [Block]) -> (date: CalendarDate, index: Int)? {
        for (index, block) in blocks.prefix(4).enumerated() {
            if case .code = block { continue }
            let text = block.text
            guard text.utf8.count <= 120, WordCounter.count(text, upTo: 15) <= 14 else { continue }
            if isTableRow(index, in: blocks) { continue }
            let first = text.prefix { $0.isLetter }.lowercased()
            guard !HeadingHeuristics.readsLikeProse(text) || datelineCues.contains(first) else { continue }
            if let date = fullDate(in: text) { return (date, index) }
        }
        return nil
    }

    /// A row of a table: a line of cells (" | ") beside another of as many cells. A date in a
    /// timetable's first row is the table's, not the page's.
    static func isTableRow(_ index: Int, in blocks: [Block]) -> Bool {
        func cells(_ index: Int) -> Int {
            guard blocks.indices.contains(index), case .paragraph(let text) = blocks[index] else { return 0 }
            // The separators, counted in the bytes: a paragraph may be long.
            var count = 1
            var previous: (UInt8, UInt8) = (0, 0)
            for byte in text.utf8 {
                if previous == (0x20, 0x7C) && byte == 0x20 {
                    // A separator's last space does not begin the next one.
                    count += 1
                    previous = (0, 0)
                } else {
                    previous = (previous.1, byte)
                }
            }
            return count
        }
        let count = cells(index)
        return count > 1 && (cells(index - 1) == count || cells(index + 1) == count)
    }

    private static let datelineCues: Set<String> = ["published", "posted", "updated", "date", "dated", "written"]

    private static func fullDate(in text: String) -> CalendarDate? {
        for mention in DateRecognizer.recognise(text, index: 0) {
            if let year = mention.startYear, mention.endYear == year, let month = mention.month, let day = mention.day,
                let date = CalendarDate(year: year, month: month, day: day)
            {
                return date
            }
        }
        return nil
    }

    /// `"datePublished": "2021-08-27…"` in a JSON-LD block.
    private static func inJSONLD(_ bytes: [UInt8]) -> CalendarDate? {
        let key = Array("\"datePublished\"".utf8)
        guard bytes.count > key.count else { return nil }
        var index = 0
        while index + key.count <= bytes.count {
            guard let start = bytes[index...].firstIndex(of: key[0]) else { return nil }
            index = start + 1
            guard start + key.count <= bytes.count, bytes[start..<(start + key.count)].elementsEqual(key) else {
                continue
            }
            var cursor = start + key.count
            while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == UInt8(ascii: ":") { cursor += 1 }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") else { continue }
            let value = bytes[(cursor + 1)..<min(bytes.count, cursor + 11)]
            if let date = CalendarDate(iso: String(decoding: value, as: UTF8.self)) { return date }
        }
        return nil
    }

    /// Whether the tag name `name` (lower case) starts at `index`, followed by a space or the tag's end.
    private static func matches(_ bytes: [UInt8], _ name: StaticString, at index: Int) -> Bool {
        let count = name.utf8CodeUnitCount
        guard index + count < bytes.count else { return false }
        return name.withUTF8Buffer { pattern in
            for offset in 0..<count {
                let byte = bytes[index + offset]
                if ((0x41...0x5A).contains(byte) ? byte | 0x20 : byte) != pattern[offset] { return false }
            }
            let next = bytes[index + count]
            return next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == UInt8(ascii: ">")
                || next == UInt8(ascii: "/")
        }
    }

    /// A tag's attributes, names in lower case, read from `start` up to its `>`; and where reading stopped.
    private static func attributes(_ bytes: [UInt8], from start: Int) -> ([String: String], Int) {
        var result: [String: String] = [:]
        var index = start
        let end = min(bytes.count, start + maximumTagLength)
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while index < end {
            while index < end, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") { index += 1 }
            guard index < end, bytes[index] != UInt8(ascii: ">") else { break }
            let nameStart = index
            while index < end, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="),
                bytes[index] != UInt8(ascii: ">")
            {
                index += 1
            }
            let name = String(decoding: bytes[nameStart..<index], as: UTF8.self).lowercased()
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == UInt8(ascii: "=") else { continue }
            index += 1
            while index < end, isSpace(bytes[index]) { index += 1 }
            guard index < end else { break }
            let value: ArraySlice<UInt8>
            if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                let quote = bytes[index]
                let valueEnd = bytes[(index + 1)..<end].firstIndex(of: quote) ?? end
                value = bytes[(index + 1)..<valueEnd]
                index = valueEnd + 1
            } else {
                let valueStart = index
                while index < end, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
                value = bytes[valueStart..<index]
            }
            if result[name] == nil { result[name] = String(decoding: value, as: UTF8.self) }
        }
        return (result, index)
    }
}
