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
    public init(marked: String) {
        var text = String.UnicodeScalarView()
        var ranges: [Range<Int>] = []
        var start: Int?
        var count = 0
        let open = Self.open.unicodeScalars.first!
        let close = Self.close.unicodeScalars.first!
        for scalar in marked.unicodeScalars {
            if scalar == open {
                start = count
            } else if scalar == close {
                if let begin = start, begin < count { ranges.append(begin..<count) }
                start = nil
            } else {
                text.append(scalar)
                count += 1
            }
        }
        self.init(text: String(text), ranges: ranges)
    }
}
