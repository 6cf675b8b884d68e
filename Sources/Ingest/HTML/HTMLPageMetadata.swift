import Foundation

/// What a page says about itself: its title with the site's name taken off, the site's name, the
/// byline, the language, and the article's text where JSON-LD carries it. Read from `<meta>`
/// (Open Graph, Twitter cards, Dublin Core), schema.org JSON-LD, `<title>`, the first `<h1>` and
/// `<html lang>`.
struct HTMLPageMetadata: Equatable {
    var title: String?
    var siteName: String?
    var byline: String?
    /// A primary language subtag, lower case ("en", "pt").
    var language: String?
    /// JSON-LD `articleBody`: a strong hint of what the article says, used when the page's own
    /// markup yields much less.
    var articleBody: String?

    /// Separators between a title and the site's name, with the spaces around them.
    static let separators = [" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / ", " \\ "]

    init(_ tree: HTMLTree) {
        let head = tree.head
        let linked = LinkedData(head.jsonLD)
        let firstHeading = tree.root.flatMap { root in tree.descendants(of: root).first { tree.isElement($0, "h1") } }
            .map { tree.innerText($0) }
        siteName = Self.clean(head.meta("og:site_name") ?? linked.publisher ?? head.meta("application-name"))
        let declared = Self.clean(
            linked.headline ?? head.meta("og:title") ?? head.meta("twitter:title") ?? head.meta("dc.title")
                ?? head.meta("dcterms.title"))
        let documentTitle = Self.clean(head.title)
        title = Self.withoutSiteName(
            declared ?? documentTitle ?? Self.clean(firstHeading), siteName: siteName,
            knownTitles: [declared, Self.clean(firstHeading)].compactMap { $0 })
        byline = Self.clean(
            linked.author ?? head.meta("author").flatMap { $0.hasPrefix("http") ? nil : $0 } ?? head.meta("dc.creator"))
        language = Self.primaryLanguage(
            head.language ?? head.meta("content-language") ?? linked.language ?? head.meta("og:locale"))
        articleBody = linked.articleBody
    }

    private static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        let cleaned = TextNormalizer.collapseWhitespace(text)
        return cleaned.isEmpty ? nil : cleaned
    }

    static func primaryLanguage(_ tag: String?) -> String? {
        guard let tag else { return nil }
        let primary = tag.split { $0 == "-" || $0 == "_" }.first.map { $0.lowercased() } ?? ""
        guard (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return primary
    }

    /// The title without the site's name glued before or after it ("… | Ars Technica", "BBC News -
    /// …"): the known name, else a part that another title of the page (its heading, its declared
    /// title) stands for, else a short last part when what stays has three words or more.
    static func withoutSiteName(_ title: String?, siteName: String?, knownTitles: [String]) -> String? {
        guard var title else { return nil }
        if let siteName, title.count > siteName.count {
            let lowered = title.lowercased()
            let site = siteName.lowercased()
            for separator in separators {
                if lowered.hasSuffix(separator + site) {
                    title = String(title.dropLast(separator.count + site.count))
                    return title.trimmingCharacters(in: .whitespaces)
                }
                if lowered.hasPrefix(site + separator) {
                    title = String(title.dropFirst(separator.count + site.count))
                    return title.trimmingCharacters(in: .whitespaces)
                }
            }
        }
        guard let (separator, range) = lastSeparator(in: title) else { return title }
        let before = String(title[..<range.lowerBound])
        let after = String(title[range.upperBound...])
        let known = Set(knownTitles.map { $0.lowercased() })
        let words = { (text: String) in text.split(separator: " ").count }
        // The page's heading names one part: the title, when it is the longer part; a heading as
        // short as the other part is the site's logo, and the other part is the title.
        if known.contains(before.lowercased()) || known.contains(after.lowercased()) {
            if known.contains(before.lowercased()), words(before) >= words(after) { return before }
            if known.contains(after.lowercased()), words(after) >= words(before) { return after }
            return words(before) >= words(after) ? before : after
        }
        if known.contains(title.lowercased()) { return title }
        if words(after) <= 4, words(before) >= 3 { return before }
        if separator != " | ", words(before) <= 4, words(after) >= 3, siteName.map({ before.contains($0) }) == true {
            return after
        }
        return title
    }

    private static func lastSeparator(in title: String) -> (String, Range<String.Index>)? {
        var best: (String, Range<String.Index>)?
        for separator in separators {
            if let range = title.range(of: separator, options: .backwards),
                best.map({ range.lowerBound > $0.1.lowerBound }) ?? true
            {
                best = (separator, range)
            }
        }
        return best
    }
}

/// The schema.org article a page describes in JSON-LD, if any: its headline, author, publisher,
/// language and body text.
struct LinkedData {
    var headline: String?
    var author: String?
    var publisher: String?
    var language: String?
    var articleBody: String?

    private static let articleTypes = ["article", "posting", "report", "webpage", "creativework"]

    init(_ blocks: [String]) {
        for block in blocks {
            guard let data = block.data(using: .utf8),
                let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            else { continue }
            for object in Self.objects(in: json) where Self.isArticle(object) {
                headline = headline ?? Self.string(object["headline"]) ?? Self.string(object["name"])
                author = author ?? Self.names(object["author"])
                publisher = publisher ?? Self.names(object["publisher"])
                language = language ?? Self.string(object["inLanguage"])
                articleBody = articleBody ?? Self.string(object["articleBody"])
            }
        }
    }

    /// Every object in the JSON, top level, in arrays and in `@graph`, at most a few levels down.
    private static func objects(in json: Any, depth: Int = 0) -> [[String: Any]] {
        guard depth < 4 else { return [] }
        if let array = json as? [Any] { return array.flatMap { objects(in: $0, depth: depth + 1) } }
        guard let object = json as? [String: Any] else { return [] }
        return [object] + (object["@graph"].map { objects(in: $0, depth: depth + 1) } ?? [])
    }

    private static func isArticle(_ object: [String: Any]) -> Bool {
        let types = (object["@type"] as? [Any] ?? [object["@type"] as Any]).compactMap { $0 as? String }
        return types.contains { type in articleTypes.contains { type.lowercased().contains($0) } }
    }

    private static func string(_ value: Any?) -> String? {
        guard let text = value as? String else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A name, or names joined with commas: a string, `{"name": …}`, or a list of them.
    private static func names(_ value: Any?) -> String? {
        if let text = string(value) { return text.hasPrefix("http") ? nil : text }
        if let object = value as? [String: Any] { return string(object["name"]) }
        if let array = value as? [Any] {
            let all = array.compactMap { names($0) }
            return all.isEmpty ? nil : all.joined(separator: ", ")
        }
        return nil
    }
}
