import GRDB

/// Quotations, with the entity that said them when the speaker is a known name.
public struct QuoteReads: Sendable {
    let reader: any DatabaseReader

    /// Quotations, optionally only those of one speaker (by name or alias).
    public func list(speaker: String?, limit: Int) async throws -> [StoredQuote] {
        try await reader.read { db in
            guard let speaker else { return try Self.fetch(db, filter: "", arguments: [limit]) }
            guard let id = try EntityReads.entityID(named: speaker, in: db) else {
                return try Self.fetch(
                    db, filter: "WHERE swiftLowercaseString(q.speaker) = ?", arguments: [speaker.lowercased(), limit])
            }
            return try Self.fetch(db, filter: "WHERE q.entity_id = ?", arguments: [id, limit])
        }
    }

    /// The quotations `filter` keeps (its arguments, then the limit), by document and place.
    /// Only those within the limit have their text read (a quotation may be a range of its
    /// document's text, inflated to be read).
    static func fetch(_ db: Database, filter: String, arguments: StatementArguments) throws -> [StoredQuote] {
        try StoredQuote.fetchAll(
            db,
            sql: """
                SELECT \(Schema.quoteText) AS text, q.speaker, q.path, q.title
                FROM (
                    SELECT q.id, q.text, q.start, q.length, q.document_id, q.sentence,
                        coalesce(e.name, q.speaker) AS speaker, d.path, d.title
                    FROM quotes q JOIN documents d ON d.id = q.document_id LEFT JOIN entities e ON e.id = q.entity_id
                    \(filter) ORDER BY d.path, q.sentence, q.id LIMIT ?
                ) q LEFT JOIN texts qt ON qt.id = q.document_id
                ORDER BY q.path, q.sentence, q.id
                """, arguments: arguments)
    }
}
