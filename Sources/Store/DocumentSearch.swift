import GRDB

/// A document search, already compiled: an FTS5 expression built by the query parser (never raw
/// user text) and filters on the documents' path, language and entities.
public struct DocumentSearch: Sendable, Equatable {
    /// Documents must match this FTS5 expression over title and body; nil lists by the filters alone.
    public var match: String?
    /// Documents that match this FTS5 expression are left out.
    public var exclude: String?
    /// What `match` and `exclude` ask of a sentence (a timeline's), for the sentence index,
    /// which finds no phrase: each phrase as all of its words. nil when they ask nothing of the
    /// sentence but of its document (a title).
    public var sentenceMatch: String?
    public var sentenceExclude: String?
    public var filters: [DocumentFilter]

    public init(
        match: String?, exclude: String? = nil, sentenceMatch: String? = nil, sentenceExclude: String? = nil,
        filters: [DocumentFilter] = []
    ) {
        self.match = match
        self.exclude = exclude
        self.sentenceMatch = sentenceMatch
        self.sentenceExclude = sentenceExclude
        self.filters = filters
    }
}

extension DocumentSearch {
    /// The SQL conditions, and their arguments, for the search's exclusion and filters (not its
    /// words); `documentID` names the column that holds the document's id in the query they join.
    func conditions(documentID: String) -> ([String], [String]) {
        var conditions: [String] = []
        var arguments: [String] = []
        if let exclude {
            conditions.append("\(documentID) NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            arguments.append(exclude)
        }
        for filter in filters {
            let (condition, values) = filter.sql
            conditions.append(condition)
            arguments.append(contentsOf: values)
        }
        return (conditions, arguments)
    }
}

public struct DocumentFilter: Sendable, Equatable {
    public enum Field: String, Sendable {
        /// The path contains the value, or matches it as a glob when it has `*`, `?` or `[`.
        case path
        /// The document's detected language ("en").
        case language
        /// The document names the entity (by its name or an alias, any case).
        case entity
        /// The document's own date is in the span of the value (a partial date: see `DateSpan`).
        case published
        /// The document's own date is after the span of the value ends, or before it begins.
        case publishedAfter
        case publishedBefore
        /// The document's text states a date that overlaps the span of the value.
        case mentionsDate
    }

    public var field: Field
    public var value: String
    public var negated: Bool

    public init(_ field: Field, _ value: String, negated: Bool = false) {
        self.field = field
        self.value = value
        self.negated = negated
    }

    /// Every entity `name` can mean: by name, by alias, or a person by last name.
    static func entityIDs(named name: String, in db: Database) throws -> [Int64] {
        let entities = entityCondition(name)
        return try Int64.fetchAll(db, sql: entities.sql, arguments: StatementArguments(entities.arguments))
    }

    /// `text` in a LIKE pattern (escaped by backslash): its `%` and `_` stand for themselves.
    static func likePattern(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("%", with: "\\%").replacing("_", with: "\\_")
    }

    /// A query of the ids of the entities `name` can mean: by name, by alias, or a person by last
    /// name ("McKenzie" is Kenneth McKenzie). Keys are lower-cased as Swift does it, which
    /// SQLite's lower() does only for ASCII.
    static func entityCondition(_ name: String) -> (sql: String, arguments: [String]) {
        let key = name.lowercased()
        let pattern = likePattern(key)
        return (
            """
            SELECT entity_id FROM aliases WHERE key = ?
            UNION SELECT id FROM entities WHERE key = ?
            UNION SELECT id FROM entities WHERE kind = 'person' AND key LIKE '% ' || ? ESCAPE '\\'
            """,
            [key, key, pattern]
        )
    }

    var sql: (condition: String, arguments: [String]) {
        let condition: String
        var arguments = [value]
        switch field {
        case .path:
            condition =
                value.contains(where: { "*?[".contains($0) }) ? "d.path GLOB ?" : "instr(lower(d.path), lower(?)) > 0"
        case .language:
            condition = "d.language = lower(?)"
        case .entity:
            let entities = Self.entityCondition(value)
            condition = "d.id IN (SELECT m.document_id FROM mentions m WHERE m.entity_id IN (\(entities.sql)))"
            arguments = entities.arguments
        case .published, .publishedAfter, .publishedBefore, .mentionsDate:
            // The compiler checked the date; one that cannot be read matches nothing.
            guard let span = DateSpan(of: value) else { return (negated ? "1" : "0", []) }
            let first = span.first.iso
            let last = span.last.iso
            switch field {
            case .published:
                // An undated document is in no span: 0, so that NOT keeps it.
                condition = "coalesce(d.published BETWEEN ? AND ?, 0)"
                arguments = [first, last]
            case .publishedAfter:
                condition = "coalesce(d.published > ?, 0)"
                arguments = [last]
            case .publishedBefore:
                condition = "coalesce(d.published < ?, 0)"
                arguments = [first]
            default:
                // Looked up through the document's dates, for each document the rest keeps.
                condition =
                    "EXISTS (SELECT 1 FROM dates dt WHERE dt.document_id = d.id AND \(span.overlapped(by: "dt")))"
                arguments = []
            }
        }
        return (negated ? "NOT (\(condition))" : condition, arguments)
    }
}

/// One search hit. The snippet's matched terms are wrapped in the markers the caller chose.
public struct SearchHit: Sendable, Equatable, Decodable, FetchableRecord {
    public var path: String
    public var title: String
    public var category: String?
    public var snippet: String
    /// Higher is better (BM25 relevance, title weighted); 0 when listed by filters alone.
    public var score: Double
}

public struct SearchPage: Sendable, Equatable {
    public var total: Int
    public var hits: [SearchHit]
}
