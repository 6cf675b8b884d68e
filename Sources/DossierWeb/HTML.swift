/// Markup that is safe to put in a page as it is: every piece of text in it was escaped. Only
/// the builders in this module make it; a template prints it with `{{{…}}}`, everything else
/// with `{{…}}`, which escapes.
public struct HTML: Sendable, Equatable, CustomStringConvertible {
    public private(set) var markup: String

    public init() { markup = "" }

    /// Text, escaped.
    public init(text: some StringProtocol) {
        markup = ""
        append(text: text)
    }

    private init(trusted markup: String) { self.markup = markup }

    public var description: String { markup }
    public var isEmpty: Bool { markup.isEmpty }

    /// Appends text, escaped: `<`, `>`, `&`, both quotes, and control characters but tab and
    /// line feed (shown as U+FFFD).
    public mutating func append(text: some StringProtocol) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": markup += "&lt;"
            case ">": markup += "&gt;"
            case "&": markup += "&amp;"
            case "\"": markup += "&quot;"
            case "'": markup += "&#39;"
            case "\t", "\n": markup.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    markup += "\u{FFFD}"
                } else {
                    markup.unicodeScalars.append(scalar)
                }
            }
        }
    }

    public mutating func append(_ other: HTML) { markup += other.markup }

    /// `<tag attributes>content</tag>`, the attributes' values escaped. `tag` and the attribute
    /// names are the caller's own words, never a document's.
    public static func element(
        _ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:], _ content: HTML
    )
        -> HTML
    {
        var result = HTML(trusted: "<\(tag)")
        for (name, value) in attributes {
            result.markup += " \(name)=\""
            result.append(text: value)
            result.markup += "\""
        }
        result.markup += ">"
        result.append(content)
        result.markup += "</\(tag)>"
        return result
    }

    /// An element whose content is text.
    public static func element(
        _ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String> = [:], text: String
    )
        -> HTML
    {
        element(tag, attributes, HTML(text: text))
    }

    /// A line break, `<br>`.
    public static let lineBreak = HTML(trusted: "<br>")
}
