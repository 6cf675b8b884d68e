import GRDB

/// Short lines counted across the corpus (see `Ingest.RepeatedLines`): a line in many documents
/// is the site's chrome.
public struct LineReads: Sendable {
    let reader: any DatabaseReader

    /// Fingerprints of the lines found in at least `minimumDocuments` documents.
    public func repeated(minimumDocuments: Int) async throws -> Set<Int64> {
        try await reader.read { db in
            Set(
                try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT fingerprint FROM document_lines GROUP BY fingerprint HAVING count(*) >= ?
                        """,
                    arguments: [minimumDocuments]))
        }
    }

    /// Of `fingerprints`, those found in at least `minimumDocuments` documents. Each is looked up
    /// on its own and only until that many are found: a line of the site's chrome may be in every
    /// document, and counting them all each time would grow with the corpus.
    public func repeated(among fingerprints: Set<Int64>, minimumDocuments: Int) async throws -> Set<Int64> {
        try await reader.read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT 1 FROM document_lines WHERE fingerprint = ? LIMIT 1 OFFSET ?")
            var repeated: Set<Int64> = []
            for fingerprint in fingerprints
            where try Int.fetchOne(statement, arguments: [fingerprint, max(0, minimumDocuments - 1)]) != nil {
                repeated.insert(fingerprint)
            }
            return repeated
        }
    }

    /// Fingerprints of the lines of the documents indexed at `paths`.
    public func fingerprints(paths: [String]) async throws -> Set<Int64> {
        try await reader.read { db in
            var fingerprints: Set<Int64> = []
            for chunk in paths.chunked(500) {
                fingerprints.formUnion(
                    try Int64.fetchAll(
                        db,
                        sql: """
                            SELECT l.fingerprint FROM document_lines l JOIN documents d ON d.id = l.document_id
                            WHERE d.path IN (\(SQL.placeholders(chunk.count)))
                            """,
                        arguments: StatementArguments(Array(chunk))))
            }
            return fingerprints
        }
    }

    /// The indexed documents that hold any of `fingerprints`, in path order.
    public func paths(withLines fingerprints: Set<Int64>) async throws -> [String] {
        try await reader.read { db in
            var paths: Set<String> = []
            for chunk in Array(fingerprints).chunked(500) {
                paths.formUnion(
                    try String.fetchAll(
                        db,
                        sql: """
                            SELECT DISTINCT d.path FROM document_lines l JOIN documents d ON d.id = l.document_id
                            WHERE l.fingerprint IN (\(SQL.placeholders(chunk.count)))
                            """,
                        arguments: StatementArguments(Array(chunk))))
            }
            return paths.sorted()
        }
    }
}
