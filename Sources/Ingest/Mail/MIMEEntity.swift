import Foundation

/// One entity of an Internet message (RFC 5322, MIME: RFC 2045–2047, 2231): its header fields,
/// unfolded, and its body as bytes, decoded from base64 or quoted-printable.
struct MIMEEntity {
    /// Header fields in order: the lower-case name and the raw value.
    var fields: [(name: String, value: String)]
    /// The body as it stands in the message (still in its transfer encoding).
    var rawBody: ArraySlice<UInt8>

    /// Splits `bytes` at the first empty line (LF or CRLF).
    init(_ bytes: ArraySlice<UInt8>) {
        var fields: [(String, String)] = []
        var index = bytes.startIndex
        var current: (name: String, value: String)?
        while index < bytes.endIndex {
            var end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.endIndex
            let next = end < bytes.endIndex ? end + 1 : end
            if end > index, bytes[end - 1] == 0x0D { end -= 1 }
            let line = bytes[index..<end]
            index = next
            if line.isEmpty { break }
            if line.first == 0x20 || line.first == 0x09 {
                // A folded continuation of the field before.
                current?.value += " " + Self.text(line).trimmingCharacters(in: .whitespaces)
                continue
            }
            if let field = current { fields.append(field) }
            current = nil
            guard let colon = line.firstIndex(of: 0x3A) else { continue }
            let name = Self.text(line[..<colon]).trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty, !name.contains(" ") else { continue }
            current = (name, Self.text(line[(colon + 1)...]).trimmingCharacters(in: .whitespaces))
        }
        if let field = current { fields.append(field) }
        self.fields = fields
        rawBody = bytes[index...]
    }

    /// Header bytes as text: UTF-8 where valid (RFC 6532), Latin-1 otherwise.
    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(validating: bytes, as: UTF8.self) ?? Charset.latin1(bytes)
    }

    func field(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// The field's value with its encoded words decoded.
    func decodedField(_ name: String) -> String? { field(name).map(EncodedWords.decode) }

    /// `Content-Type`: the lower-case type and its parameters (RFC 2231 continuations and
    /// charsets included). No field means text/plain in US-ASCII.
    var contentType: (type: String, parameters: [String: String]) {
        guard let value = field("content-type") else { return ("text/plain", [:]) }
        let (head, parameters) = Self.parameters(of: value)
        return (head.lowercased(), parameters)
    }

    var contentDisposition: (kind: String, parameters: [String: String])? {
        field("content-disposition").map { value in
            let (head, parameters) = Self.parameters(of: value)
            return (head.lowercased(), parameters)
        }
    }

    /// The file name of an attachment, from `Content-Disposition` or `Content-Type`.
    var fileName: String? {
        let name = contentDisposition?.parameters["filename"] ?? contentType.parameters["name"]
        return name.map(EncodedWords.decode).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The body, decoded from its transfer encoding.
    var body: [UInt8] {
        switch field("content-transfer-encoding")?.lowercased().trimmingCharacters(in: .whitespaces) {
        case "base64"?:
            return Base64.decode(rawBody) ?? []
        case "quoted-printable"?:
            return QuotedPrintable.decode(rawBody)
        default:
            return Array(rawBody)
        }
    }

    /// The parts of a multipart body, split at its boundary; empty when there is none.
    func parts() -> [MIMEEntity] {
        guard contentType.type.hasPrefix("multipart/"), let boundary = contentType.parameters["boundary"],
            !boundary.isEmpty
        else { return [] }
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [MIMEEntity] = []
        var start: Int?
        var index = rawBody.startIndex
        while index < rawBody.endIndex {
            let lineEnd = rawBody[index...].firstIndex(of: 0x0A) ?? rawBody.endIndex
            let line = rawBody[index..<lineEnd]
            if line.starts(with: delimiter) {
                if let start {
                    var end = index
                    // The line break before a delimiter belongs to the delimiter.
                    if end > start, rawBody[end - 1] == 0x0A { end -= 1 }
                    if end > start, rawBody[end - 1] == 0x0D { end -= 1 }
                    parts.append(MIMEEntity(rawBody[start..<end]))
                }
                let rest = line.dropFirst(delimiter.count)
                if rest.starts(with: [0x2D, 0x2D]) { return parts }  // "--": the closing delimiter
                start = lineEnd < rawBody.endIndex ? lineEnd + 1 : lineEnd
            }
            index = lineEnd < rawBody.endIndex ? lineEnd + 1 : lineEnd
        }
        // No closing delimiter (a message cut short): the last part runs to the end.
        if let start, start < rawBody.endIndex { parts.append(MIMEEntity(rawBody[start...])) }
        return parts
    }

    /// `type/subtype; name=value; name*=charset''encoded; name*0=…` read into the head and the parameters.
    static func parameters(of value: String) -> (String, [String: String]) {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        for character in value {
            if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        let head = pieces.removeFirst().trimmingCharacters(in: .whitespaces)
        var simple: [String: String] = [:]
        var continued: [String: [(Int, String, Bool)]] = [:]
        for piece in pieces {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            var name = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            let extended = name.hasSuffix("*")
            if extended { name.removeLast() }
            if let star = name.firstIndex(of: "*"), let number = Int(name[name.index(after: star)...]) {
                continued[String(name[..<star]), default: []].append((number, value, extended))
            } else if extended {
                simple[name] = Self.extendedValue(value)
            } else {
                simple[name] = value
            }
        }
        for (name, sections) in continued where simple[name] == nil {
            let ordered = sections.sorted { $0.0 < $1.0 }
            let joined = ordered.map(\.1).joined()
            // The first section carries the charset; the rest are percent-encoded in it.
            simple[name] = ordered.first?.2 == true ? Self.extendedValue(joined) : joined
        }
        return (head, simple)
    }

    /// RFC 2231: `charset'language'percent-encoded`.
    private static func extendedValue(_ value: String) -> String {
        let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3 else { return value.removingPercentEncoding ?? value }
        var bytes: [UInt8] = []
        var scalars = Array(pieces[2].utf8)[...]
        while let byte = scalars.popFirst() {
            if byte == 0x25, scalars.count >= 2,
                let decoded = UInt8(String(decoding: scalars.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(decoded)
                scalars = scalars.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return Charset.decode(bytes, charset: String(pieces[0])).text
    }
}

/// Quoted-printable (RFC 2045 §6.7): `=XX` bytes and soft line breaks.
enum QuotedPrintable {
    static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == 0x3D else {
                output.append(byte)
                index += 1
                continue
            }
            let rest = bytes[(index + 1)...]
            if rest.starts(with: [0x0D, 0x0A]) {
                index += 3
            } else if rest.first == 0x0A {
                index += 2
            } else if rest.count >= 2, let value = hexValue(rest[rest.startIndex], rest[rest.startIndex + 1]) {
                output.append(value)
                index += 3
            } else {
                output.append(byte)  // A stray "=": kept as it is.
                index += 1
            }
        }
        return output
    }

    private static func hexValue(_ high: UInt8, _ low: UInt8) -> UInt8? {
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x41...0x46: byte - 0x41 + 10
            case 0x61...0x66: byte - 0x61 + 10
            default: nil
            }
        }
        guard let high = nibble(high), let low = nibble(low) else { return nil }
        return high << 4 | low
    }
}

/// Encoded words in header fields (RFC 2047): `=?charset?B?…?=` and `=?charset?Q?…?=`.
enum EncodedWords {
    static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var result = ""
        var rest = Substring(value)
        var lastWasEncoded = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            let afterStart = rest[start.upperBound...]
            guard let word = encodedWord(afterStart) else {
                result += before + "=?"
                rest = afterStart
                lastWasEncoded = false
                continue
            }
            // White space between two encoded words is not part of the text.
            if !(lastWasEncoded && before.allSatisfy(\.isWhitespace)) { result += before }
            result += word.text
            rest = word.rest
            lastWasEncoded = true
        }
        return result + rest
    }

    /// One encoded word after its "=?": the decoded text and what follows its "?=".
    private static func encodedWord(_ text: Substring) -> (text: String, rest: Substring)? {
        let parts = text.split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let end = parts[2].range(of: "?=") else { return nil }
        let charset = parts[0].split(separator: "*").first.map(String.init) ?? ""
        let encoded = parts[2][..<end.lowerBound]
        guard !charset.isEmpty, !encoded.contains(" ") else { return nil }
        let bytes: [UInt8]
        switch parts[1].uppercased() {
        case "B":
            guard let decoded = Base64.decode(Array(encoded.utf8)[...]) else { return nil }
            bytes = decoded
        case "Q":
            bytes = QuotedPrintable.decode(Array(encoded.utf8).map { $0 == 0x5F ? 0x20 : $0 }[...])
        default:
            return nil
        }
        return (Charset.decode(bytes, charset: charset).text, parts[2][end.upperBound...])
    }
}

/// Base64 as messages carry it: broken into lines, and sometimes without its padding.
enum Base64 {
    static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        var cleaned = bytes.filter { !($0 == 0x0A || $0 == 0x0D || $0 == 0x20 || $0 == 0x09) }
        while let last = cleaned.last, last == 0x3D { cleaned.removeLast() }
        cleaned += Array(repeating: 0x3D, count: (4 - cleaned.count % 4) % 4)
        return Data(base64Encoded: Data(cleaned), options: .ignoreUnknownCharacters).map { Array($0) }
    }
}
