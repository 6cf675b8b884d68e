import Synchronization

/// Counters since start and the indexer's phase, shared with the status reporters.
public final class IndexerStatistics: Sendable {
    public enum Phase: String, Sendable {
        /// Comparing the folder with the cache after start.
        case scanning
        /// Processing changes.
        case indexing
        /// Nothing to do.
        case idle
    }

    public struct Snapshot: Sendable, Equatable {
        public var phase: Phase = .scanning
        /// Files looked at (a stat) by scans.
        public var scanned = 0
        /// Files whose contents were read.
        public var read = 0
        /// Documents written to the cache (added, updated, unsupported).
        public var processed = 0
        /// Files that could not be read or processed.
        public var failed = 0
        /// Files the periodic check found changed where no event had said so.
        public var missed = 0
        /// Changes in the batch being processed.
        public var pending = 0
        /// Whether the first comparison of folder and cache is done.
        public var initialScanComplete = false
        /// Why the last write to the cache failed (a full disk…), until a write succeeds again.
        public var cacheError: String?
    }

    private let state = Mutex(Snapshot())

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    func update(_ body: (inout Snapshot) -> Void) {
        state.withLock { body(&$0) }
    }
}
