import Foundation
import GRDB
import Ingest
import Synchronization

/// The cached model: one SQLite file in WAL mode, one writer, many readers.
///
/// Every batch of changes is one transaction, so a crash leaves either the old or the new
/// version of a document, never half of one.
public final class DocumentStore: Sendable {
    public let path: String
    let pool: DatabasePool
    /// How many sentences hold each term, remembered between questions (see `sentenceFrequencies`).
    let sentenceFrequencyCache = Mutex(SentenceFrequencyCache())
    /// The counts and the generation as of the last commit, kept by the writer, so that Status
    /// is answered without a database read (and without waiting for a reader under load).
    let committed = Mutex<CommittedCounts?>(nil)

    /// Opens the cache at `path`, creating it if needed.
    ///
    /// Throws `StoreError` with code `.unknownSchema` when the file was written by an unknown
    /// version, and SQLite's error when it is not a database.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = 4
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 8 MiB of page cache per connection: memory stays bounded as the collection grows.
            try db.execute(sql: "PRAGMA cache_size = -8192")
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
        try migrator.migrate(pool)
    }

    /// Closes every connection once the reads and the write under way are done, and folds the
    /// write-ahead log into the database, so that a clean stop leaves the cache as one file.
    /// SQLite removes the log when the last connection to close is one that can write; the pool
    /// closes its readers last, so one more connection, alone, does it.
    public func close() throws {
        try pool.close()
        let last = try DatabaseQueue(path: path)
        try last.writeWithoutTransaction { db in
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

    /// The latest generation: bumped once for every change applied.
    public func generation() throws -> Int64 {
        try pool.read { db in try Self.generation(db) }
    }

    /// The latest generation, without holding a thread while waiting for a reader.
    public func generation() async throws -> Int64 {
        try await pool.read { db in try Self.generation(db) }
    }

    static func generation(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'generation'") ?? 0
    }
}
