import GRDB

/// Counting short lines across the corpus (see `Ingest.RepeatedLines`).
extension DocumentStore {
    /// Fingerprints of the lines found in at least `minimumDocuments` documents.
    public func repeatedLines(minimumDocuments: Int) async throws -> Set<Int64> {
        try await pool.read { db in
            Set(
                try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT fingerprint FROM document_lines GROUP BY fingerprint HAVING count(*) >= ?
                        """,
                    arguments: [minimumDocuments]))
        }
    }

    /// Of `fingerprints`, those found in at least `minimumDocuments` documents.
    public func repeatedLines(among fingerprints: Set<Int64>, minimumDocuments: Int) async throws -> Set<Int64> {
        try await pool.read { db in
            var repeated: Set<Int64> = []
            for chunk in Array(fingerprints).chunked(500) {
                repeated.formUnion(
                    try Int64.fetchAll(
                        db,
                        sql: """
                            SELECT fingerprint FROM document_lines
                            WHERE fingerprint IN (\(Self.placeholders(chunk.count)))
                            GROUP BY fingerprint HAVING count(*) >= ?
                            """,
                        arguments: StatementArguments(chunk + [Int64(minimumDocuments)])))
            }
            return repeated
        }
    }

    /// The indexed documents that hold any of `fingerprints`, in path order.
    public func paths(withLines fingerprints: Set<Int64>) async throws -> [String] {
        try await pool.read { db in
            var paths: Set<String> = []
            for chunk in Array(fingerprints).chunked(500) {
                paths.formUnion(
                    try String.fetchAll(
                        db,
                        sql: """
                            SELECT DISTINCT d.path FROM document_lines l JOIN documents d ON d.id = l.document_id
                            WHERE l.fingerprint IN (\(Self.placeholders(chunk.count)))
                            """,
                        arguments: StatementArguments(chunk)))
            }
            return paths.sorted()
        }
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
