/// A parsed search query: what the user typed, as a tree.
public indirect enum SearchQuery: Sendable, Equatable {
    /// A word; `prefix` when it ended in `*` ("attack*").
    case term(String, prefix: Bool)
    /// Words that must follow each other ("exact phrase").
    case phrase(String, prefix: Bool)
    /// `title:word`, `entity:"Haqqani network"`, `path:notes/`, `lang:en`.
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
