/// What an element's `class` and `id` say about it: the words that mark content, chrome, a
/// byline. These are the hints the Readability family of extractors reads (case-insensitive
/// substrings, as their regular expressions match).
enum ClassPatterns {
    /// Chrome that is dropped before scoring, unless ``maybeContent`` also matches.
    static let unlikely = Needles([
        "-ad-", "ai2html", "banner", "breadcrumbs", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
        "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar",
        "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager", "popup",
        "yom-remote",
    ])
    static let maybeContent = Needles(["and", "article", "body", "column", "content", "main", "mathjax", "shadow"])
    static let positive = Needles([
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text",
        "blog", "story",
    ])
    static let negative = Needles([
        "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead", "media",
        "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
        "shopping", "tags", "widget",
    ])
    static let byline = Needles(["byline", "author", "dateline", "writtenby", "p-author"])
    static let share = Needles(["share"])
    /// ARIA roles of page chrome.
    static let unlikelyRoles: Set<String> = [
        "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
    ]

    /// Whether `text` holds the word "hid" on its own ("hid", "x hid", "hid y"): a common name for
    /// hidden blocks that the substrings cannot tell from "hidden" or "chide".
    static func hasHidWord(_ text: String) -> Bool {
        text.lowercased().split(separator: " ").contains("hid")
    }

    /// Lower-case substrings, any of which may match.
    struct Needles: Sendable {
        let needles: [[UInt8]]

        init(_ words: [String]) { needles = words.map { Array($0.utf8) } }

        func matches(_ text: String) -> Bool {
            guard !text.isEmpty else { return false }
            let haystack = Array(text.utf8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            for needle in needles where needle.count <= haystack.count {
                var start = 0
                while start + needle.count <= haystack.count {
                    guard let first = haystack[start...].firstIndex(of: needle[0]),
                        first + needle.count <= haystack.count
                    else { break }
                    if haystack[first..<(first + needle.count)].elementsEqual(needle) { return true }
                    start = first + 1
                }
            }
            return false
        }
    }
}
