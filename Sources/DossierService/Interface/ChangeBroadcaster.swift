import Store
import Synchronization

/// Hands every applied change to the clients that subscribed. A subscriber that falls too far
/// behind is cut off (its stream ends with `overflowed`), so a slow client cannot make the
/// daemon buffer without bound; it resumes with the last generation it saw.
final class ChangeBroadcaster: Sendable {
    struct Subscription: Sendable {
        let id: Int
        let changes: AsyncStream<[AppliedChange]>
        let overflowed: OverflowFlag
    }

    final class OverflowFlag: Sendable {
        private let value = Atomic(false)
        func set() { value.store(true, ordering: .relaxed) }
        var isSet: Bool { value.load(ordering: .relaxed) }
    }

    /// Batches a subscriber may have waiting before it is cut off.
    let bufferLimit: Int
    private let subscribers = Mutex<(next: Int, all: [Int: (AsyncStream<[AppliedChange]>.Continuation, OverflowFlag)])>(
        (0, [:]))

    private let stopping = Atomic(false)

    init(bufferLimit: Int = 4096) {
        self.bufferLimit = bufferLimit
    }

    /// The daemon is stopping: every stream ends, and new ones end at once.
    var isStopping: Bool { stopping.load(ordering: .sequentiallyConsistent) }

    func subscribe() -> Subscription {
        let (stream, continuation) = AsyncStream<[AppliedChange]>.makeStream(
            bufferingPolicy: .bufferingOldest(bufferLimit))
        let flag = OverflowFlag()
        let id = subscribers.withLock { state in
            state.next += 1
            state.all[state.next] = (continuation, flag)
            return state.next
        }
        if isStopping { continuation.finish() }
        return Subscription(id: id, changes: stream, overflowed: flag)
    }

    /// Ends every subscriber's stream, for a stop: each then says that the daemon is stopping.
    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        let current = subscribers.withLock { $0.all.values.map(\.0) }
        for continuation in current { continuation.finish() }
    }

    func unsubscribe(_ id: Int) {
        let removed = subscribers.withLock { $0.all.removeValue(forKey: id) }
        removed?.0.finish()
    }

    var subscriberCount: Int { subscribers.withLock { $0.all.count } }

    func publish(_ changes: [AppliedChange]) {
        guard !changes.isEmpty else { return }
        let current = subscribers.withLock { Array($0.all) }
        for (id, (continuation, flag)) in current {
            if case .dropped = continuation.yield(changes) {
                flag.set()
                unsubscribe(id)
            }
        }
    }
}
