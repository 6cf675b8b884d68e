/// A parsed search query: what the user typed, as a tree.
public indirect enum SearchQuery: Sendable, Equatable {
    /// A word; `prefix` when it ended in `*` ("attack*").
    case term(String, prefix: Bool)
    /// Words that must follow each other ("exact phrase").
    case phrase(String, prefix: Bool)
    /// `title:word`, `entity:"Haqqani network"`, `path:notes/`, `lang:en`, `published:2021-08`.
    case field(SearchField, String, prefix: Bool, position: Int)
    /// Every part must match (words side by side, or AND).
    case all([SearchQuery])
    /// Any part may match (OR).
    case any([SearchQuery])
    /// The part must not match (NOT word, -word).
    case not(SearchQuery, position: Int)
}

public enum SearchField: String, Sendable, CaseIterable {
    case title
    case entity
    case path
    case lang
    /// The document's own date (YYYY, YYYY-MM or YYYY-MM-DD: a span as long as it is precise).
    case published
    /// Published after the span ends, or before it begins.
    case after
    case before
    /// The text states a date that overlaps the span.
    case date

    /// Whether the value is a date.
    var takesDate: Bool { [.published, .after, .before, .date].contains(self) }
}

/// Why a query could not be understood, and where: `column` counts characters from 1.
public struct SearchQuerySyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var column: Int

    public init(_ reason: String, column: Int) {
        self.reason = reason
        self.column = column
    }

    public var description: String { "\(reason) (column \(column))" }
}
