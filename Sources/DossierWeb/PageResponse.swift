/// What a page handler answers: a page, a redirect, or data for a script.
public struct PageResponse: Sendable {
    public var status: Int
    public var body: String
    public var contentType: String
    public var location: String?

    static func page(_ html: String, status: Int = 200) -> PageResponse {
        PageResponse(status: status, body: html, contentType: "text/html; charset=utf-8")
    }

    static func redirect(to location: String) -> PageResponse {
        PageResponse(status: 303, body: "", contentType: "text/plain; charset=utf-8", location: location)
    }

    static func json(_ text: String) -> PageResponse {
        PageResponse(status: 200, body: text, contentType: "application/json")
    }
}

/// A choice in a `<select>`.
struct Choice {
    var value: String
    var label: String
    var selected: Bool

    /// The kinds of name, with "any" first when `allowsAny`.
    static func kinds(selected: String?, allowsAny: Bool = true) -> [Choice] {
        let kinds = ["person", "organisation", "place", "other"]
        let any = allowsAny ? [Choice(value: "", label: "any", selected: selected == nil)] : []
        return any + kinds.map { Choice(value: $0, label: $0, selected: $0 == selected) }
    }
}
