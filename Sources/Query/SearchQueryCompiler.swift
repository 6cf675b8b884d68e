import Store

/// Turns a parsed query into a `DocumentSearch`: an FTS5 expression in which every word and
/// phrase is a quoted string (so no user text is FTS5 syntax), plus filters.
///
/// `entity:`, `path:`, `lang:` and the date fields filter whole documents, so they stand at the top level (alone
/// or negated), not inside OR or parentheses. A query may exclude words only beside something to
/// look for.
public enum SearchQueryCompiler {
    public static func compile(_ query: SearchQuery) throws(SearchQuerySyntaxError) -> DocumentSearch {
        let parts: [SearchQuery]
        if case .all(let items) = query { parts = items } else { parts = [query] }
        var positive: [SearchQuery] = []
        var negative: [SearchQuery] = []
        var filters: [DocumentFilter] = []
        var firstNegation: Int?
        for part in parts {
            switch part {
            case .field(let field, let value, _, let position) where field != .title:
                filters.append(try filter(field, value, at: position))
            case .not(.field(let field, let value, _, let position), _) where field != .title:
                var filter = try filter(field, value, at: position)
                filter.negated = true
                filters.append(filter)
            case .not(let inner, let position):
                negative.append(inner)
                firstNegation = firstNegation ?? position
            default:
                positive.append(part)
            }
        }
        if positive.isEmpty && filters.isEmpty {
            throw SearchQuerySyntaxError(
                "a query cannot only exclude: add a word to look for", column: firstNegation ?? 1)
        }
        func joined(_ parts: [SearchQuery], by separator: String, phrases: Bool) throws(SearchQuerySyntaxError)
            -> String?
        {
            var rendered: [String] = []
            for part in parts { rendered.append(try expression(part, phrases: phrases)) }
            return rendered.isEmpty ? nil : rendered.joined(separator: separator)
        }
        var search = DocumentSearch(
            match: try joined(positive, by: " AND ", phrases: true),
            exclude: try joined(negative, by: " OR ", phrases: true), filters: filters)
        search.sentenceMatch = try joined(positive, by: " AND ", phrases: false)
        search.sentenceExclude = try joined(negative, by: " OR ", phrases: false)
        return search
    }

    /// The filter a `field:value` term stands for; a date that cannot be read is an error at
    /// the value's column.
    private static func filter(_ field: SearchField, _ value: String, at position: Int) throws(SearchQuerySyntaxError)
        -> DocumentFilter
    {
        if field.takesDate, DateSpan(of: value) == nil {
            throw SearchQuerySyntaxError(
                "\(field.rawValue): needs a date, YYYY, YYYY-MM or YYYY-MM-DD (years 1 to 9999), not \"\(value.prefix(40))\"",
                column: position + field.rawValue.count + 1)
        }
        let kind: DocumentFilter.Field =
            switch field {
            case .path: .path
            case .lang: .language
            case .entity, .title: .entity
            case .published: .published
            case .after: .publishedAfter
            case .before: .publishedBefore
            case .date: .mentionsDate
            }
        return DocumentFilter(kind, value)
    }

    /// The FTS5 expression for a part of the query; without `phrases`, for an index that knows
    /// no positions, each phrase is all of its words.
    static func expression(_ query: SearchQuery, phrases: Bool = true) throws(SearchQuerySyntaxError) -> String {
        func words(_ text: String, prefix: Bool) -> String {
            phrases ? quote(text) + (prefix ? " *" : "") : allWords(of: text, prefix: prefix)
        }
        switch query {
        case .term(let word, let prefix), .phrase(let word, let prefix):
            return words(word, prefix: prefix)
        case .field(.title, let value, let prefix, _):
            return "title : " + words(value, prefix: prefix)
        case .field(let field, _, _, let position):
            throw SearchQuerySyntaxError(
                "\(field.rawValue): filters whole documents and cannot stand inside OR or parentheses",
                column: position)
        case .all(let parts):
            var positive: [String] = []
            var negative: [String] = []
            var firstNegation = 1
            for part in parts {
                if case .not(let inner, let position) = part {
                    negative.append(try expression(inner, phrases: phrases))
                    firstNegation = position
                } else {
                    positive.append(try expression(part, phrases: phrases))
                }
            }
            guard !positive.isEmpty else {
                throw SearchQuerySyntaxError(
                    "NOT needs something to exclude from: add a word beside it", column: firstNegation)
            }
            return "(" + positive.joined(separator: " AND ") + negative.map { " NOT " + $0 }.joined() + ")"
        case .any(let parts):
            var rendered: [String] = []
            for part in parts {
                if case .not(_, let position) = part {
                    throw SearchQuerySyntaxError(
                        "NOT needs something to exclude from: add a word beside it", column: position)
                }
                rendered.append(try expression(part, phrases: phrases))
            }
            return "(" + rendered.joined(separator: " OR ") + ")"
        case .not(_, let position):
            throw SearchQuerySyntaxError("NOT needs something to exclude from: add a word beside it", column: position)
        }
    }

    /// An FTS5 string: the index's tokenizer splits it into words, so "ISIS-K" is the phrase "isis k".
    static func quote(_ text: String) -> String {
        "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// An FTS5 expression for a text in an index without positions: each of the words the
    /// index's tokenizer splits it into (it splits at whatever is not a letter or a digit), all
    /// of them; "ISIS-K" is `("isis" AND "k")`. A prefix is of the last word.
    static func allWords(of text: String, prefix: Bool = false) -> String {
        let words = text.split { !($0.isLetter || $0.isNumber) }.map { quote(String($0)) }
        guard words.count > 1 else { return quote(text) + (prefix ? " *" : "") }
        return "(" + words.joined(separator: " AND ") + (prefix ? " *" : "") + ")"
    }
}
