import Corrections
import Foundation
import GRDB
import Ingest
import Synchronization

/// The cached model: one SQLite file in WAL mode, one writer, many readers.
///
/// `writer` applies changes, every batch in one transaction, so that a crash leaves either the
/// old or the new version of a document, never half of one. Each concern that reads the cache
/// is a read model of its own over the pool's readers, returning typed records.
public final class DocumentStore: Sendable {
    public let path: String
    let pool: DatabasePool
    /// Applies the changes read from the folder.
    public let writer: CacheWriter
    /// Documents: what the cache knows of each file, their text and annotations, the counts.
    public let documents: DocumentReads
    /// The log of changes, by generation.
    public let changeLog: ChangeLogReads
    /// Full-text search over titles and bodies.
    public let search: SearchReads
    /// Sentences that may answer a question, and what surrounds them.
    public let answers: AnswerReads
    /// Names across the collection, and which are named together.
    public let entities: EntityReads
    /// Quotations and their speakers.
    public let quotes: QuoteReads
    /// Documents like another.
    public let similar: SimilarReads
    /// Short lines counted across documents (a site's chrome).
    public let lines: LineReads
    /// The dated statements, in date order.
    public let timeline: TimelineReads
    /// Every row of a kind, from one view of the cache.
    public let exports: ExportReads
    /// The most named names and the sentences that join them.
    public let network: NetworkReads

    /// The dictionaries texts are compressed with: the readers of files compress with the
    /// current one.
    public let textDictionaries = TextDictionaries()

    /// Opens the cache at `path`, creating it if needed.
    ///
    /// Throws `StoreError` with code `.unknownSchema` when the file was written by an unknown
    /// version, and SQLite's error when it is not a database.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = 4
        let dictionaries = textDictionaries
        configuration.prepareDatabase { db in
            // For a new cache (an existing one keeps its own): 8 KiB pages, as a document's text
            // is stored whole in one page's cells and half a text is left unused at the end of
            // each page, a smaller share of a larger page; and pages freed given back to the
            // file system when the cache is closed.
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)")
                try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
            }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 8 MiB of page cache per connection: memory stays bounded as the collection grows.
            try db.execute(sql: "PRAGMA cache_size = -8192")
            try StoredTextFunctions.install(in: db, dictionaries: dictionaries)
        }
        pool = try DatabasePool(path: path, configuration: configuration)
        let migrator = Schema.migrator
        try pool.write { db in
            let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let isEmpty = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0
            if !isEmpty && applicationID != Schema.applicationID {
                throw StoreError(code: .unknownSchema, path: path, detail: "not a dossier cache")
            }
            if try migrator.hasBeenSuperseded(db) {
                throw StoreError(code: .unknownSchema, path: path, detail: "schema is newer than this dossierd")
            }
            try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
        }
        // The log is folded into the database every few pages while the schema is made or
        // changed, so that a new cache needs little more disk than it holds.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 16") }
        try migrator.migrate(pool)
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 1000") }
        let trainer = TextDictionaryTrainer(dictionaries: dictionaries)
        try trainer.open(pool)
        let committed = CommittedState()
        let corrections = try pool.read { db in try AppliedCorrections.fetch(db) }
        writer = CacheWriter(
            pool: pool, committed: committed, corrections: AppliedCorrections(NameRules(corrections)),
            dictionaryTrainer: trainer)
        documents = DocumentReads(reader: pool, committed: committed)
        changeLog = ChangeLogReads(reader: pool)
        search = SearchReads(reader: pool)
        answers = AnswerReads(reader: pool)
        entities = EntityReads(reader: pool)
        quotes = QuoteReads(reader: pool)
        similar = SimilarReads(reader: pool)
        lines = LineReads(reader: pool)
        timeline = TimelineReads(reader: pool)
        exports = ExportReads(pool: pool)
        network = NetworkReads(reader: pool)
    }

    /// The page size of a new cache.
    static let pageSize = 8192

    /// Closes every connection once the reads and the write under way are done, gives the
    /// pages no longer used back to the file system (in a cache that can) and folds the
    /// write-ahead log into the database, so that a clean stop leaves the cache as one file.
    /// SQLite removes the log when the last connection to close is one that can write; the pool
    /// closes its readers last, so one more connection, alone, does it.
    public func close() throws {
        try pool.close()
        let last = try DatabaseQueue(path: path)
        try last.writeWithoutTransaction { db in
            // Only space: a disk too full to move pages still gets its log folded in.
            try? db.execute(sql: "PRAGMA incremental_vacuum")
            _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try last.close()
    }

    /// Opens the cache, or, when it is corrupt or of an unknown version, deletes it and starts
    /// an empty one (the folder is the source of truth). `onRebuild` is told why.
    public static func openOrRebuild(path: String, onRebuild: (any Error) -> Void) throws -> DocumentStore {
        do {
            return try DocumentStore(path: path)
        } catch {
            onRebuild(error)
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: path + suffix)
            }
            return try DocumentStore(path: path)
        }
    }

    /// Integrity as SQLite sees it: "ok", or the first problem found.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }
}
