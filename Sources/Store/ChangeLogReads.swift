import GRDB

/// The log of changes: what each generation did, for clients that follow or resume.
public struct ChangeLogReads: Sendable {
    let reader: any DatabaseReader

    /// Changes after `generation`, oldest first, at most `limit`.
    public func changes(after generation: Int64, limit: Int) async throws -> [AppliedChange] {
        try await reader.read { db in
            try AppliedChange.fetchAll(
                db,
                sql: """
                    SELECT generation, kind, path, previous_path, correction FROM changes
                    WHERE generation > ? ORDER BY generation LIMIT ?
                    """, arguments: [generation, limit])
        }
    }

    /// The oldest generation still in the log (older changes were trimmed), or nil if empty.
    public func oldestGeneration() async throws -> Int64? {
        try await reader.read { db in try Int64.fetchOne(db, sql: "SELECT min(generation) FROM changes") }
    }
}
