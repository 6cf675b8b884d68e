import Foundation
import GRDB

extension DocumentStore {
    /// What the cache knows of every file: for reconciling with the folder.
    public func fileStates() throws -> [String: FileState] {
        try pool.read { db in
            var states: [String: FileState] = [:]
            let rows = try Row.fetchCursor(
                db, sql: "SELECT path, size, mtime_ns, inode, content_hash FROM documents")
            while let row = try rows.next() {
                states[row[0]] = Self.fileState(row, from: 1)
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

    public func counts() async throws -> StoreCounts {
        try await pool.read { db in
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
    }

    static let summaryColumns =
        "path, status, title, category, format, word_count, size, indexed_at, reason"

    private static func summary(_ row: Row) -> DocumentSummary {
        DocumentSummary(
            path: row["path"], status: DocumentSummary.Status(rawValue: row["status"]) ?? .failed,
            title: row["title"], category: row["category"], format: row["format"], wordCount: row["word_count"],
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
                    db, sql: "SELECT id, warnings, content_hash, \(Self.summaryColumns) FROM documents WHERE path = ?",
                    arguments: [path])
            else { return nil }
            let id: Int64 = row["id"]
            var sections: [StoredDocument.Section] = []
            var sectionIndex: [Int64: Int] = [:]
            for section in try Row.fetchAll(
                db, sql: "SELECT id, heading FROM sections WHERE document_id = ? ORDER BY ordinal", arguments: [id])
            {
                sectionIndex[section["id"]] = sections.count
                sections.append(.init(heading: section["heading"], paragraphs: []))
            }
            for paragraph in try Row.fetchAll(
                db, sql: "SELECT section_id, text FROM paragraphs WHERE document_id = ? ORDER BY ordinal",
                arguments: [id])
            {
                if let index = sectionIndex[paragraph["section_id"]] {
                    sections[index].paragraphs.append(paragraph["text"])
                }
            }
            let warningsJSON: String = row["warnings"]
            let warnings = (try? JSONDecoder().decode([String].self, from: Data(warningsJSON.utf8))) ?? []
            return StoredDocument(
                summary: Self.summary(row), sections: sections, warnings: warnings, contentHash: row["content_hash"])
        }
    }

    /// Documents that contain every term, best first, with a snippet; `total` counts all matches.
    public func search(
        _ query: FullTextQuery, limit: Int, offset: Int = 0, highlight: (open: String, close: String) = ("**", "**")
    ) async throws -> SearchPage {
        guard !query.isEmpty else { return SearchPage(total: 0, hits: []) }
        let expression = query.allTermsExpression
        return try await pool.read { db in
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", arguments: [expression])
                ?? 0
            let hits = try Row.fetchAll(
                db,
                sql: """
                    SELECT d.path, d.title, d.category,
                           snippet(documents_fts, 1, ?, ?, '…', 24) AS snippet,
                           bm25(documents_fts, 5.0, 1.0) AS rank
                    FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
                    WHERE documents_fts MATCH ?
                    ORDER BY rank LIMIT ? OFFSET ?
                    """,
                arguments: [highlight.open, highlight.close, expression, limit, offset]
            ).map { row in
                SearchHit(
                    path: row["path"], title: row["title"], category: row["category"], snippet: row["snippet"],
                    score: Self.relevance(row["rank"]))
            }
            return SearchPage(total: total, hits: hits)
        }
    }

    /// The passages most likely to answer a question made of `query`'s terms.
    ///
    /// Candidates are sentences that match (BM25 over sentences), and the opening sentences of
    /// sections whose heading matches (FAQ-style articles answer right under the question). A
    /// candidate's score is its sentence relevance plus its section heading's relevance, so a
    /// heading that asks the same question lifts its answer. One passage per paragraph.
    public func passages(for query: FullTextQuery, limit: Int) async throws -> [Passage] {
        guard !query.isEmpty else { return [] }
        let expression = query.anyTermExpression
        return try await pool.read { db in
            var headingScores: [Int64: Double] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid, bm25(sections_fts) AS rank FROM sections_fts
                    WHERE sections_fts MATCH ? ORDER BY rank LIMIT 200
                    """, arguments: [expression])
            {
                headingScores[row["rowid"]] = Self.relevance(row["rank"])
            }
            var candidates: [(section: Int64, paragraph: Int64, text: String, relevance: Double)] = []
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT s.section_id, s.paragraph_id, s.text, bm25(sentences_fts) AS rank
                    FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid
                    WHERE sentences_fts MATCH ? ORDER BY rank LIMIT 400
                    """, arguments: [expression])
            {
                candidates.append((row["section_id"], row["paragraph_id"], row["text"], Self.relevance(row["rank"])))
            }
            let topHeadings = headingScores.sorted { $0.value > $1.value }.prefix(5).map(\.key)
            for section in topHeadings {
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT section_id, paragraph_id, text FROM sentences
                        WHERE section_id = ? ORDER BY ordinal LIMIT 2
                        """, arguments: [section])
                {
                    candidates.append((row["section_id"], row["paragraph_id"], row["text"], 0))
                }
            }
            var best: [Int64: (section: Int64, sentence: String, score: Double)] = [:]
            for candidate in candidates {
                let score = candidate.relevance + Self.headingWeight * (headingScores[candidate.section] ?? 0)
                if let current = best[candidate.paragraph], current.score >= score { continue }
                best[candidate.paragraph] = (candidate.section, candidate.text, score)
            }
            let ranked = best.sorted { ($0.value.score, $1.key) > ($1.value.score, $0.key) }.prefix(limit)
            return try ranked.map { paragraphID, candidate in
                let context = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT p.text, d.path, d.title, s.heading
                        FROM paragraphs p JOIN documents d ON d.id = p.document_id JOIN sections s ON s.id = p.section_id
                        WHERE p.id = ?
                        """, arguments: [paragraphID])!
                return Passage(
                    path: context["path"], title: context["title"], heading: context["heading"],
                    sentence: candidate.sentence, context: context["text"],
                    score: (candidate.score * 1000).rounded() / 1000)
            }
        }
    }

    /// How much a matching section heading counts against a matching sentence.
    static let headingWeight = 1.0

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
