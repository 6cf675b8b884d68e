import Foundation
import GRDB

/// A named thing across the collection.
public struct EntitySummary: Sendable, Equatable {
    public var name: String
    public var kind: String
    public var aliases: [String]
    /// Titles and roles written before the name ("General").
    public var titles: [String]
    public var mentions: Int
    public var documents: Int
}

/// Another entity named in the same sentences, with those sentences as evidence.
public struct Relation: Sendable, Equatable {
    public struct Evidence: Sendable, Equatable {
        public var path: String
        public var sentence: String
    }

    public var entity: EntitySummary
    /// Sentences naming both.
    public var weight: Int
    public var evidence: [Evidence]
}

public struct StoredQuote: Sendable, Equatable {
    public var text: String
    public var speaker: String?
    public var path: String
    public var title: String
}

public struct StoredDate: Sendable, Equatable {
    public var text: String
    public var startYear: Int?
    public var endYear: Int?
    public var month: Int?
    public var day: Int?
    /// Part of it came from the document's own date.
    public var resolved: Bool
}

public struct StoredNumber: Sendable, Equatable {
    public var text: String
    public var value: Double
    public var unit: String?
    /// A rough count: `value` is the least it can mean.
    public var approximate: Bool
}

/// What a document's annotations are, as the cache holds them.
public struct StoredAnnotations: Sendable, Equatable {
    public var language: String?
    public var foreignSpans: [[String: String]]
    public var entities: [EntitySummary]
    public var dates: [StoredDate]
    public var numbers: [StoredNumber]
    public var quotes: [StoredQuote]
}

extension DocumentStore {
    static let entitySelect = """
        SELECT e.id, e.name, e.kind, count(*) AS mentions, count(DISTINCT m.document_id) AS documents,
               (SELECT group_concat(DISTINCT a.alias) FROM aliases a WHERE a.entity_id = e.id) AS aliases,
               (SELECT group_concat(DISTINCT t.title) FROM titles t WHERE t.entity_id = e.id) AS titles
        FROM entities e JOIN mentions m ON m.entity_id = e.id
        """

    static func entitySummary(_ row: Row) -> EntitySummary {
        let aliases: String? = row["aliases"]
        let titles: String? = row["titles"]
        return EntitySummary(
            name: row["name"], kind: row["kind"],
            aliases: aliases.map { $0.split(separator: ",").map(String.init) } ?? [],
            titles: titles.map { $0.split(separator: ",").map(String.init) } ?? [], mentions: row["mentions"],
            documents: row["documents"])
    }

    /// Entities by how often they are named; `kind` and `path` narrow the list.
    public func entities(kind: String?, path: String?, limit: Int) async throws -> [EntitySummary] {
        try await pool.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
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
            return try Row.fetchAll(
                db,
                sql: "\(Self.entitySelect) \(filter) GROUP BY e.id ORDER BY mentions DESC, e.name LIMIT ?",
                arguments: arguments
            ).map(Self.entitySummary)
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
                SELECT entity_id FROM aliases WHERE lower(alias) = ?
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
                """, arguments: [key.replacing("%", with: "\\%").replacing("_", with: "\\_")])
    }

    /// Whether an entity by that name (or alias) exists.
    public func entityExists(named name: String) async throws -> Bool {
        try await pool.read { db in try Self.entityID(named: name, in: db) != nil }
    }

    /// Entities named in the same sentences as `name`, by how many; each with up to three sentences.
    public func related(to name: String, limit: Int) async throws -> (entity: EntitySummary, relations: [Relation])? {
        try await pool.read { db in
            guard let id = try Self.entityID(named: name, in: db),
                let subject = try Row.fetchOne(
                    db, sql: "\(Self.entitySelect) WHERE e.id = ? GROUP BY e.id", arguments: [id])
            else { return nil }
            let pairs = try Row.fetchAll(
                db,
                sql: """
                    SELECT b.entity_id AS other, count(DISTINCT a.document_id || ':' || a.sentence) AS weight
                    FROM mentions a JOIN mentions b
                      ON b.document_id = a.document_id AND b.sentence = a.sentence AND b.entity_id != a.entity_id
                    WHERE a.entity_id = ?
                    GROUP BY b.entity_id ORDER BY weight DESC LIMIT ?
                    """, arguments: [id, limit])
            var relations: [Relation] = []
            for pair in pairs {
                let other: Int64 = pair["other"]
                guard
                    let row = try Row.fetchOne(
                        db, sql: "\(Self.entitySelect) WHERE e.id = ? GROUP BY e.id", arguments: [other])
                else { continue }
                let evidence = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT d.path, \(Schema.sentenceText) AS text FROM mentions a
                        JOIN mentions b ON b.document_id = a.document_id AND b.sentence = a.sentence AND b.entity_id = ?
                        JOIN documents d ON d.id = a.document_id
                        JOIN texts t ON t.id = a.document_id JOIN sentences s
                            ON s.id = t.first_sentence + a.sentence AND s.document = a.document_id
                        WHERE a.entity_id = ? LIMIT 3
                        """, arguments: [other, id]
                ).map { Relation.Evidence(path: $0["path"], sentence: $0["text"]) }
                relations.append(Relation(entity: Self.entitySummary(row), weight: pair["weight"], evidence: evidence))
            }
            return (Self.entitySummary(subject), relations)
        }
    }

    /// Quotations, optionally only those of one speaker (by name or alias).
    public func quotes(speaker: String?, limit: Int) async throws -> [StoredQuote] {
        try await pool.read { db in
            var filter = ""
            var arguments: StatementArguments = []
            if let speaker {
                guard let id = try Self.entityID(named: speaker, in: db) else {
                    filter = "WHERE lower(q.speaker) = ?"
                    _ = arguments.append(contentsOf: [speaker.lowercased()])
                    _ = arguments.append(contentsOf: [limit])
                    return try Self.fetchQuotes(db, filter: filter, arguments: arguments)
                }
                filter = "WHERE q.entity_id = ?"
                _ = arguments.append(contentsOf: [id])
            }
            _ = arguments.append(contentsOf: [limit])
            return try Self.fetchQuotes(db, filter: filter, arguments: arguments)
        }
    }

    private static func fetchQuotes(_ db: Database, filter: String, arguments: StatementArguments) throws
        -> [StoredQuote]
    {
        try Row.fetchAll(
            db,
            sql: """
                SELECT q.text, coalesce(e.name, q.speaker) AS speaker, d.path, d.title
                FROM quotes q JOIN documents d ON d.id = q.document_id LEFT JOIN entities e ON e.id = q.entity_id
                \(filter) ORDER BY d.path, q.sentence LIMIT ?
                """, arguments: arguments
        ).map { StoredQuote(text: $0["text"], speaker: $0["speaker"], path: $0["path"], title: $0["title"]) }
    }

    /// One document's language, names, dates, numbers and quotations.
    public func annotations(path: String) async throws -> StoredAnnotations? {
        try await pool.read { db in
            guard
                let document = try Row.fetchOne(
                    db, sql: "SELECT id, language, foreign_spans FROM documents WHERE path = ?", arguments: [path])
            else { return nil }
            let id: Int64 = document["id"]
            let spansJSON: String = document["foreign_spans"]
            let spans = (try? JSONDecoder().decode([[String: String]].self, from: Data(spansJSON.utf8))) ?? []
            let entities = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.name, e.kind, count(*) AS mentions, 1 AS documents,
                           (SELECT group_concat(DISTINCT a.alias) FROM aliases a
                            WHERE a.entity_id = e.id AND a.document_id = ?) AS aliases,
                           (SELECT group_concat(DISTINCT t.title) FROM titles t
                            WHERE t.entity_id = e.id AND t.document_id = ?) AS titles
                    FROM entities e JOIN mentions m ON m.entity_id = e.id
                    WHERE m.document_id = ? GROUP BY e.id ORDER BY min(m.sentence)
                    """, arguments: [id, id, id]
            ).map(Self.entitySummary)
            let dates = try Row.fetchAll(
                db, sql: "SELECT * FROM dates WHERE document_id = ? ORDER BY sentence", arguments: [id]
            ).map {
                StoredDate(
                    text: $0["text"], startYear: $0["start_year"], endYear: $0["end_year"], month: $0["month"],
                    day: $0["day"], resolved: $0["resolved"])
            }
            let numbers = try Row.fetchAll(
                db, sql: "SELECT * FROM numbers WHERE document_id = ? ORDER BY sentence, rowid", arguments: [id]
            ).map {
                StoredNumber(text: $0["text"], value: $0["value"], unit: $0["unit"], approximate: $0["approximate"])
            }
            let quotes = try Self.fetchQuotes(db, filter: "WHERE q.document_id = ?", arguments: [id, 1000])
            return StoredAnnotations(
                language: document["language"], foreignSpans: spans, entities: entities, dates: dates,
                numbers: numbers, quotes: quotes)
        }
    }
}
