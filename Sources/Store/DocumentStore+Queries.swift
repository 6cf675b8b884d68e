import Foundation
import GRDB

extension DocumentStore {
    /// What the cache knows of every file: for reconciling with the folder.
    public func fileStates() async throws -> [String: FileState] {
        try await pool.read { db in
            var states: [String: FileState] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT path, size, mtime_ns, inode, content_hash FROM documents")
            while let row = try rows.next() {
                states[row[0]] = Self.fileState(row, from: 1)
            }
            return states
        }
    }

    /// What the cache knows of the files at `paths`, in one read.
    public func fileStates(paths: [String]) async throws -> [String: FileState] {
        guard !paths.isEmpty else { return [:] }
        return try await pool.read { db in
            var states: [String: FileState] = [:]
            for start in stride(from: 0, to: paths.count, by: 500) {
                let chunk = Array(paths[start..<min(start + 500, paths.count)])
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT path, size, mtime_ns, inode, content_hash FROM documents
                        WHERE path IN (\(Self.placeholders(chunk.count)))
                        """, arguments: StatementArguments(chunk))
                while let row = try rows.next() {
                    states[row[0]] = Self.fileState(row, from: 1)
                }
            }
            return states
        }
    }

    public func fileState(path: String) async throws -> FileState? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT size, mtime_ns, inode, content_hash FROM documents WHERE path = ?",
                arguments: [path]
            ).flatMap { Self.fileState($0, from: 0) }
        }
    }

    private static func fileState(_ row: Row, from column: Int) -> FileState? {
        guard let size: Int64 = row[column], let time: Int64 = row[column + 1], let inode: Int64 = row[column + 2]
        else { return nil }
        return FileState(
            size: size, modificationTime: time, inode: UInt64(bitPattern: inode),
            contentHash: row[column + 3] ?? "")
    }

    /// The counts as of the last commit (see ``countsAndGeneration()``).
    public func counts() async throws -> StoreCounts {
        try await countsAndGeneration().counts
    }

    /// The counts and the generation they stand at, as of the last commit.
    public func countsAndGeneration() async throws -> (counts: StoreCounts, generation: Int64) {
        if let known = committed.withLock({ $0 }) { return (known.counts, known.generation) }
        let read = try await pool.read { db in
            CommittedCounts(counts: try Self.counts(db), generation: try Self.generation(db))
        }
        remember(read)
        return (read.counts, read.generation)
    }

    /// Keeps `counts` unless newer ones are already known.
    func remember(_ counts: CommittedCounts) {
        committed.withLock { known in
            if known.map({ $0.generation <= counts.generation }) ?? true { known = counts }
        }
    }

    static func counts(_ db: Database) throws -> StoreCounts {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT count(*) FILTER (WHERE status = 'indexed'),
                       count(*) FILTER (WHERE status = 'unsupported'),
                       count(*) FILTER (WHERE status = 'failed'),
                       coalesce(sum(word_count), 0)
                FROM documents
                """)!
        return StoreCounts(indexed: row[0], unsupported: row[1], failed: row[2], words: row[3])
    }

    static let summaryColumns =
        "path, status, title, category, published, format, word_count, size, indexed_at, reason"

    private static func summary(_ row: Row) -> DocumentSummary {
        DocumentSummary(
            path: row["path"], status: DocumentSummary.Status(rawValue: row["status"]) ?? .failed,
            title: row["title"], category: row["category"], published: row["published"], format: row["format"],
            wordCount: row["word_count"],
            size: row["size"], indexedAt: row["indexed_at"], reason: row["reason"])
    }

    /// Documents in path order. `failedOnly` lists those that could not be indexed.
    public func listDocuments(limit: Int, offset: Int = 0, failedOnly: Bool = false) async throws
        -> [DocumentSummary]
    {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.summaryColumns) FROM documents
                    \(failedOnly ? "WHERE status != 'indexed'" : "")
                    ORDER BY path LIMIT ? OFFSET ?
                    """,
                arguments: [limit, offset]
            ).map(Self.summary)
        }
    }

    public func document(path: String) async throws -> StoredDocument? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, warnings, content_hash, site_name, byline, page_words, recognized,
                            \(Self.summaryColumns)
                        FROM documents WHERE path = ?
                        """,
                    arguments: [path])
            else { return nil }
            let id: Int64 = row["id"]
            var sections: [StoredDocument.Section] = []
            let first = Schema.placeID(document: id, ordinal: 0)
            let last = Schema.placeID(document: id, ordinal: Schema.maximumPlaces - 1)
            for section in try Row.fetchAll(
                db, sql: "SELECT heading FROM sections WHERE id BETWEEN ? AND ? ORDER BY id", arguments: [first, last])
            {
                sections.append(.init(heading: section["heading"], paragraphs: []))
            }
            for paragraph in try Row.fetchAll(
                db,
                sql: """
                    SELECT p.section, \(Self.paragraphText) AS text FROM paragraphs p JOIN texts pt ON pt.id = ?
                    WHERE p.id BETWEEN ? AND ? ORDER BY p.id
                    """,
                arguments: [id, first, last])
            {
                let index: Int = paragraph["section"]
                if sections.indices.contains(index) { sections[index].paragraphs.append(paragraph["text"]) }
            }
            let warningsJSON: String = row["warnings"]
            let warnings = (try? JSONDecoder().decode([String].self, from: Data(warningsJSON.utf8))) ?? []
            return StoredDocument(
                summary: Self.summary(row), sections: sections, warnings: warnings, contentHash: row["content_hash"],
                siteName: row["site_name"], byline: row["byline"], pageWordCount: row["page_words"],
                recognized: row["recognized"])
        }
    }

    /// FTS5's bm25() is lower-is-better and negative; relevance is its negation.
    static func relevance(_ rank: Double) -> Double { -rank }
}

extension DocumentStore {
    /// Changes after `generation`, oldest first, at most `limit`.
    public func changes(after generation: Int64, limit: Int) async throws -> [AppliedChange] {
        try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT generation, kind, path, previous_path FROM changes
                    WHERE generation > ? ORDER BY generation LIMIT ?
                    """, arguments: [generation, limit]
            ).map { row in
                AppliedChange(
                    generation: row["generation"], kind: AppliedChange.Kind(rawValue: row["kind"]) ?? .updated,
                    path: row["path"], previousPath: row["previous_path"])
            }
        }
    }

    /// The oldest generation still in the change log (older changes were trimmed), or nil if empty.
    public func oldestLoggedGeneration() async throws -> Int64? {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT min(generation) FROM changes") }
    }
}
