import Logging
import Synchronization

/// A log level that can change while the daemon runs (on reload), shared by every handler.
public final class ReloadableLogLevel: Sendable {
    private let index: Atomic<Int>

    public init(_ level: Logger.Level) {
        index = Atomic(Logger.Level.allCases.firstIndex(of: level) ?? 2)
    }

    public var level: Logger.Level {
        get { Logger.Level.allCases[index.load(ordering: .relaxed)] }
        set { index.store(Logger.Level.allCases.firstIndex(of: newValue) ?? 2, ordering: .relaxed) }
    }
}

/// Wraps a handler so that its level is the shared, reloadable one.
public struct ReloadableLevelLogHandler: LogHandler {
    public var wrapped: any LogHandler
    public let reloadable: ReloadableLogLevel

    public init(wrapping handler: any LogHandler, level: ReloadableLogLevel) {
        wrapped = handler
        reloadable = level
    }

    public var logLevel: Logger.Level {
        get { reloadable.level }
        set { reloadable.level = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        wrapped.log(event: event)
    }
}
