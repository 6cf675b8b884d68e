import GRDB

/// Full-text search over documents' titles and bodies, with filters.
public struct SearchReads: Sendable {
    let reader: any DatabaseReader

    /// Documents that match `search`, best first (by path when there is no text to rank by), with
    /// a snippet; `total` counts every match.
    public func documents(
        _ search: DocumentSearch, limit: Int, offset: Int = 0, highlight: (open: String, close: String)
    ) async throws -> SearchPage {
        guard let match = search.match else { return try await list(search, limit: limit, offset: offset) }
        let (conditions, arguments) = search.conditions(documentID: "documents_fts.rowid")
        // Without filters the index alone answers; FTS5 sorts by rank and makes snippets for the
        // returned rows only.
        let join = search.filters.isEmpty ? "" : "JOIN documents d ON d.id = documents_fts.rowid"
        let filter = conditions.map { " AND " + $0 }.joined()
        let countArguments = StatementArguments([match]) + StatementArguments(arguments)
        return try await reader.read { db in
            // Prepared once per connection and kept: preparing a full-text query costs as much as
            // running one that matches a few documents.
            let ranked = try RankedRow.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT documents_fts.rowid AS id, rank, snippet(documents_fts, 1, ?, ?, '…', 24) AS snippet
                        FROM documents_fts \(join) WHERE documents_fts MATCH ?\(filter)
                        ORDER BY rank LIMIT ? OFFSET ?
                        """),
                arguments: StatementArguments([highlight.open, highlight.close]) + countArguments
                    + StatementArguments([limit, offset]))
            // Fewer than a page from the first: they are all there is, and need no count.
            let total =
                offset == 0 && ranked.count < limit
                ? ranked.count
                : try Int.fetchOne(
                    db.cachedStatement(
                        sql: "SELECT count(*) FROM documents_fts \(join) WHERE documents_fts MATCH ?\(filter)"),
                    arguments: countArguments) ?? 0
            var documents: [Int64: HitDocumentRow] = [:]
            if !ranked.isEmpty {
                for row in try HitDocumentRow.fetchAll(
                    db.cachedStatement(sql: "SELECT id, path, title, category FROM documents WHERE id \(SQL.inList)"),
                    arguments: [SQL.list(ranked.map(\.id))])
                {
                    documents[row.id] = row
                }
            }
            let hits = ranked.compactMap { row -> SearchHit? in
                guard let document = documents[row.id] else { return nil }
                return SearchHit(
                    path: document.path, title: document.title, category: document.category, snippet: row.snippet,
                    score: SQL.relevance(row.rank))
            }
            return SearchPage(total: total, hits: hits)
        }
    }

    /// Documents that pass the filters alone, by path, each with its opening words.
    private func list(_ search: DocumentSearch, limit: Int, offset: Int) async throws -> SearchPage {
        let (conditions, arguments) = search.conditions(documentID: "d.id")
        let whereClause = (["d.status = 'indexed'"] + conditions).joined(separator: " AND ")
        let filterArguments = StatementArguments(arguments)
        return try await reader.read { db in
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM documents d WHERE \(whereClause)", arguments: filterArguments) ?? 0
            let hits = try SearchHit.fetchAll(
                db,
                sql: """
                    SELECT d.path, d.title, d.category, substr(body_text(t.body), 1, 160) AS snippet, 0.0 AS score
                    FROM documents d LEFT JOIN texts t ON t.id = d.id
                    WHERE \(whereClause) ORDER BY d.path LIMIT ? OFFSET ?
                    """,
                arguments: filterArguments + StatementArguments([limit, offset]))
            return SearchPage(total: total, hits: hits)
        }
    }

    // Read on every search: by position, GRDB's fastest way, in the order the queries select them.

    private struct RankedRow: FetchableRecord {
        var id: Int64
        var rank: Double
        var snippet: String

        /// id, rank, snippet.
        init(row: Row) {
            id = row[0]
            rank = row[1]
            snippet = row[2]
        }
    }

    private struct HitDocumentRow: FetchableRecord {
        var id: Int64
        var path: String
        var title: String
        var category: String?

        /// id, path, title, category.
        init(row: Row) {
            id = row[0]
            path = row[1]
            title = row[2]
            category = row[3]
        }
    }
}
