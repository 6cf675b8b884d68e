import Synchronization

/// How many pieces of work run at once, and the most that ever did.
public final class ConcurrencyGauge: Sendable {
    private let state = Mutex((now: 0, most: 0))

    public init() {}

    public func enter() {
        state.withLock {
            $0.now += 1
            $0.most = max($0.most, $0.now)
        }
    }

    public func leave() { state.withLock { $0.now -= 1 } }

    public var most: Int { state.withLock { $0.most } }
}
