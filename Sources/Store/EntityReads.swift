import GRDB

/// Names across the collection: how often each is named, by what aliases and titles, and which
/// others are named in the same sentences.
public struct EntityReads: Sendable {
    let reader: any DatabaseReader

    /// Entities by how often they are named; `kind` and `path` narrow the list, and `named` to
    /// the entities written so (their name or an alias, in any case).
    public func list(kind: String?, path: String?, named name: String? = nil, limit: Int) async throws
        -> [EntitySummary]
    {
        try await reader.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let name {
                let key = name.lowercased()
                conditions.append("(e.key = ? OR e.id IN (SELECT entity_id FROM aliases WHERE key = ?))")
                _ = arguments.append(contentsOf: [key, key])
            }
            if let kind {
                conditions.append("e.kind = ?")
                _ = arguments.append(contentsOf: [kind])
            }
            if let path {
                conditions.append("m.document_id = (SELECT id FROM documents WHERE path = ?)")
                _ = arguments.append(contentsOf: [path])
            }
            _ = arguments.append(contentsOf: [limit])
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try EntitySummaries.fetch(
                db, sql: "\(EntitySummaries.select) \(filter) GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ?",
                arguments: arguments)
        }
    }

    /// Whether an entity by that name (or alias) exists.
    public func exists(named name: String) async throws -> Bool {
        try await reader.read { db in try Self.entityID(named: name, in: db) != nil }
    }

    /// Entities whose name or an alias is one of `names` (any case), each with the names it was
    /// found by, lower-cased.
    public func ids(namedAnyOf names: [String]) async throws -> [Int64: Set<String>] {
        guard !names.isEmpty else { return [:] }
        let keys = names.map { $0.lowercased() }
        return try await reader.read { db in
            var found: [Int64: Set<String>] = [:]
            for row in try NameRow.fetchAll(
                db,
                sql: """
                    SELECT id, key AS name FROM entities WHERE key IN (\(SQL.placeholders(keys.count)))
                    UNION SELECT entity_id, key FROM aliases WHERE key IN (\(SQL.placeholders(keys.count)))
                    """, arguments: StatementArguments(keys) + StatementArguments(keys))
            {
                found[row.id, default: []].insert(row.name)
            }
            return found
        }
    }

    /// Entities named in the same sentences as `name`, by how many; each with up to three sentences.
    public func related(to name: String, limit: Int) async throws -> (entity: EntitySummary, relations: [Relation])? {
        try await reader.read { db in
            guard let id = try Self.entityID(named: name, in: db),
                let subject = try EntitySummaries.fetch(
                    db, sql: "\(EntitySummaries.select) WHERE e.id = ? GROUP BY e.id", arguments: [id]
                ).first
            else { return nil }
            let pairs = try PairRow.fetchAll(
                db,
                sql: """
                    SELECT b.entity_id AS other, count(DISTINCT a.document_id || ':' || a.sentence) AS weight
                    FROM mentions a JOIN mentions b
                      ON b.document_id = a.document_id AND b.sentence = a.sentence AND b.entity_id != a.entity_id
                    WHERE a.entity_id = ?
                    GROUP BY b.entity_id ORDER BY weight DESC LIMIT ?
                    """, arguments: [id, limit])
            let others = try EntitySummaries.fetchByID(db, ids: pairs.map(\.other))
            var relations: [Relation] = []
            for pair in pairs {
                guard let other = others[pair.other] else { continue }
                let evidence = try Relation.Evidence.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT d.path, \(Schema.sentenceText) AS sentence FROM mentions a
                        JOIN mentions b ON b.document_id = a.document_id AND b.sentence = a.sentence AND b.entity_id = ?
                        JOIN documents d ON d.id = a.document_id
                        JOIN texts t ON t.id = a.document_id JOIN sentences s
                            ON s.id = t.first_sentence + a.sentence AND s.document = a.document_id
                        WHERE a.entity_id = ? LIMIT 3
                        """, arguments: [pair.other, id])
                relations.append(Relation(entity: other, weight: pair.weight, evidence: evidence))
            }
            return (subject, relations)
        }
    }

    /// What is known of `name` and `other` together: the sentences that name both (each by name,
    /// alias or a person's last name), up to `limit`, in the order they stand.
    public func relation(of name: String, with other: String, limit: Int) async throws -> RelationLookup {
        try await reader.read { db in
            guard let id = try Self.entityID(named: name, in: db) else { return .unknown(name) }
            guard let otherID = try Self.entityID(named: other, in: db) else { return .unknown(other) }
            let summaries = try EntitySummaries.fetchByID(db, ids: [id, otherID])
            guard let subject = summaries[id], let partner = summaries[otherID] else { return .unknown(name) }
            guard id != otherID else { return .found(subject, nil) }
            let weight =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM (
                            SELECT DISTINCT a.document_id, a.sentence FROM mentions a
                            JOIN mentions b ON b.document_id = a.document_id AND b.sentence = a.sentence
                                AND b.entity_id = ?
                            WHERE a.entity_id = ?)
                        """, arguments: [otherID, id]) ?? 0
            guard weight > 0 else { return .found(subject, nil) }
            let evidence = try Relation.Evidence.fetchAll(
                db,
                sql: """
                    SELECT d.path, \(Schema.sentenceText) AS sentence FROM (
                        SELECT DISTINCT a.document_id, a.sentence FROM mentions a
                        JOIN mentions b ON b.document_id = a.document_id AND b.sentence = a.sentence
                            AND b.entity_id = ?
                        WHERE a.entity_id = ? ORDER BY a.document_id, a.sentence LIMIT ?) AS shared
                    JOIN documents d ON d.id = shared.document_id
                    JOIN texts t ON t.id = shared.document_id JOIN sentences s
                        ON s.id = t.first_sentence + shared.sentence AND s.document = shared.document_id
                    ORDER BY d.path, shared.sentence
                    """, arguments: [otherID, id, limit])
            return .found(subject, Relation(entity: partner, weight: weight, evidence: evidence))
        }
    }

    /// The sentences that name any of `names` (by name, alias or a person's last name), of each
    /// document at `paths` (of every document when nil), in the order they stand.
    public func sentences(naming names: [String], inDocuments paths: [String]? = nil) async throws
        -> [String: [String]]
    {
        guard !names.isEmpty else { return [:] }
        return try await reader.read { db in
            let conditions = names.map(DocumentFilter.entityCondition)
            var arguments = StatementArguments(conditions.flatMap(\.arguments))
            var inDocuments = ""
            if let paths {
                guard !paths.isEmpty else { return [:] }
                inDocuments = "AND d.path IN (\(SQL.placeholders(paths.count)))"
                _ = arguments.append(contentsOf: StatementArguments(paths))
            }
            var sentences: [String: [String]] = [:]
            for row in try NamedSentenceRow.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT d.path, m.sentence AS ordinal, \(Schema.sentenceText) AS text
                    FROM mentions m JOIN documents d ON d.id = m.document_id JOIN texts t ON t.id = m.document_id
                    JOIN sentences s ON s.id = t.first_sentence + m.sentence AND s.document = m.document_id
                    WHERE m.entity_id IN (\(conditions.map(\.sql).joined(separator: " UNION "))) \(inDocuments)
                    ORDER BY d.path, m.sentence
                    """, arguments: arguments)
            {
                sentences[row.path, default: []].append(row.text)
            }
            return sentences
        }
    }

    /// Every entity called `name` (its name or an alias, any case), of `kind` when given, by how
    /// often each is named: what a correction may be about.
    public func candidates(named name: String, kind: String? = nil) async throws -> [EntityCandidate] {
        let key = name.lowercased()
        return try await reader.read { db in
            try EntityCandidate.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.name, e.kind, (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions
                    FROM entities e
                    WHERE (e.key = ? OR e.id IN (SELECT entity_id FROM aliases WHERE key = ?)) AND (? IS NULL OR e.kind = ?)
                        AND EXISTS (SELECT 1 FROM mentions m WHERE m.entity_id = e.id)
                    ORDER BY mentions DESC, e.name, e.kind
                    """, arguments: [key, key, kind, kind])
        }
    }

    /// Whether the entity `id` is written `alias` (any case) somewhere: as an alias, or in a mention.
    public func isWritten(_ id: Int64, as alias: String) async throws -> Bool {
        let key = alias.lowercased()
        return try await reader.read { db in
            if try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM aliases WHERE entity_id = ? AND key = ?)", arguments: [id, key])
                ?? false
            {
                return true
            }
            // SQLite's lower() folds ASCII only: the words as written are compared here.
            return try String.fetchAll(
                db, sql: "SELECT DISTINCT text FROM mentions WHERE entity_id = ?", arguments: [id]
            )
            .contains { $0.lowercased() == key }
        }
    }

    /// The entity called `name` (its name or an alias, any case), or nil.
    static func entityID(named name: String, in db: Database) throws -> Int64? {
        let key = name.lowercased()
        if let id = try Int64.fetchOne(
            db, sql: "SELECT id FROM entities WHERE key = ? ORDER BY kind = 'other' LIMIT 1", arguments: [key])
        {
            return id
        }
        if let id = try Int64.fetchOne(
            db,
            sql: """
                SELECT entity_id FROM aliases WHERE key = ?
                GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1
                """, arguments: [key])
        {
            return id
        }
        // A person's last name: "McKenzie" is Kenneth McKenzie.
        return try Int64.fetchOne(
            db,
            sql: """
                SELECT e.id FROM entities e JOIN mentions m ON m.entity_id = e.id
                WHERE e.kind = 'person' AND e.key LIKE '% ' || ? ESCAPE '\\'
                GROUP BY e.id ORDER BY count(*) DESC LIMIT 1
                """, arguments: [DocumentFilter.likePattern(key)])
    }

    /// A sentence and its document (the query also selects its place, so that the same words
    /// in two places are two sentences).
    private struct NamedSentenceRow: Decodable, FetchableRecord {
        var path: String
        var text: String
    }

    private struct NameRow: Decodable, FetchableRecord {
        var id: Int64
        var name: String
    }

    private struct PairRow: Decodable, FetchableRecord {
        var other: Int64
        var weight: Int
    }
}

/// Two names looked up together: the first's summary and their relation (nil when no sentence
/// names both), or the name that is not known.
public enum RelationLookup: Sendable, Equatable {
    case found(EntitySummary, Relation?)
    case unknown(String)
}

/// An entity a name given in a correction may mean.
public struct EntityCandidate: Sendable, Equatable, Decodable, FetchableRecord {
    public var id: Int64
    public var name: String
    public var kind: String
    public var mentions: Int
}

/// Entity summaries with their aliases and titles, each a list of its own (a name may hold a
/// comma: "Washington, D.C.").
enum EntitySummaries {
    /// Entities with their mention and document counts, of `entities e JOIN mentions m`.
    static let select = """
        SELECT e.id, e.name, e.kind, count(*) AS mentions, count(DISTINCT m.document_id) AS documents
        FROM entities e JOIN mentions m ON m.entity_id = e.id
        """

    /// The entities `sql` selects (id, name, kind, mentions, documents), in its order, with the
    /// aliases and titles of every document, or only of `document`.
    static func fetch(
        _ db: Database, sql: String, arguments: StatementArguments, inDocument document: Int64? = nil
    ) throws -> [EntitySummary] {
        try fetch(rows: EntityRow.fetchAll(db, sql: sql, arguments: arguments), inDocument: document, db)
    }

    /// The entities of `ids`, by id.
    static func fetchByID(_ db: Database, ids: [Int64]) throws -> [Int64: EntitySummary] {
        guard !ids.isEmpty else { return [:] }
        let rows = try EntityRow.fetchAll(
            db, sql: "\(select) WHERE e.id IN (\(SQL.placeholders(ids.count))) GROUP BY e.id",
            arguments: StatementArguments(ids))
        let summaries = try fetch(rows: rows, inDocument: nil, db)
        return Dictionary(uniqueKeysWithValues: zip(rows.map(\.id), summaries))
    }

    static func fetch(rows: [EntityRow], inDocument document: Int64?, _ db: Database) throws
        -> [EntitySummary]
    {
        let ids = rows.map(\.id)
        let aliases = try names(in: "aliases", column: "alias", of: ids, inDocument: document, db)
        let titles = try names(in: "titles", column: "title", of: ids, inDocument: document, db)
        return rows.map { row in
            // A name is not its own alias (a correction keeps the name it moved as one).
            let key = row.name.lowercased()
            return EntitySummary(
                name: row.name, kind: row.kind, aliases: aliases[row.id, default: []].filter { $0.lowercased() != key },
                titles: titles[row.id] ?? [],
                mentions: row.mentions, documents: row.documents)
        }
    }

    /// The distinct values of `table.column` for each entity of `ids`, in the order first stored.
    private static func names(
        in table: String, column: String, of ids: [Int64], inDocument document: Int64?, _ db: Database
    ) throws -> [Int64: [String]] {
        var names: [Int64: [String]] = [:]
        for chunk in ids.chunked(500) {
            var arguments = StatementArguments(Array(chunk))
            var filter = ""
            if let document {
                filter = " AND document_id = ?"
                _ = arguments.append(contentsOf: [document])
            }
            for row in try NamedRow.fetchAll(
                db,
                sql: """
                    SELECT entity_id, \(column) AS name FROM \(table)
                    WHERE entity_id IN (\(SQL.placeholders(chunk.count)))\(filter)
                    GROUP BY entity_id, \(column) ORDER BY min(rowid)
                    """, arguments: arguments)
            {
                names[row.entityID, default: []].append(row.name)
            }
        }
        return names
    }

    /// An entity with its counts, before its aliases and titles are read.
    struct EntityRow: Decodable, FetchableRecord {
        var id: Int64
        var name: String
        var kind: String
        var mentions: Int
        var documents: Int
    }

    private struct NamedRow: Decodable, FetchableRecord {
        var entityID: Int64
        var name: String

        enum CodingKeys: String, CodingKey {
            case name
            case entityID = "entity_id"
        }
    }
}
