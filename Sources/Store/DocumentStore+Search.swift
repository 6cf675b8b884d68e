import GRDB

extension DocumentStore {
    /// Documents that match `search`, best first (by path when there is no text to rank by), with
    /// a snippet; `total` counts every match.
    public func search(
        _ search: DocumentSearch, limit: Int, offset: Int = 0, highlight: (open: String, close: String)
    ) async throws -> SearchPage {
        var conditions = ["d.status = 'indexed'"]
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let match = search.match {
            conditions.append("documents_fts MATCH ?")
            arguments.append(match)
        }
        if let exclude = search.exclude {
            conditions.append("d.id NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            arguments.append(exclude)
        }
        for filter in search.filters {
            let (condition, values) = filter.sql
            conditions.append(condition)
            arguments.append(contentsOf: values)
        }
        let from =
            search.match == nil
            ? "documents d" : "documents_fts JOIN documents d ON d.id = documents_fts.rowid"
        let whereClause = conditions.joined(separator: " AND ")
        let columns =
            search.match == nil
            ? "substr(d.body, 1, 160) AS snippet, 0.0 AS rank"
            : "snippet(documents_fts, 1, ?, ?, '…', 24) AS snippet, bm25(documents_fts, 5.0, 1.0) AS rank"
        let order = search.match == nil ? "d.path" : "rank"
        let countArguments = StatementArguments(arguments)
        let hitArguments =
            (search.match == nil ? [] : StatementArguments([highlight.open, highlight.close]))
            + countArguments + StatementArguments([limit, offset])
        return try await pool.read { db in
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM \(from) WHERE \(whereClause)", arguments: countArguments)
                ?? 0
            let hits = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.path, d.title, d.category, \(columns) FROM \(from)
                    WHERE \(whereClause) ORDER BY \(order) LIMIT ? OFFSET ?
                    """,
                arguments: hitArguments
            ).map { row in
                SearchHit(
                    path: row["path"], title: row["title"], category: row["category"], snippet: row["snippet"],
                    score: Self.relevance(row["rank"]))
            }
            return SearchPage(total: total, hits: hits)
        }
    }
}
