import GRDB
import Synchronization

/// The counts at one generation of the cache.
struct CommittedCounts: Sendable {
    var counts: StoreCounts
    var generation: Int64
}

/// The counts and the generation as of the last commit, kept by the writer, so that Status is
/// answered without a database read (and without waiting for a reader under load).
final class CommittedState: Sendable {
    private let latest = Mutex<CommittedCounts?>(nil)

    var current: CommittedCounts? { latest.withLock { $0 } }

    /// Keeps `counts` unless newer ones are already known.
    func remember(_ counts: CommittedCounts) {
        latest.withLock { known in
            if known.map({ $0.generation <= counts.generation }) ?? true { known = counts }
        }
    }
}

/// Counts over the whole cache.
public struct StoreCounts: Sendable, Equatable, Decodable, FetchableRecord {
    public var indexed: Int
    public var unsupported: Int
    public var failed: Int
    public var words: Int

    public var documents: Int { indexed }

    static func fetch(_ db: Database) throws -> StoreCounts {
        try fetchOne(
            db,
            sql: """
                SELECT count(*) FILTER (WHERE status = 'indexed') AS indexed,
                       count(*) FILTER (WHERE status = 'unsupported') AS unsupported,
                       count(*) FILTER (WHERE status = 'failed') AS failed,
                       coalesce(sum(word_count), 0) AS words
                FROM documents
                """)!
    }
}

/// The generation: bumped once for every change applied.
enum Generation {
    static func fetch(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'generation'") ?? 0
    }
}

/// Pieces of SQL the read models share.
enum SQL {
    /// `count` placeholders separated by commas (at least one).
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: max(count, 1)).joined(separator: ", ")
    }

    /// `values` as one argument for ``inList``. A statement that takes its list this way is the
    /// same whatever the list's length, so it is prepared once per connection and kept, rather
    /// than prepared again for every count of placeholders.
    static func list(_ values: some Sequence<Int64>) -> String {
        "[" + values.map(String.init).joined(separator: ",") + "]"
    }

    /// "Is one of the values of the argument made by ``list(_:)``": `WHERE id \(SQL.inList)`.
    static let inList = "IN (SELECT value FROM json_each(?))"

    /// FTS5's bm25() is lower-is-better and negative; relevance is its negation.
    static func relevance(_ rank: Double) -> Double { -rank }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
