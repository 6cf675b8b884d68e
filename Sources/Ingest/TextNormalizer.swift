import Foundation

/// Small text helpers shared by the readers.
enum TextNormalizer {
    /// Collapses runs of white space (including non-breaking and other Unicode spaces) to one
    /// space, drops control characters, and trims the ends. Works on UTF-8 bytes: multi-byte
    /// characters other than spaces pass through untouched.
    static func collapseWhitespace(_ text: some StringProtocol) -> String {
        if let collapsed = text.utf8.withContiguousStorageIfAvailable(collapse) { return collapsed ?? String(text) }
        return Array(text.utf8).withUnsafeBufferPointer(collapse) ?? String(text)
    }

    /// The collapsed text, or nil when collapsing changes nothing: single spaces between words,
    /// nothing to drop.
    private static func collapse(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = 0
        // Most text needs nothing: find out before copying it.
        var previousIsSpace = true
        scan: while index < bytes.count {
            let (kind, length) = classify(bytes, at: index)
            switch kind {
            case .dropped: break scan
            case .space where bytes[index] != 0x20 || previousIsSpace: break scan
            case .space: previousIsSpace = true
            case .kept: previousIsSpace = false
            }
            index += length
        }
        if index == bytes.count, !previousIsSpace || bytes.isEmpty { return nil }

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var pendingSpace = false
        index = 0
        while index < bytes.count {
            let (kind, length) = classify(bytes, at: index)
            switch kind {
            case .space: pendingSpace = true
            case .dropped: break
            case .kept:
                if pendingSpace && !output.isEmpty { output.append(0x20) }
                pendingSpace = false
                output.append(contentsOf: bytes[index..<(index + length)])
            }
            index += length
        }
        return String(decoding: output, as: UTF8.self)
    }

    private enum ByteKind { case space, dropped, kept }

    /// What the character whose UTF-8 bytes start at `index` is to collapsing, and how many bytes
    /// it takes: white space (ASCII, no-break, the Unicode spaces), dropped (controls, C1 controls,
    /// a byte order mark) or kept.
    private static func classify(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (ByteKind, Int) {
        let byte = bytes[index]
        switch byte {
        case 0x20, 0x09...0x0D:
            return (.space, 1)
        case 0x00..<0x20, 0x7F:
            return (.dropped, 1)
        case 0xC2:
            guard index + 1 < bytes.count else { return (.dropped, 1) }
            let second = bytes[index + 1]
            if second == 0xA0 || second == 0x85 { return (.space, 2) }
            return ((0x80...0x9F).contains(second) ? .dropped : .kept, 2)
        case 0xE2, 0xE3, 0xEF:
            guard index + 1 < bytes.count else { return (.dropped, 1) }
            guard index + 2 < bytes.count else { return (.kept, 2) }
            let (second, third) = (bytes[index + 1], bytes[index + 2])
            let isSpace =
                (byte == 0xE2 && second == 0x80
                    && ((0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF))
                || (byte == 0xE2 && second == 0x81 && third == 0x9F)
                || (byte == 0xE3 && second == 0x80 && third == 0x80)
            if isSpace { return (.space, 3) }
            return (byte == 0xEF && second == 0xBB && third == 0xBF ? .dropped : .kept, 3)
        default:
            return (.kept, 1)
        }
    }

    /// The lines of `text`, split at each line feed, empty ones included. Splits UTF-8 bytes: a
    /// line feed is always a character of its own, so this is what splitting characters gives, only
    /// without finding every character's bounds.
    static func lines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        var start = text.utf8.startIndex
        var index = start
        while let feed = text.utf8[index...].firstIndex(of: 0x0A) {
            lines.append(text[start..<feed])
            start = text.utf8.index(after: feed)
            index = start
        }
        lines.append(text[start...])
        return lines
    }

    static func isBlank(_ line: some StringProtocol) -> Bool {
        line.allSatisfy(\.isWhitespace)
    }
}

/// Counts words: runs of letters, digits and inner apostrophes or hyphens.
public enum WordCounter {
    /// The number of words, or `limit` when there are that many or more: callers that only
    /// ask "more than fourteen?" stop reading there.
    public static func count(_ text: some StringProtocol, upTo limit: Int = .max) -> Int {
        var count = 0
        var inWord = false
        for scalar in text.unicodeScalars {
            let isWordScalar = scalar.isWordScalar
            if isWordScalar {
                if !inWord {
                    count += 1
                    if count >= limit { return limit }
                }
                inWord = true
            } else if inWord, scalar == "'" || scalar == "’" || scalar == "-" {
                continue
            } else {
                inWord = false
            }
        }
        return count
    }
}

extension Unicode.Scalar {
    /// White space, with an ASCII fast path.
    @inline(__always) var isSpace: Bool {
        if isASCII { return value == 0x20 || (0x09...0x0D).contains(value) }
        return properties.isWhitespace
    }

    /// A letter or a digit, with an ASCII fast path (Unicode property look-ups are slow).
    @inline(__always) public var isWordScalar: Bool {
        if isASCII {
            let value = self.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        return properties.isAlphabetic || properties.numericType != nil
    }
}

extension String.UTF8View {
    /// Whether the text has `byte`: `memchr` over the contiguous bytes of a native string.
    func containsByte(_ byte: UInt8) -> Bool {
        withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        } ?? contains(byte)
    }
}
