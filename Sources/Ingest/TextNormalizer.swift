import Foundation

/// Small text helpers shared by the readers.
enum TextNormalizer {
    /// Collapses runs of white space (including non-breaking and other Unicode spaces) to one
    /// space, drops control characters, and trims the ends. Works on UTF-8 bytes: multi-byte
    /// characters other than spaces pass through untouched.
    static func collapseWhitespace(_ text: some StringProtocol) -> String {
        if text.utf8.withContiguousStorageIfAvailable(isCollapsed) == true { return String(text) }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        var bytes = text.utf8.makeIterator()
        func next() -> UInt8? { bytes.next() }
        func emit(_ sequence: some Sequence<UInt8>) {
            if pendingSpace && !output.isEmpty { output.append(0x20) }
            pendingSpace = false
            output.append(contentsOf: sequence)
        }
        while let byte = next() {
            switch byte {
            case 0x20, 0x09...0x0D:
                pendingSpace = true
            case 0x00..<0x20, 0x7F:
                continue
            case 0xC2:
                guard let second = next() else { break }
                if second == 0xA0 || second == 0x85 {
                    pendingSpace = true
                } else if (0x80...0x9F).contains(second) {
                    continue  // C1 controls
                } else {
                    emit([byte, second])
                }
            case 0xE2, 0xE3, 0xEF:
                guard let second = next() else { break }
                guard let third = next() else {
                    emit([byte, second])
                    break
                }
                let isSpace =
                    (byte == 0xE2 && second == 0x80
                        && ((0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF))
                    || (byte == 0xE2 && second == 0x81 && third == 0x9F)
                    || (byte == 0xE3 && second == 0x80 && third == 0x80)
                let isZeroWidth = byte == 0xEF && second == 0xBB && third == 0xBF
                if isSpace {
                    pendingSpace = true
                } else if !isZeroWidth {
                    emit([byte, second, third])
                }
            default:
                emit(CollectionOfOne(byte))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether collapsing would change nothing: single spaces between words, nothing to drop.
    private static func isCollapsed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return bytes.isEmpty }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x20:
                if bytes[index - 1] == 0x20 { return false }
            case 0x00..<0x20, 0x7F:
                return false
            case 0xC2:
                guard index + 1 < bytes.count else { return false }
                let second = bytes[index + 1]
                if second == 0xA0 || second == 0x85 || (0x80...0x9F).contains(second) { return false }
            case 0xE2, 0xE3, 0xEF:
                guard index + 2 < bytes.count else { return false }
                let (second, third) = (bytes[index + 1], bytes[index + 2])
                if byte == 0xE2 && second == 0x80
                    && ((0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF)
                    || byte == 0xE2 && second == 0x81 && third == 0x9F
                    || byte == 0xE3 && second == 0x80 && third == 0x80
                    || byte == 0xEF && second == 0xBB && third == 0xBF
                {
                    return false
                }
            default:
                break
            }
            index += 1
        }
        return true
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
