import Synchronization
import Watch

/// Work for the indexer, queued by the watcher and by Reindex calls. The indexer takes all that
/// is queued at once, so a burst of changes (a bulk copy) becomes few, large transactions.
final class WorkQueue: Sendable {
    private let items = Mutex<(work: [IndexerWork], changes: Int)>(([], 0))
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init() {
        (wakeups, wake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func push(_ work: IndexerWork) {
        items.withLock { items in
            items.work.append(work)
            if case .changes(let changes) = work { items.changes += changes.count }
        }
        wake.yield()
    }

    func finish() {
        wake.finish()
    }

    /// Everything queued, as one batch per run of changes: consecutive change lists are joined,
    /// and a file reported twice within a run is looked at once.
    func takeAll() -> [IndexerWork] {
        let taken = items.withLock { items in
            defer { items = ([], 0) }
            return items.work
        }
        var merged: [IndexerWork] = []
        var seen: Set<String> = []
        for work in taken {
            guard case .changes(let changes) = work else {
                merged.append(work)
                seen.removeAll()
                continue
            }
            var kept: [FileChange] = []
            for change in changes {
                if case .changed(let path) = change {
                    if !seen.insert(path).inserted { continue }
                } else {
                    seen.removeAll()
                }
                kept.append(change)
            }
            if case .changes(let previous)? = merged.last {
                merged[merged.count - 1] = .changes(previous + kept)
            } else {
                merged.append(.changes(kept))
            }
        }
        return merged
    }

    /// File changes queued and not yet taken.
    var pendingChanges: Int { items.withLock { $0.changes } }

    /// Waits for work; each element means "something was pushed".
    var signals: AsyncStream<Void> { wakeups }
}
