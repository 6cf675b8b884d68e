/// Text with some ranges marked, as a snippet with its matched words.
public struct HighlightedText: Sendable, Equatable {
    public var text: String
    /// Offsets in Unicode scalars (code points), end exclusive.
    public var ranges: [Range<Int>]

    public init(text: String, ranges: [Range<Int>]) {
        self.text = text
        self.ranges = ranges
    }

    /// Markers the store wraps matches in; private-use code points that do not occur in text.
    public static let open = "\u{E000}"
    public static let close = "\u{E001}"

    /// Reads text whose marked ranges sit between `open` and `close`; stray markers are dropped.
    ///
    /// Reads UTF-8 bytes: each marker is three bytes (EE 80 80 and EE 80 81), and a scalar is
    /// counted at each byte that is not a continuation byte.
    public init(marked: String) {
        let bytes = Array(marked.utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count)
        var ranges: [Range<Int>] = []
        var start: Int?
        var count = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0xEE, index + 2 < bytes.count, bytes[index + 1] == 0x80,
                bytes[index + 2] == 0x80 || bytes[index + 2] == 0x81
            {
                if bytes[index + 2] == 0x80 {
                    start = count
                } else {
                    if let begin = start, begin < count { ranges.append(begin..<count) }
                    start = nil
                }
                index += 3
                continue
            }
            if byte & 0xC0 != 0x80 { count += 1 }
            text.append(byte)
            index += 1
        }
        self.init(text: String(decoding: text, as: UTF8.self), ranges: ranges)
    }
}
