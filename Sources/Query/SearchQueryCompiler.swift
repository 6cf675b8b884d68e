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
        var match: [String] = []
        for part in positive { match.append(try expression(part)) }
        var exclude: [String] = []
        for part in negative { exclude.append(try expression(part)) }
        // Of a sentence, the words it must hold; an exclusion that asks nothing of the sentence
        // (a title) leaves it to the document.
        let sentenceMatch = positive.compactMap(sentenceExpression)
        let sentenceExclude = negative.map(sentenceExpression)
        return DocumentSearch(
            match: match.isEmpty ? nil : match.joined(separator: " AND "),
            exclude: exclude.isEmpty ? nil : exclude.joined(separator: " OR "),
            sentenceMatch: sentenceMatch.isEmpty ? nil : sentenceMatch.joined(separator: " AND "),
            sentenceExclude: sentenceExclude.isEmpty || sentenceExclude.contains(nil)
                ? nil : sentenceExclude.compactMap(\.self).joined(separator: " OR "),
            filters: filters)
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

    /// The FTS5 expression for a part of the query.
    static func expression(_ query: SearchQuery) throws(SearchQuerySyntaxError) -> String {
        switch query {
        case .term(let word, let prefix), .phrase(let word, let prefix):
            return quote(word) + (prefix ? " *" : "")
        case .field(.title, let value, let prefix, _):
            return "title : " + quote(value) + (prefix ? " *" : "")
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
                    negative.append(try expression(inner))
                    firstNegation = position
                } else {
                    positive.append(try expression(part))
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
                rendered.append(try expression(part))
            }
            return "(" + rendered.joined(separator: " OR ") + ")"
        case .not(_, let position):
            throw SearchQuerySyntaxError("NOT needs something to exclude from: add a word beside it", column: position)
        }
    }

    /// What a part of the query asks of a sentence, as an FTS5 expression for the sentence index,
    /// which knows no positions: each phrase as all of its words. nil when it asks nothing of the
    /// sentence: a title is its document's. Only a part ``expression(_:)`` took is given.
    static func sentenceExpression(_ query: SearchQuery) -> String? {
        switch query {
        case .term(let word, let prefix), .phrase(let word, let prefix):
            return allWords(of: word, prefix: prefix)
        case .field, .not:
            return nil
        case .all(let parts):
            // What is left out only widens what the sentence index finds; the document's own
            // index, which has phrases and titles, then holds the whole expression to it. So a
            // NOT stays only when it is exactly what it says: widened, it would exclude more.
            var positive: [String] = []
            var negative: [String] = []
            for part in parts {
                if case .not(let inner, _) = part {
                    if let words = sentenceExpression(inner), words == (try? expression(inner)) {
                        negative.append(words)
                    }
                } else if let words = sentenceExpression(part) {
                    positive.append(words)
                }
            }
            guard !positive.isEmpty else { return nil }
            return "(" + positive.joined(separator: " AND ") + negative.map { " NOT " + $0 }.joined() + ")"
        case .any(let parts):
            var rendered: [String] = []
            for part in parts {
                guard let words = sentenceExpression(part) else { return nil }
                rendered.append(words)
            }
            return "(" + rendered.joined(separator: " OR ") + ")"
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
