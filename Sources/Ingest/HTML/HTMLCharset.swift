/// A saved web page's text, in the charset the page declares: a byte-order mark first; then the
/// charset a `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` near
/// its top names (browsers look in the first 1024 bytes; saved pages put comments and scripts
/// first, so a little more is read); else as any text (UTF-8, or Windows-1252 when it is not).
/// Charsets are converted by ``Charset`` (glibc's iconv); one it cannot convert is a warning,
/// and the page is read as any text.
enum HTMLCharset {
    /// How far into the page a declaration is looked for.
    static let prescanBytes = 4096

    static func decode(_ bytes: [UInt8]) -> TextDecoder.Decoded {
        let hasByteOrderMark =
            bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFF, 0xFE])
            || bytes.starts(with: [0xFE, 0xFF])
        guard !hasByteOrderMark, let declared = declared(in: bytes) else { return TextDecoder.decode(bytes) }
        let label = declared.lowercased()
        // A declaration written in ASCII cannot be UTF-16's (HTML reads such a page as UTF-8).
        if label.hasPrefix("utf-") || label == "unicode-1-1-utf-8" { return TextDecoder.decode(bytes) }
        // HTML reads Latin-1 and ASCII as Windows-1252, their superset.
        let charset = latin1Labels.contains(label) ? "windows-1252" : label
        if String(validating: bytes, as: UTF8.self) != nil, bytes.contains(where: { $0 >= 0x80 }) {
            // Valid UTF-8 with letters beyond ASCII is not an 8-bit charset by accident: a page
            // re-saved as UTF-8 that kept its old declaration.
            var decoded = TextDecoder.decode(bytes)
            decoded.warnings.append("declares \(declared) but is UTF-8: read as UTF-8")
            return decoded
        }
        let converted = Charset.decode(bytes, charset: charset)
        return TextDecoder.Decoded(
            text: TextDecoder.normalizeLineEndings(converted.text), warnings: converted.warning.map { [$0] } ?? [])
    }

    static let latin1Labels: Set<String> = [
        "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "cp1252", "x-cp1252", "iso_8859-1",
        "iso-ir-100", "cp819", "ibm819",
    ]

    /// The charset the first `<meta>` that declares one names, read from the page's first bytes
    /// (as Latin-1: the declaration itself is ASCII in every charset a page may be in).
    static func declared(in bytes: [UInt8]) -> String? {
        let head = Charset.latin1(bytes.prefix(prescanBytes)).lowercased()
        var rest = Substring(head)
        while let meta = rest.range(of: "<meta") {
            let tag = rest[meta.upperBound...].prefix { $0 != ">" }
            rest = rest[tag.endIndex...]
            guard let key = tag.range(of: "charset") else { continue }
            var value = tag[key.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            guard value.first == "=" else { continue }
            value = value.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
            let name = value.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }
            if !name.isEmpty { return String(name) }
        }
        return nil
    }
}
