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
        let entityIDs = try filter.entity.map { name in
            let entities = DocumentFilter.entityCondition(name)
            return try Int64.fetchAll(db, sql: entities.sql, arguments: StatementArguments(entities.arguments))
        }
        if let entityIDs, entityIDs.isEmpty { return ([], nil) }
        let (documents, documentArguments) = documentCondition()
        switch kind {
        case .documents:
            let after = cursor?.keys.first ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.id, d.path, d.status, d.title, d.format, d.published, d.byline, d.site_name, d.word_count, d.reason
                    FROM documents d WHERE d.id > ? \(documents) ORDER BY d.id LIMIT ?
                    """, arguments: [after] + documentArguments + [limit])
            return (
                rows.map { row in
                    [
                        text(row, 1), text(row, 2), text(row, 3), text(row, 4), text(row, 5), text(row, 6),
                        text(row, 7), integer(row, 8), text(row, 9),
                    ]
                }, next(rows, limit) { [$0[0]] }
            )
        case .entities:
            let after = cursor?.keys.first ?? 0
            let only =
                (entityIDs.map { "AND e.id IN (\(SQL.placeholders($0.count)))" } ?? "")
                + (filter.entityKind == nil ? "" : " AND e.kind = ?")
            let inDocuments =
                documents.isEmpty ? "" : "AND m.document_id IN (SELECT d.id FROM documents d WHERE 1 \(documents))"
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.name, e.kind, count(*), count(DISTINCT m.document_id)
                    FROM entities e JOIN mentions m ON m.entity_id = e.id
                    WHERE e.id > ? \(only) \(inDocuments) GROUP BY e.id ORDER BY e.id LIMIT ?
                    """,
                arguments: [after] + StatementArguments(entityIDs ?? [])
                    + StatementArguments([filter.entityKind].compactMap { $0 })
                    + documentArguments + [limit])
            let summaries = try EntitySummaries.fetchByID(db, ids: rows.map { $0[0] })
            return (
                rows.map { row in
                    let id: Int64 = row[0]
                    return [
                        .integer(id), text(row, 1), text(row, 2), .list(summaries[id]?.aliases ?? []),
                        .list(summaries[id]?.titles ?? []), integer(row, 3), integer(row, 4),
                    ]
                }, next(rows, limit) { [$0[0]] }
            )
        case .mentions:
            let after = cursor?.keys.first ?? 0
            let only = entityIDs.map { "AND m.entity_id IN (\(SQL.placeholders($0.count)))" } ?? ""
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.rowid, e.name, e.kind, m.text, d.path, m.sentence, \(Schema.sentenceText)
                    FROM mentions m JOIN entities e ON e.id = m.entity_id JOIN documents d ON d.id = m.document_id
                    JOIN texts t ON t.id = m.document_id
                    LEFT JOIN sentences s ON s.id = t.first_sentence + m.sentence AND s.document = m.document_id
                    WHERE m.rowid > ? \(only) \(documents) ORDER BY m.rowid LIMIT ?
                    """, arguments: [after] + StatementArguments(entityIDs ?? []) + documentArguments + [limit])
            return (
                rows.map { row in
                    [text(row, 1), text(row, 2), text(row, 3), text(row, 4), integer(row, 5), text(row, 6)]
                }, next(rows, limit) { [$0[0]] }
            )
        case .quotes:
            let after = cursor?.keys.first ?? 0
            let only = entityIDs.map { "AND q.entity_id IN (\(SQL.placeholders($0.count)))" } ?? ""
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT q.id, coalesce(e.name, q.speaker), q.text, d.path, d.title, q.sentence
                    FROM quotes q JOIN documents d ON d.id = q.document_id LEFT JOIN entities e ON e.id = q.entity_id
                    WHERE q.id > ? \(only) \(documents) ORDER BY q.id LIMIT ?
                    """, arguments: [after] + StatementArguments(entityIDs ?? []) + documentArguments + [limit])
            return (
                rows.map { row in [text(row, 1), text(row, 2), text(row, 3), text(row, 4), integer(row, 5)] },
                next(rows, limit) { [$0[0]] }
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
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.entity_id, b.entity_id, count(DISTINCT a.document_id || ':' || a.sentence),
                        count(DISTINCT a.document_id), min(t.first_sentence + a.sentence)
                    FROM mentions a JOIN mentions b
                        ON b.document_id = a.document_id AND b.sentence = a.sentence AND b.entity_id > a.entity_id
                    JOIN documents d ON d.id = a.document_id JOIN texts t ON t.id = a.document_id
                    WHERE (a.entity_id, b.entity_id) > (?, ?) \(only) \(documents)
                    GROUP BY a.entity_id, b.entity_id ORDER BY a.entity_id, b.entity_id LIMIT ?
                    """,
                arguments: StatementArguments(after) + StatementArguments((entityIDs ?? []) + (entityIDs ?? []))
                    + StatementArguments(filter.entityKind.map { [$0, $0] } ?? []) + documentArguments + [limit])
            let names = try EntitySummaries.fetchByID(db, ids: Array(Set(rows.flatMap { [$0[0], $0[1]] as [Int64] })))
            let evidence = try Self.sentences(rows.map { $0[4] }, in: db)
            return (
                rows.map { row in
                    let source: Int64 = row[0]
                    let target: Int64 = row[1]
                    return [
                        .integer(source), names[source].map { .text($0.name) } ?? .null,
                        names[source].map { .text($0.kind) } ?? .null, .integer(target),
                        names[target].map { .text($0.name) } ?? .null, names[target].map { .text($0.kind) } ?? .null,
                        integer(row, 2), integer(row, 3), integer(row, 4),
                        evidence[row[4]].map { .text($0.path) } ?? .null,
                        evidence[row[4]].map { .text($0.text) } ?? .null,
                    ]
                }, next(rows, limit) { [$0[0], $0[1]] }
            )
        }
    }

    /// Dated sentences in date order (those of no known year last), by the same keys the page
    /// goes on from.
    private func timeline(after cursor: ExportCursor?, limit: Int) throws -> (
        rows: [[ExportValue]], next: ExportCursor?
    ) {
        let timelineFilter = TimelineReads.Filter(
            entities: filter.entity.map { [$0] } ?? [], span: filter.span, match: filter.search?.match,
            exclude: filter.search?.exclude, filters: filter.search?.filters ?? [])
        let page = try TimelineReads.page(timelineFilter, after: cursor?.keys, limit: limit, in: db)
        return (
            page.statements.map { statement in
                [
                    .text(statement.date), .text(statement.precision.rawValue), .text(statement.written),
                    .boolean(statement.resolved), .text(statement.sentence), .text(statement.path),
                    .text(statement.title), statement.heading.map(ExportValue.text) ?? .null, .list(statement.names),
                    statement.published.map(ExportValue.text) ?? .null,
                ]
            }, page.next.map { ExportCursor(keys: $0) }
        )
    }

    /// The text and document of each sentence of `ids`.
    private static func sentences(_ ids: [Int64], in db: Database) throws -> [Int64: (path: String, text: String)] {
        var sentences: [Int64: (path: String, text: String)] = [:]
        for chunk in Array(Set(ids)).chunked(500) {
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, d.path, \(Schema.sentenceText) FROM sentences s JOIN texts t ON t.id = s.document
                    JOIN documents d ON d.id = s.document WHERE s.id IN (\(SQL.placeholders(chunk.count)))
                    """, arguments: StatementArguments(Array(chunk)))
            {
                sentences[row[0]] = (row[1], row[2])
            }
        }
        return sentences
    }

    /// The conditions on `documents d` of the filter's search, and their arguments.
    private func documentCondition() -> (String, StatementArguments) {
        guard let search = filter.search else { return ("", []) }
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let match = search.match {
            conditions.append("d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            _ = arguments.append(contentsOf: [match])
        }
        if let exclude = search.exclude {
            conditions.append("d.id NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            _ = arguments.append(contentsOf: [exclude])
        }
        for documentFilter in search.filters {
            let (condition, values) = documentFilter.sql
            conditions.append(condition)
            _ = arguments.append(contentsOf: StatementArguments(values))
        }
        return (conditions.map { " AND " + $0 }.joined(), arguments)
    }

    private func text(_ row: Row, _ index: Int) -> ExportValue {
        (row[index] as String?).map(ExportValue.text) ?? .null
    }

    private func integer(_ row: Row, _ index: Int) -> ExportValue {
        (row[index] as Int64?).map(ExportValue.integer) ?? .null
    }

    /// The cursor after the last of `rows`, unless the page was the last.
    private func next(_ rows: [Row], _ limit: Int, keys: (Row) -> [Int64]) -> ExportCursor? {
        guard rows.count == limit, let last = rows.last else { return nil }
        return ExportCursor(keys: keys(last))
    }
}
