import Foundation

/// Turns bytes into text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.
/// Line endings become "\n" and the text is in Unicode normalisation form C, so "é" typed as
/// e + combining accent matches "é".
enum TextDecoder {
    struct Decoded: Equatable {
        var text: String
        var warnings: [String]
    }

    static func decode(_ bytes: [UInt8]) -> Decoded {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return decodeUTF8(bytes.dropFirst(3))
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return decodeUTF16(bytes.dropFirst(2), bigEndian: false)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return decodeUTF16(bytes.dropFirst(2), bigEndian: true)
        }
        return decodeUTF8(bytes[...])
    }

    private static func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> Decoded {
        if let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: normalizeLineEndings(text), warnings: [])
        }
        var invalid = 0
        var multibyte = 0
        var scalars = String.UnicodeScalarView()
        var iterator = bytes.makeIterator()
        var utf8 = UTF8()
        loop: while true {
            switch utf8.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value >= 0x80 { multibyte += 1 }
                scalars.append(scalar)
            case .emptyInput:
                break loop
            case .error:
                invalid += 1
                scalars.append("\u{FFFD}")
            }
        }
        if invalid == 0 {
            return Decoded(text: normalizeLineEndings(String(scalars)), warnings: [])
        }
        if multibyte == 0 {
            // Not a single valid multi-byte sequence: this is a legacy 8-bit encoding, not damaged UTF-8.
            return Decoded(
                text: normalizeLineEndings(decodeWindows1252(bytes)),
                warnings: ["not UTF-8: decoded as Windows-1252"]
            )
        }
        return Decoded(
            text: normalizeLineEndings(String(scalars)),
            warnings: ["\(invalid) invalid UTF-8 byte sequence(s) replaced with U+FFFD"]
        )
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> Decoded {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let first = UInt16(bytes[index])
            let second = UInt16(bytes[index + 1])
            units.append(bigEndian ? first << 8 | second : second << 8 | first)
            index += 2
        }
        var warnings: [String] = []
        if bytes.count % 2 == 1 { warnings.append("UTF-16 text with an odd number of bytes: last byte dropped") }
        var invalid = 0
        var scalars = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var utf16 = UTF16()
        loop: while true {
            switch utf16.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: break loop
            case .error:
                invalid += 1
                scalars.append("\u{FFFD}")
            }
        }
        if invalid > 0 { warnings.append("\(invalid) invalid UTF-16 unit(s) replaced with U+FFFD") }
        return Decoded(text: normalizeLineEndings(String(scalars)), warnings: warnings)
    }

    /// Windows-1252: Latin-1 with printable characters in 0x80–0x9F.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
    ]

    static func decodeWindows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80..<0xA0).contains(byte) ? windows1252High[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    static func normalizeLineEndings(_ text: String) -> String {
        var text = text
        if text.utf8.containsByte(UInt8(ascii: "\r")) {
            text = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        }
        if mayNeedComposition(text) { text = text.precomposedStringWithCanonicalMapping }
        return text
    }

    /// Whether `text` may not be in NFC: it holds a scalar that composes with the one before it
    /// (a combining mark, a Hangul vowel or final, a few Indic vowel signs) or that NFC replaces.
    /// Most text, ASCII or precomposed, needs no look at all.
    static func mayNeedComposition(_ text: String) -> Bool {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return false }
        for scalar in text.unicodeScalars where !scalar.isASCII {
            let value = scalar.value
            if (0x0900...0x0DFF).contains(value) || (0x1000...0x11FF).contains(value)
                || (0x1B00...0x1B7F).contains(value) || value >= 0x1_0000
            {
                return true  // Indic and Balinese vowel signs, Hangul jamo, supplementary planes: let NFC decide
            }
            let properties = scalar.properties
            if properties.canonicalCombiningClass != .notReordered || properties.isFullCompositionExclusion {
                return true
            }
        }
        return false
    }
}
