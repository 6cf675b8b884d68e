import Ingest
import Logging
import NIOCore
import Varlink
import Watch

/// Everything the daemon needs to run; the executable fills it from flags and the environment.
public struct DaemonConfiguration: Sendable {
    /// The watched folder (absolute, without a trailing slash).
    public var root: String
    /// Where the cache lives.
    public var stateDirectory: String
    /// Bind this socket path, or use an inherited descriptor.
    public var endpoint: VarlinkServerConfiguration.Endpoint
    public var maximumConnections: Int
    public var maximumConnectionsPerUser: Int
    /// A connection with nothing to do for this long is closed.
    public var idleTimeout: Duration
    /// Who may call; nil lets in whoever the socket's file mode lets in.
    public var access: AccessPolicy?
    public var ignorePatterns: [String]
    public var settle: Duration
    public var ingest: IngestConfiguration
    /// Documents written per transaction during bulk work.
    public var batchSize: Int
    public var followSymlinks: Bool
    /// How often folders that could not be watched are rescanned.
    public var rescanInterval: Duration
    /// For tests: while this file exists, inotify events are not read.
    public var pauseWatchWhileExists: String?
    public var logLevel: Logger.Level
    /// How many queries run at once; more wait their turn, the least busy clients first.
    public var querySlots: Int
    /// How long one query may run before it is answered with `io.dossier.QueryTimedOut`.
    public var queryTimeout: Duration

    public init(
        root: String,
        stateDirectory: String,
        endpoint: VarlinkServerConfiguration.Endpoint,
        maximumConnections: Int = 4096,
        maximumConnectionsPerUser: Int = 1024,
        idleTimeout: Duration = .seconds(300),
        access: AccessPolicy? = nil,
        ignorePatterns: [String] = [],
        settle: Duration = .milliseconds(20),
        ingest: IngestConfiguration = .init(),
        batchSize: Int = 256,
        followSymlinks: Bool = false,
        rescanInterval: Duration = .seconds(30),
        pauseWatchWhileExists: String? = nil,
        logLevel: Logger.Level = .info,
        querySlots: Int = DaemonConfiguration.defaultQuerySlots,
        queryTimeout: Duration = DaemonConfiguration.defaultQueryTimeout
    ) {
        self.root = root
        self.stateDirectory = stateDirectory
        self.endpoint = endpoint
        self.maximumConnections = maximumConnections
        self.maximumConnectionsPerUser = maximumConnectionsPerUser
        self.idleTimeout = idleTimeout
        self.access = access
        self.ignorePatterns = ignorePatterns
        self.settle = settle
        self.ingest = ingest
        self.batchSize = batchSize
        self.followSymlinks = followSymlinks
        self.rescanInterval = rescanInterval
        self.pauseWatchWhileExists = pauseWatchWhileExists
        self.logLevel = logLevel
        self.querySlots = querySlots
        self.queryTimeout = queryTimeout
    }

    public static let defaultQueryTimeout: Duration = .seconds(10)

    /// One a core, and two at least: with one, a cheap search would wait for a whole expensive one.
    public static var defaultQuerySlots: Int { max(2, System.coreCount) }

    public var databasePath: String { stateDirectory + "/cache.sqlite" }

    var server: VarlinkServerConfiguration {
        var authorize: (@Sendable (VarlinkPeer) -> Bool)?
        if let policy = access {
            authorize = { peer in policy.allows(peer) }
        }
        return VarlinkServerConfiguration(
            endpoint: endpoint, maximumConnections: maximumConnections,
            maximumConnectionsPerUser: maximumConnectionsPerUser, idleTimeout: idleTimeout, authorize: authorize)
    }

    var watchConfiguration: WatchConfiguration {
        WatchConfiguration(
            root: root, ignore: IgnoreRules(patterns: ignorePatterns), settle: settle,
            rescanInterval: rescanInterval, followSymlinks: followSymlinks, pauseWhileExists: pauseWatchWhileExists)
    }
}

public enum DossierVersion {
    public static let current = "0.1.0"
}
