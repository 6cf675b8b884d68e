import Synchronization

/// The configuration in force, replaced on reload. Whoever runs with it can wait for it to be
/// replaced: the stream from `snapshot()` finishes then.
final class CurrentConfiguration: Sendable {
    private let state:
        Mutex<(configuration: DaemonConfiguration, replaced: AsyncStream<Void>, finish: AsyncStream<Void>.Continuation)>

    init(_ configuration: DaemonConfiguration) {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        state = Mutex((configuration, stream, continuation))
    }

    var configuration: DaemonConfiguration { state.withLock { $0.configuration } }

    /// The configuration, and a stream that finishes when it is replaced.
    func snapshot() -> (DaemonConfiguration, AsyncStream<Void>) {
        state.withLock { ($0.configuration, $0.replaced) }
    }

    func replace(with configuration: DaemonConfiguration) {
        let (stream, continuation) = AsyncStream<Void>.makeStream()
        let previous = state.withLock { state in
            defer { state = (configuration, stream, continuation) }
            return state.finish
        }
        previous.finish()
    }
}
