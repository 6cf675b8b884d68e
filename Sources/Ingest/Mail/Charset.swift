#if canImport(Glibc)
    import Glibc
#endif

/// Text in a charset a message declares: UTF-8, Latin-1 and Windows-1252 directly, any other
/// through the C library's iconv (glibc's converters, maintained with the system). A charset
/// iconv does not know, or bytes that are not in the charset they claim, are read as UTF-8 when
/// they are valid UTF-8 and as Windows-1252 otherwise, with a warning.
enum Charset {
    struct Decoded: Equatable {
        var text: String
        var warning: String?
    }

    static func decode(_ bytes: [UInt8], charset declared: String?) -> Decoded {
        let charset = (declared ?? "us-ascii").lowercased().filter { !$0.isWhitespace }
        switch charset {
        case "utf-8", "utf8", "us-ascii", "ascii", "":
            if let text = String(validating: bytes, as: UTF8.self) { return Decoded(text: text) }
            if charset.hasPrefix("utf") {
                return Decoded(
                    text: String(decoding: bytes, as: UTF8.self), warning: "invalid UTF-8 replaced with U+FFFD")
            }
            return Decoded(text: TextDecoder.decodeWindows1252(bytes[...]))
        case "iso-8859-1", "latin1", "iso8859-1", "l1":
            return Decoded(text: latin1(bytes))
        case "windows-1252", "cp1252":
            return Decoded(text: TextDecoder.decodeWindows1252(bytes[...]))
        default:
            if let text = iconv(bytes, from: charset) { return Decoded(text: text) }
            if let text = String(validating: bytes, as: UTF8.self) {
                return Decoded(text: text, warning: "charset \(charset) unknown or wrong: read as UTF-8")
            }
            return Decoded(
                text: TextDecoder.decodeWindows1252(bytes[...]),
                warning: "charset \(charset) unknown or wrong: read as Windows-1252")
        }
    }

    /// Latin-1: each byte is the code point of its value.
    static func latin1(_ bytes: some Sequence<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }

    /// `bytes` converted from `charset` to UTF-8, or nil when iconv does not know the charset or
    /// the bytes are not valid in it.
    static func iconv(_ bytes: [UInt8], from charset: String) -> String? {
        guard charset.utf8.count < 64, charset.allSatisfy({ $0.isLetter || $0.isNumber || "-_.:".contains($0) })
        else { return nil }
        let converter = iconv_open("UTF-8", charset)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let converted: Int? = input.withUnsafeMutableBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var inPointer = UnsafeMutableRawPointer(inputBuffer.baseAddress).map {
                    $0.assumingMemoryBound(to: CChar.self)
                }
                var inLeft = inputBuffer.count
                var outPointer = UnsafeMutableRawPointer(outputBuffer.baseAddress).map {
                    $0.assumingMemoryBound(to: CChar.self)
                }
                var outLeft = outputBuffer.count
                guard Glibc.iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else {
                    return nil
                }
                return outputBuffer.count - outLeft
            }
        }
        guard let converted else { return nil }
        return String(decoding: output[..<converted], as: UTF8.self)
    }
}
