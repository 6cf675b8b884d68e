import GRDB

/// Every row of a kind, page by page, all from one view of the cache: an export made while
/// documents arrive holds the cache as it was when it began, at one generation.
public struct ExportReads: Sendable {
    let pool: DatabasePool

    /// A view of the cache as it is now, kept until the export ends.
    public func snapshot() throws -> ExportSnapshot {
        let snapshot = try pool.makeSnapshot()
        let generation = try snapshot.read { db in try Generation.fetch(db) }
        return ExportSnapshot(snapshot: snapshot, generation: generation)
    }
}

/// What can be exported, and the columns of each, in order (kept stable: documented in the README).
public enum ExportKind: String, Sendable, CaseIterable {
    case documents, entities, mentions, quotes, timeline, relations

    public var columns: [String] {
        switch self {
        case .documents: ["path", "status", "title", "format", "published", "author", "site", "words", "reason"]
        case .entities: ["id", "name", "kind", "aliases", "titles", "mentions", "documents"]
        case .mentions: ["entity", "kind", "text", "path", "sentence", "sentence_text"]
        case .quotes: ["speaker", "text", "path", "title", "sentence"]
        case .timeline:
            ["date", "precision", "written", "resolved", "sentence", "path", "title", "heading", "names", "published"]
        case .relations:
            [
                "source_id", "source", "source_kind", "target_id", "target", "target_kind", "sentences", "documents",
                "evidence", "evidence_path", "evidence_sentence",
            ]
        }
    }
}

/// One value of an exported row.
public enum ExportValue: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int64)
    case boolean(Bool)
    case list([String])

    /// The text, or null.
    static func optional(_ text: String?) -> ExportValue {
        text.map(ExportValue.text) ?? .null
    }
}

/// Which rows an export holds.
public struct ExportFilter: Sendable, Equatable {
    /// Rows of documents that pass this search (its words, and its filters).
    public var search: DocumentSearch?
    /// Rows about this entity (by name, alias or a person's last name): its mentions, its quotes,
    /// the dated sentences that name it, its relations; for entities, itself.
    public var entity: String?
    /// Entities, and relations between entities, of this kind only.
    public var entityKind: String?
    /// Timeline rows whose date overlaps this span.
    public var span: DateSpan?

    public init(search: DocumentSearch? = nil, entity: String? = nil, entityKind: String? = nil, span: DateSpan? = nil)
    {
        self.search = search
        self.entity = entity
        self.entityKind = entityKind
        self.span = span
    }
}

/// Where the next page of an export starts: after the row with this key.
public struct ExportCursor: Sendable, Equatable {
    var keys: [Int64]
}

public final class ExportSnapshot: Sendable {
    let snapshot: DatabaseSnapshot
    /// The generation every row is from.
    public let generation: Int64

    init(snapshot: DatabaseSnapshot, generation: Int64) {
        self.snapshot = snapshot
        self.generation = generation
    }

    /// Up to `limit` rows of `kind` after `cursor`, and the cursor of the next page (nil at the end).
    public func page(_ kind: ExportKind, _ filter: ExportFilter, after cursor: ExportCursor?, limit: Int)
        async throws -> (rows: [[ExportValue]], next: ExportCursor?)
    {
        try await snapshot.read { db in
            try ExportQueries(db: db, filter: filter).page(kind, after: cursor, limit: limit)
        }
    }
}

/// The queries of one page of an export.
private struct ExportQueries {
    let db: Database
    let filter: ExportFilter

    func page(_ kind: ExportKind, after cursor: ExportCursor?, limit: Int) throws
        -> (rows: [[ExportValue]], next: ExportCursor?)
    {
        let entityIDs = try filter.entity.map { try DocumentFilter.entityIDs(named: $0, in: db) }
        if let entityIDs, entityIDs.isEmpty { return ([], nil) }
        let (documents, documentArguments) = documentCondition()
        switch kind {
        case .documents:
            let rows = try DocumentRow.fetchAll(
                db,
                sql: """
                    SELECT d.id, d.path, d.status, d.title, d.format, d.published, d.byline, d.site_name,
                        d.word_count, d.reason
                    FROM documents d WHERE d.id > ? \(documents) ORDER BY d.id LIMIT ?
                    """, arguments: [cursor?.keys.first ?? 0] + documentArguments + [limit])
            return (
                rows.map { row in
                    [
                        .text(row.path), .text(row.status), .text(row.title), .optional(row.format),
                        .optional(row.published), .optional(row.byline), .optional(row.siteName),
                        .integer(row.wordCount), .optional(row.reason),
                    ]
                }, next(rows.count, limit, rows.last.map { [$0.id] })
            )
        case .entities:
            let only =
                (entityIDs.map { "AND e.id IN (\(SQL.placeholders($0.count)))" } ?? "")
                + (filter.entityKind == nil ? "" : " AND e.kind = ?")
            let inDocuments =
                documents.isEmpty ? "" : "AND m.document_id IN (SELECT d.id FROM documents d WHERE 1 \(documents))"
            let rows = try EntityRow.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.name, e.kind, count(*) AS mentions, count(DISTINCT m.document_id) AS documents
                    FROM entities e JOIN mentions m ON m.entity_id = e.id
                    WHERE e.id > ? \(only) \(inDocuments) GROUP BY e.id ORDER BY e.id LIMIT ?
                    """,
                arguments: [cursor?.keys.first ?? 0] + StatementArguments(entityIDs ?? [])
                    + StatementArguments([filter.entityKind].compactMap { $0 }) + documentArguments + [limit])
            let summaries = try EntitySummaries.fetchByID(db, ids: rows.map(\.id))
            return (
                rows.map { row in
                    [
                        .integer(row.id), .text(row.name), .text(row.kind), .list(summaries[row.id]?.aliases ?? []),
                        .list(summaries[row.id]?.titles ?? []), .integer(row.mentions), .integer(row.documents),
                    ]
                }, next(rows.count, limit, rows.last.map { [$0.id] })
            )
        case .mentions:
            let only = entityIDs.map { "AND m.entity_id IN (\(SQL.placeholders($0.count)))" } ?? ""
            let rows = try MentionRow.fetchAll(
                db,
                sql: """
                    SELECT m.rowid AS id, e.name AS entity, e.kind, m.text, d.path, m.sentence,
                        \(Schema.sentenceText) AS sentence_text
                    FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN documents d ON d.id = m.document_id
                    JOIN texts t ON t.id = m.document_id
                    LEFT JOIN sentences s ON s.id = t.first_sentence + m.sentence AND s.document = m.document_id
                    WHERE m.rowid > ? \(only) \(documents) ORDER BY m.rowid LIMIT ?
                    """,
                arguments: [cursor?.keys.first ?? 0] + StatementArguments(entityIDs ?? []) + documentArguments
                    + [limit])
            return (
                rows.map { row in
                    [
                        .text(row.entity), .text(row.kind), .text(row.text), .text(row.path), .integer(row.sentence),
                        .optional(row.sentenceText),
                    ]
                }, next(rows.count, limit, rows.last.map { [$0.id] })
            )
        case .quotes:
            let only = entityIDs.map { "AND q.entity_id IN (\(SQL.placeholders($0.count)))" } ?? ""
            let rows = try QuoteRow.fetchAll(
                db,
                sql: """
                    SELECT q.id, coalesce(e.name, q.speaker) AS speaker, \(Schema.quoteText) AS text, d.path, d.title,
                        q.sentence
                    FROM quotes q JOIN documents d ON d.id = q.document_id LEFT JOIN entities e ON e.id = q.entity_id
                    LEFT JOIN texts qt ON qt.id = q.document_id
                    WHERE q.id > ? \(only) \(documents) ORDER BY q.id LIMIT ?
                    """,
                arguments: [cursor?.keys.first ?? 0] + StatementArguments(entityIDs ?? []) + documentArguments
                    + [limit])
            return (
                rows.map { row in
                    [
                        .optional(row.speaker), .text(row.text), .text(row.path), .text(row.title),
                        .integer(row.sentence),
                    ]
                }, next(rows.count, limit, rows.last.map { [$0.id] })
            )
        case .timeline:
            return try timeline(after: cursor, limit: limit)
        case .relations:
            let after = cursor?.keys ?? [0, 0]
            let only =
                (entityIDs.map {
                    let ids = SQL.placeholders($0.count)
                    return "AND (a.entity_id IN (\(ids)) OR b.entity_id IN (\(ids)))"
                } ?? "")
                + (filter.entityKind == nil
                    ? ""
                    : " AND a.entity_id IN (SELECT id FROM entities WHERE kind = ?)"
                        + " AND b.entity_id IN (SELECT id FROM entities WHERE kind = ?)")
            let rows = try RelationRow.fetchAll(
                db,
                sql: """
                    SELECT a.entity_id AS source, b.entity_id AS target,
                        count(DISTINCT a.document_id || ':' || a.sentence) AS sentences,
                        count(DISTINCT a.document_id) AS documents, min(t.first_sentence + a.sentence) AS evidence
                    FROM mentions a JOIN mentions b
                        ON b.document_id = a.document_id AND b.sentence = a.sentence AND b.entity_id > a.entity_id
                    JOIN documents d ON d.id = a.document_id JOIN texts t ON t.id = a.document_id
                    WHERE (a.entity_id, b.entity_id) > (?, ?) \(only) \(documents)
                    GROUP BY a.entity_id, b.entity_id ORDER BY a.entity_id, b.entity_id LIMIT ?
                    """,
                arguments: StatementArguments(after) + StatementArguments((entityIDs ?? []) + (entityIDs ?? []))
                    + StatementArguments(filter.entityKind.map { [$0, $0] } ?? []) + documentArguments + [limit])
            let names = try EntitySummaries.fetchByID(db, ids: Array(Set(rows.flatMap { [$0.source, $0.target] })))
            let evidence = try Self.sentences(rows.map(\.evidence), in: db)
            return (
                rows.map { row in
                    [
                        .integer(row.source), .optional(names[row.source]?.name), .optional(names[row.source]?.kind),
                        .integer(row.target), .optional(names[row.target]?.name), .optional(names[row.target]?.kind),
                        .integer(row.sentences), .integer(row.documents), .integer(row.evidence),
                        .optional(evidence[row.evidence]?.path), .optional(evidence[row.evidence]?.text),
                    ]
                }, next(rows.count, limit, rows.last.map { [$0.source, $0.target] })
            )
        }
    }

    /// Dated sentences in date order (those of no known year last), by the same keys the page
    /// goes on from.
    private func timeline(after cursor: ExportCursor?, limit: Int) throws -> (
        rows: [[ExportValue]], next: ExportCursor?
    ) {
        let timelineFilter = TimelineReads.Filter(
            entities: filter.entity.map { [$0] } ?? [], span: filter.span, search: filter.search)
        let page = try TimelineReads.page(timelineFilter, after: cursor?.keys, limit: limit, in: db)
        return (
            page.statements.map { statement in
                [
                    .text(statement.date), .text(statement.precision.rawValue), .text(statement.written),
                    .boolean(statement.resolved), .text(statement.sentence), .text(statement.path),
                    .text(statement.title), .optional(statement.heading), .list(statement.names),
                    .optional(statement.published),
                ]
            }, page.next.map { ExportCursor(keys: $0) }
        )
    }

    /// The text and document of each sentence of `ids`.
    private static func sentences(_ ids: [Int64], in db: Database) throws -> [Int64: SentenceRow] {
        var sentences: [Int64: SentenceRow] = [:]
        for chunk in Array(Set(ids)).chunked(500) {
            for row in try SentenceRow.fetchAll(
                db,
                sql: """
                    SELECT s.id, d.path, \(Schema.sentenceText) AS text FROM sentences s JOIN texts t ON t.id = s.document
                    JOIN documents d ON d.id = s.document WHERE s.id IN (\(SQL.placeholders(chunk.count)))
                    """, arguments: StatementArguments(Array(chunk)))
            {
                sentences[row.id] = row
            }
        }
        return sentences
    }

    /// The conditions on `documents d` of the filter's search (its words, its exclusion and its
    /// filters), each after an AND, and their arguments.
    private func documentCondition() -> (String, StatementArguments) {
        guard let search = filter.search else { return ("", []) }
        var (conditions, arguments) = search.conditions(documentID: "d.id")
        if let match = search.match {
            conditions.insert("d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", at: 0)
            arguments.insert(match, at: 0)
        }
        return (conditions.map { " AND " + $0 }.joined(), StatementArguments(arguments))
    }

    /// The cursor after the last row of a page, unless the page was the last.
    private func next(_ count: Int, _ limit: Int, _ keys: [Int64]?) -> ExportCursor? {
        guard count == limit, let keys else { return nil }
        return ExportCursor(keys: keys)
    }

    private struct DocumentRow: Decodable, FetchableRecord {
        var id: Int64
        var path: String
        var status: String
        var title: String
        var format: String?
        var published: String?
        var byline: String?
        var siteName: String?
        var wordCount: Int64
        var reason: String?

        enum CodingKeys: String, CodingKey {
            case id, path, status, title, format, published, byline, reason
            case siteName = "site_name"
            case wordCount = "word_count"
        }
    }

    private struct EntityRow: Decodable, FetchableRecord {
        var id: Int64
        var name: String
        var kind: String
        var mentions: Int64
        var documents: Int64
    }

    private struct MentionRow: Decodable, FetchableRecord {
        var id: Int64
        var entity: String
        var kind: String
        var text: String
        var path: String
        var sentence: Int64
        var sentenceText: String?

        enum CodingKeys: String, CodingKey {
            case id, entity, kind, text, path, sentence
            case sentenceText = "sentence_text"
        }
    }

    private struct QuoteRow: Decodable, FetchableRecord {
        var id: Int64
        var speaker: String?
        var text: String
        var path: String
        var title: String
        var sentence: Int64
    }

    private struct RelationRow: Decodable, FetchableRecord {
        var source: Int64
        var target: Int64
        var sentences: Int64
        var documents: Int64
        var evidence: Int64
    }

    private struct SentenceRow: Decodable, FetchableRecord {
        var id: Int64
        var path: String
        var text: String
    }
}
