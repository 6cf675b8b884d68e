import Foundation
import GRDB

/// The dated statements of the collection: every sentence that states a date, in date order,
/// with its document and the names it holds; or how many there are in each period.
public struct TimelineReads: Sendable {
    let reader: any DatabaseReader

    /// What a timeline keeps: every condition must hold.
    public struct Filter: Sendable, Equatable {
        /// Statements whose sentence names every one of these (by name or alias, any case).
        public var entities: [String]
        /// Statements whose date overlaps this span.
        public var span: DateSpan?
        /// Statements whose sentence matches the search's words and not those it excludes, in
        /// documents that pass its filters. A phrase is matched in the sentence as its words, and
        /// as a phrase in the sentence's document; a title, in the document.
        public var search: DocumentSearch?

        public init(entities: [String] = [], span: DateSpan? = nil, search: DocumentSearch? = nil) {
            self.entities = entities
            self.span = span
            self.search = search
        }
    }

    /// The statements `filter` keeps, earliest first (those whose year is not known last), at most `limit`.
    public func statements(_ filter: Filter, limit: Int) async throws -> [DatedStatement] {
        try await reader.read { db in try Self.page(filter, after: nil, limit: limit, in: db).statements }
    }

    /// The order of statements, as a key a page can go on from: year (none last), month, day,
    /// last year, then the order they were stored in.
    private static let order = [
        "coalesce(dt.start_year, 100000)", "coalesce(dt.month, 0)", "coalesce(dt.day, 0)", "coalesce(dt.end_year, 0)",
        "dt.rowid",
    ]

    /// Up to `limit` statements after the one whose order key is `after`, and the key of the last
    /// when there may be more.
    static func page(_ filter: Filter, after: [Int64]?, limit: Int, in db: Database) throws
        -> (statements: [DatedStatement], next: [Int64]?)
    {
        guard var (conditions, arguments) = try conditions(filter, in: db) else { return ([], nil) }
        if let after, after.count == order.count {
            conditions.append("(\(order.joined(separator: ", "))) > (\(SQL.placeholders(order.count)))")
            _ = arguments.append(contentsOf: StatementArguments(after))
        }
        var statements = try DatedStatement.fetchAll(
            db,
            sql: """
                SELECT dt.text AS written, dt.start_year, dt.end_year, dt.month, dt.day, dt.resolved,
                    dt.document_id, dt.sentence AS ordinal, d.path, d.title, d.published, sec.heading,
                    \(Schema.sentenceText) AS sentence, \(order.enumerated().map { "\($1) AS key\($0)" }.joined(separator: ", "))
                FROM dates dt
                JOIN documents d ON d.id = dt.document_id
                JOIN texts t ON t.id = dt.document_id
                JOIN sentences s ON s.id = t.first_sentence + dt.sentence AND s.document = dt.document_id
                LEFT JOIN sections sec ON sec.id = \(Schema.placeID(document: "s.document", ordinal: "s.section"))
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY \(order.joined(separator: ", "))
                LIMIT ?
                """, arguments: arguments + [limit])
        let names = try Self.names(in: Set(statements.map(\.place)), db)
        for index in statements.indices {
            statements[index].names = names[statements[index].place] ?? []
        }
        let next = statements.count == limit ? statements.last?.orderKey : nil
        return (statements, next)
    }

    /// How many statements `filter` keeps in each period of `unit`, earliest first. A statement
    /// counts in the period its date starts in; one whose date is less precise than `unit` (a
    /// year, counted by month) or has no year is not counted.
    public func counts(_ filter: Filter, by unit: DateSpan.Unit) async throws -> [PeriodCount] {
        try await reader.read { db in
            guard case (var conditions, let arguments)? = try Self.conditions(filter, in: db) else { return [] }
            conditions.append("dt.start_year IS NOT NULL")
            let period: String
            switch unit {
            case .year:
                period = "printf('%04d', dt.start_year)"
            case .month:
                conditions.append("dt.month IS NOT NULL")
                period = "printf('%04d-%02d', dt.start_year, dt.month)"
            case .day:
                conditions.append("dt.month IS NOT NULL AND dt.day IS NOT NULL")
                period = "printf('%04d-%02d-%02d', dt.start_year, dt.month, dt.day)"
            }
            // Joined to the sentence only when a condition reads it.
            let needsSentence = filter.search?.match != nil || filter.search?.exclude != nil
            return try PeriodCount.fetchAll(
                db,
                sql: """
                    SELECT \(period) AS period, count(*) AS statements FROM dates dt
                    \(filter.search?.filters.isEmpty ?? true ? "" : "JOIN documents d ON d.id = dt.document_id")
                    \(needsSentence ? "JOIN texts t ON t.id = dt.document_id JOIN sentences s ON s.id = t.first_sentence + dt.sentence AND s.document = dt.document_id" : "")
                    WHERE \(conditions.joined(separator: " AND "))
                    GROUP BY period ORDER BY period
                    """, arguments: arguments)
        }
    }

    /// The SQL conditions of `filter` over `dates dt` (joined to `documents d` and `sentences s`
    /// when a condition reads them), or nil when nothing can pass (a name nobody has).
    private static func conditions(_ filter: Filter, in db: Database) throws -> ([String], StatementArguments)? {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        for (index, name) in filter.entities.enumerated() {
            let ids = try DocumentFilter.entityIDs(named: name, in: db)
            guard !ids.isEmpty else { return nil }
            if index == 0 {
                // The dates of the sentences that name the first, found from its mentions: the
                // query starts from them rather than from every date.
                conditions.append(
                    """
                    dt.rowid IN (SELECT named.rowid FROM mentions m JOIN dates named
                        ON named.document_id = m.document_id AND named.sentence = m.sentence
                        WHERE m.entity_id IN (\(SQL.placeholders(ids.count))))
                    """)
            } else {
                conditions.append(
                    """
                    EXISTS (SELECT 1 FROM mentions m WHERE m.document_id = dt.document_id AND m.sentence = dt.sentence
                        AND m.entity_id IN (\(SQL.placeholders(ids.count))))
                    """)
            }
            _ = arguments.append(contentsOf: StatementArguments(ids))
        }
        if let span = filter.span { conditions.append(span.overlapped(by: "dt")) }
        let search = filter.search ?? DocumentSearch(match: nil)
        if let match = search.match {
            let (condition, values) = holding(sentence: search.sentenceMatch, document: match)
            conditions.append(condition)
            _ = arguments.append(contentsOf: StatementArguments(values))
        }
        if let exclude = search.exclude {
            let (condition, values) = holding(sentence: search.sentenceExclude, document: exclude)
            conditions.append("NOT \(condition)")
            _ = arguments.append(contentsOf: StatementArguments(values))
        }
        for documentFilter in search.filters {
            let (condition, values) = documentFilter.sql
            conditions.append(condition)
            _ = arguments.append(contentsOf: StatementArguments(values))
        }
        return (conditions, arguments)
    }

    /// The condition that the sentence `s` matches `document`, an expression over its document's
    /// index, of which `sentence` is what it asks of the sentence itself (nil: nothing). When the
    /// two are the same, the sentence index alone answers.
    private static func holding(sentence: String?, document: String) -> (String, [String]) {
        let inSentence = "s.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)"
        let inDocument = "dt.document_id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
        guard let sentence else { return ("(\(inDocument))", [document]) }
        if sentence == document { return ("(\(inSentence))", [sentence]) }
        return ("(\(inSentence) AND \(inDocument))", [sentence, document])
    }

    /// The names each of `places` holds, in the order they were first stored.
    private static func names(in places: Set<SentencePlace>, _ db: Database) throws -> [SentencePlace: [String]] {
        var names: [SentencePlace: [String]] = [:]
        let (wanted, arguments) = SentencePlace.wanted(places)
        for row in try PlacedName.fetchAll(
            db.cachedStatement(
                sql: """
                    \(wanted) SELECT m.document_id, m.sentence, e.name FROM wanted
                    JOIN mentions m ON m.document_id = wanted.document AND m.sentence = wanted.sentence
                    JOIN entities e ON e.id = m.entity_id
                    GROUP BY m.document_id, m.sentence, e.id ORDER BY min(m.rowid)
                    """), arguments: arguments)
        {
            names[SentencePlace(document: row.documentID, ordinal: row.sentence), default: []].append(row.name)
        }
        return names
    }

    private struct PlacedName: Decodable, FetchableRecord {
        var documentID: Int64
        var sentence: Int
        var name: String

        enum CodingKeys: String, CodingKey {
            case sentence, name
            case documentID = "document_id"
        }
    }
}

/// A sentence that states a date.
public struct DatedStatement: Sendable, Equatable, Decodable, FetchableRecord {
    /// The date as written ("August 26", "last year").
    public var written: String
    public var startYear: Int?
    public var endYear: Int?
    public var month: Int?
    public var day: Int?
    /// Part of the date came from the document's own date.
    public var resolved: Bool
    public var sentence: String
    public var path: String
    public var title: String
    /// The heading of the sentence's section.
    public var heading: String?
    /// The day the document says it was published (YYYY-MM-DD).
    public var published: String?
    /// The names the sentence holds.
    public var names: [String] = []
    var documentID: Int64
    var ordinal: Int
    /// Where it stands in the timeline's order (see `TimelineReads.page`).
    var orderKey: [Int64]

    var place: SentencePlace { SentencePlace(document: documentID, ordinal: ordinal) }

    enum CodingKeys: String, CodingKey {
        case written, month, day, resolved, sentence, path, title, heading, published, ordinal
        case key0, key1, key2, key3, key4
        case startYear = "start_year"
        case endYear = "end_year"
        case documentID = "document_id"
    }

    public init(from decoder: any Decoder) throws {
        let columns = try decoder.container(keyedBy: CodingKeys.self)
        written = try columns.decode(String.self, forKey: .written)
        startYear = try columns.decodeIfPresent(Int.self, forKey: .startYear)
        endYear = try columns.decodeIfPresent(Int.self, forKey: .endYear)
        month = try columns.decodeIfPresent(Int.self, forKey: .month)
        day = try columns.decodeIfPresent(Int.self, forKey: .day)
        resolved = try columns.decode(Bool.self, forKey: .resolved)
        sentence = try columns.decode(String.self, forKey: .sentence)
        path = try columns.decode(String.self, forKey: .path)
        title = try columns.decode(String.self, forKey: .title)
        heading = try columns.decodeIfPresent(String.self, forKey: .heading)
        published = try columns.decodeIfPresent(String.self, forKey: .published)
        documentID = try columns.decode(Int64.self, forKey: .documentID)
        ordinal = try columns.decode(Int.self, forKey: .ordinal)
        orderKey = try [CodingKeys.key0, .key1, .key2, .key3, .key4].map { try columns.decode(Int64.self, forKey: $0) }
    }

    /// The date in ISO 8601: "2015", "2021-08", "2021-08-26", a span of years "2019/2021", or
    /// without a year "--08-26".
    public var date: String {
        guard let startYear else {
            guard let month else { return "" }
            return day.map { String(format: "--%02d-%02d", month, $0) } ?? String(format: "--%02d", month)
        }
        if let endYear, endYear != startYear { return String(format: "%04d/%04d", startYear, endYear) }
        guard let month else { return String(format: "%04d", startYear) }
        guard let day else { return String(format: "%04d-%02d", startYear, month) }
        return String(format: "%04d-%02d-%02d", startYear, month, day)
    }

    /// How precise the date is: to the day, the month or the year (a span of years is by year).
    public var precision: DateSpan.Unit {
        if let endYear, let startYear, endYear != startYear { return .year }
        return day != nil ? .day : month != nil ? .month : .year
    }
}

/// How many statements fall in one period ("2021", "2021-08", "2021-08-26").
public struct PeriodCount: Sendable, Equatable, Decodable, FetchableRecord {
    public var period: String
    public var statements: Int

    public init(period: String, statements: Int) {
        self.period = period
        self.statements = statements
    }
}
