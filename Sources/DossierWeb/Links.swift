/// The page's addresses, each a real URL a person can bookmark and share: `/doc/PATH`,
/// `/entity/NAME`, `/search?q=…`. Every part that comes from a document is percent-encoded.
public enum Links {
    /// A document's page; `mark` is text on it to mark and scroll to.
    public static func document(_ path: String, mark: String? = nil) -> String {
        let encoded = path.split(separator: "/", omittingEmptySubsequences: false).map { encode(String($0)) }
            .joined(separator: "/")
        guard let mark else { return "/doc/" + encoded }
        return "/doc/\(encoded)?mark=\(encode(mark))#mark"
    }

    /// A name's page.
    public static func entity(_ name: String, kind: String? = nil) -> String {
        "/entity/" + encode(name) + (kind.map { "?kind=" + encode($0) } ?? "")
    }

    /// A page with a query string of `fields` (left out when empty).
    public static func page(_ path: String, _ fields: [(String, String?)]) -> String {
        let query = fields.compactMap { name, value in value.map { "\(encode(name))=\(encode($0))" } }
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    /// The search for `query`.
    public static func search(_ query: String) -> String { page("/search", [("q", query)]) }

    /// The search language's quoted phrase for a name: `entity:"Haqqani network"`.
    public static func entityTerm(_ name: String) -> String {
        "entity:\"" + name.replacing("\"", with: " ") + "\""
    }

    /// Percent-encodes everything but the unreserved characters of RFC 3986.
    public static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF")
                result += "%" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
            }
        }
        return result
    }

    /// The percent-decoded rest of `path` after `prefix` (`/doc/` or `/entity/`), or nil.
    public static func remainder(of path: String, after prefix: String) -> String? {
        guard path.hasPrefix(prefix) else { return nil }
        let rest = path.dropFirst(prefix.count)
        let raw = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let decoded = FormData.decode(raw, plusIsSpace: false)
        return decoded.isEmpty ? nil : decoded
    }
}
