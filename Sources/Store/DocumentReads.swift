import Foundation
import GRDB

/// What the cache holds of each document: its file state (to compare the folder with), its
/// listing, its text and annotations, and the counts over them all.
public struct DocumentReads: Sendable {
    let reader: any DatabaseReader
    let committed: CommittedState

    /// What the cache knows of every file: for reconciling with the folder.
    public func fileStates() async throws -> [String: FileState] {
        try await reader.read { db in
            var states: [String: FileState] = [:]
            let rows = try FileStateRow.fetchCursor(
                db, sql: "SELECT path, size, mtime_ns, inode, content_hash FROM documents")
            while let row = try rows.next() {
                states[row.path] = row.state
            }
            return states
        }
    }

    /// What the cache knows of the files at `paths`, in one read.
    public func fileStates(paths: [String]) async throws -> [String: FileState] {
        guard !paths.isEmpty else { return [:] }
        return try await reader.read { db in
            var states: [String: FileState] = [:]
            for chunk in paths.chunked(500) {
                let rows = try FileStateRow.fetchCursor(
                    db,
                    sql: """
                        SELECT path, size, mtime_ns, inode, content_hash FROM documents
                        WHERE path IN (\(SQL.placeholders(chunk.count)))
                        """, arguments: StatementArguments(Array(chunk)))
                while let row = try rows.next() {
                    states[row.path] = row.state
                }
            }
            return states
        }
    }

    public func fileState(path: String) async throws -> FileState? {
        try await reader.read { db in
            try FileStateRow.fetchOne(
                db, sql: "SELECT path, size, mtime_ns, inode, content_hash FROM documents WHERE path = ?",
                arguments: [path]
            )?.state
        }
    }

    /// The counts as of the last commit (see ``countsAndGeneration()``).
    public func counts() async throws -> StoreCounts {
        try await countsAndGeneration().counts
    }

    /// The counts and the generation they stand at, as of the last commit.
    public func countsAndGeneration() async throws -> (counts: StoreCounts, generation: Int64) {
        if let known = committed.current { return (known.counts, known.generation) }
        let read = try await reader.read { db in
            CommittedCounts(counts: try StoreCounts.fetch(db), generation: try Generation.fetch(db))
        }
        committed.remember(read)
        return (read.counts, read.generation)
    }

    /// Documents in path order. `failedOnly` lists those that could not be indexed.
    public func list(limit: Int, offset: Int = 0, failedOnly: Bool = false) async throws -> [DocumentSummary] {
        try await reader.read { db in
            try DocumentSummary.fetchAll(
                db,
                sql: """
                    SELECT \(DocumentSummary.columns) FROM documents
                    \(failedOnly ? "WHERE status != 'indexed'" : "")
                    ORDER BY path LIMIT ? OFFSET ?
                    """,
                arguments: [limit, offset])
        }
    }

    /// The document at `path` with its sections and paragraphs, or nil.
    public func document(path: String) async throws -> StoredDocument? {
        try await reader.read { db in
            guard
                let row = try DocumentRow.fetchOne(
                    db,
                    sql: """
                        SELECT id, warnings, content_hash, site_name, byline, page_words, recognized,
                            \(DocumentSummary.columns)
                        FROM documents WHERE path = ?
                        """,
                    arguments: [path])
            else { return nil }
            let first = Schema.placeID(document: row.id, ordinal: 0)
            let last = Schema.placeID(document: row.id, ordinal: Schema.maximumPlaces - 1)
            var sections = try String?.fetchAll(
                db, sql: "SELECT heading FROM sections WHERE id BETWEEN ? AND ? ORDER BY id", arguments: [first, last]
            ).map { StoredDocument.Section(heading: $0, paragraphs: []) }
            for paragraph in try ParagraphRow.fetchAll(
                db,
                sql: """
                    SELECT p.section, \(Schema.paragraphText) AS text FROM paragraphs p JOIN texts pt ON pt.id = ?
                    WHERE p.id BETWEEN ? AND ? ORDER BY p.id
                    """,
                arguments: [row.id, first, last])
            where sections.indices.contains(paragraph.section) {
                sections[paragraph.section].paragraphs.append(paragraph.text)
            }
            return StoredDocument(
                summary: row.summary, sections: sections,
                warnings: (try? JSONDecoder().decode([String].self, from: Data(row.warnings.utf8))) ?? [],
                contentHash: row.contentHash, siteName: row.siteName, byline: row.byline,
                pageWordCount: row.pageWords, recognized: row.recognized)
        }
    }

    /// One document's language, names, dates, numbers and quotations, or nil.
    public func annotations(path: String) async throws -> StoredAnnotations? {
        try await reader.read { db in
            guard
                let document = try AnnotatedDocumentRow.fetchOne(
                    db, sql: "SELECT id, language, foreign_spans FROM documents WHERE path = ?", arguments: [path])
            else { return nil }
            let spans =
                (try? JSONDecoder().decode([[String: String]].self, from: Data(document.foreignSpans.utf8))) ?? []
            let entities = try EntitySummaries.fetch(
                db,
                sql: """
                    SELECT e.id, e.name, e.kind, count(*) AS mentions, 1 AS documents
                    FROM entities e JOIN mentions m ON m.entity_id = e.id
                    WHERE m.document_id = ? GROUP BY e.id ORDER BY min(m.sentence), min(m.rowid)
                    """, arguments: [document.id], inDocument: document.id)
            let dates = try StoredDate.fetchAll(
                db, sql: "SELECT * FROM dates WHERE document_id = ? ORDER BY sentence", arguments: [document.id])
            let numbers = try StoredNumber.fetchAll(
                db, sql: "SELECT * FROM numbers WHERE document_id = ? ORDER BY sentence, rowid",
                arguments: [document.id])
            let quotes = try QuoteReads.fetch(db, filter: "WHERE q.document_id = ?", arguments: [document.id, 1000])
            return StoredAnnotations(
                language: document.language, foreignSpans: spans, entities: entities, dates: dates,
                numbers: numbers, quotes: quotes)
        }
    }

    /// The latest generation: bumped once for every change applied.
    public func generation() async throws -> Int64 {
        try await reader.read { db in try Generation.fetch(db) }
    }
}

/// A file's state as the cache keeps it; a document inside another file has none.
private struct FileStateRow: Decodable, FetchableRecord {
    var path: String
    var size: Int64?
    var modificationTime: Int64?
    var inode: Int64?
    var contentHash: String?

    enum CodingKeys: String, CodingKey {
        case path, size, inode
        case modificationTime = "mtime_ns"
        case contentHash = "content_hash"
    }

    var state: FileState? {
        guard let size, let modificationTime, let inode else { return nil }
        return FileState(
            size: size, modificationTime: modificationTime, inode: UInt64(bitPattern: inode),
            contentHash: contentHash ?? "")
    }
}

private struct DocumentRow: Decodable, FetchableRecord {
    var id: Int64
    var warnings: String
    var contentHash: String?
    var siteName: String?
    var byline: String?
    var pageWords: Int?
    var recognized: Bool
    var summary: DocumentSummary

    enum CodingKeys: String, CodingKey {
        case id, warnings, byline, recognized
        case contentHash = "content_hash"
        case siteName = "site_name"
        case pageWords = "page_words"
    }

    init(from decoder: any Decoder) throws {
        let columns = try decoder.container(keyedBy: CodingKeys.self)
        id = try columns.decode(Int64.self, forKey: .id)
        warnings = try columns.decode(String.self, forKey: .warnings)
        contentHash = try columns.decodeIfPresent(String.self, forKey: .contentHash)
        siteName = try columns.decodeIfPresent(String.self, forKey: .siteName)
        byline = try columns.decodeIfPresent(String.self, forKey: .byline)
        pageWords = try columns.decodeIfPresent(Int.self, forKey: .pageWords)
        recognized = try columns.decode(Bool.self, forKey: .recognized)
        summary = try DocumentSummary(from: decoder)
    }
}

private struct ParagraphRow: Decodable, FetchableRecord {
    var section: Int
    var text: String
}

private struct AnnotatedDocumentRow: Decodable, FetchableRecord {
    var id: Int64
    var language: String?
    var foreignSpans: String

    enum CodingKeys: String, CodingKey {
        case id, language
        case foreignSpans = "foreign_spans"
    }
}
