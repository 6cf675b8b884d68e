import DossierProtocol
import Ingest
import Logging
import NIOCore
import Varlink
import Watch

/// Everything the daemon needs to run; the executable fills it from flags and the environment.
public struct DaemonConfiguration: Sendable {
    /// The watched folder (absolute, without a trailing slash).
    public var root: String
    /// Where what people tell dossier lives (the corrections to names): the user's data.
    public var stateDirectory: String
    /// Where the cache lives: rebuilt from the folder and the corrections when it is lost.
    public var cacheDirectory: String
    /// Bind this socket path, or use an inherited descriptor.
    public var endpoint: VarlinkServerConfiguration.Endpoint
    public var maximumConnections: Int
    public var maximumConnectionsPerUser: Int
    /// A connection with nothing to do for this long is closed.
    public var idleTimeout: Duration
    /// Who may call; nil lets in whoever the socket's file mode lets in.
    public var access: AccessPolicy?
    /// Who may correct names; nil lets everyone who may call.
    public var correctors: AccessPolicy?
    public var ignorePatterns: [String]
    public var settle: Duration
    public var ingest: IngestConfiguration
    /// Documents written per transaction during bulk work.
    public var batchSize: Int
    public var followSymlinks: Bool
    /// How often folders that could not be watched are rescanned.
    public var rescanInterval: Duration
    /// How often the whole folder is compared with the cache (a stat of every file), to find
    /// what the events missed; nil never.
    public var verifyInterval: Duration?
    public var logLevel: Logger.Level
    /// How many queries run at once; more wait their turn, the least busy clients first.
    public var querySlots: Int
    /// How long one query may run before it is answered with `io.dossier.QueryTimedOut`.
    public var queryTimeout: Duration
    /// Tesseract's language(s) for the text in images: `eng`, or `eng+deu`.
    public var ocrLanguage: String

    public init(
        root: String,
        stateDirectory: String,
        cacheDirectory: String? = nil,
        endpoint: VarlinkServerConfiguration.Endpoint,
        maximumConnections: Int = Defaults.maximumConnections,
        maximumConnectionsPerUser: Int = Defaults.maximumConnectionsPerUser,
        idleTimeout: Duration = .seconds(Defaults.idleTimeoutSeconds),
        access: AccessPolicy? = nil,
        correctors: AccessPolicy? = nil,
        ignorePatterns: [String] = [],
        settle: Duration = .milliseconds(Defaults.settleMilliseconds),
        ingest: IngestConfiguration = .init(),
        batchSize: Int = 256,
        followSymlinks: Bool = false,
        rescanInterval: Duration = .seconds(Defaults.rescanIntervalSeconds),
        verifyInterval: Duration? = .seconds(Defaults.verifyIntervalSeconds),
        logLevel: Logger.Level = Defaults.logLevel,
        querySlots: Int = Defaults.querySlots,
        queryTimeout: Duration = .seconds(Defaults.queryTimeoutSeconds),
        ocrLanguage: String = Defaults.ocrLanguage
    ) {
        self.root = root
        self.stateDirectory = stateDirectory
        self.cacheDirectory = cacheDirectory ?? stateDirectory
        self.endpoint = endpoint
        self.maximumConnections = maximumConnections
        self.maximumConnectionsPerUser = maximumConnectionsPerUser
        self.idleTimeout = idleTimeout
        self.access = access
        self.correctors = correctors
        self.ignorePatterns = ignorePatterns
        self.settle = settle
        self.ingest = ingest
        self.batchSize = batchSize
        self.followSymlinks = followSymlinks
        self.rescanInterval = rescanInterval
        self.verifyInterval = verifyInterval
        self.logLevel = logLevel
        self.querySlots = querySlots
        self.queryTimeout = queryTimeout
        self.ocrLanguage = ocrLanguage
    }

    /// The value of every setting nobody set, stated once for the daemon's flags and for code.
    public enum Defaults {
        public static let maximumConnections = 4096
        public static let maximumConnectionsPerUser = 1024
        public static let idleTimeoutSeconds = 300.0
        public static let settleMilliseconds = 20
        public static let maximumFileSize = IngestConfiguration().maximumBytes
        public static let rescanIntervalSeconds = 30.0
        public static let verifyIntervalSeconds = 300.0
        public static let logLevel = Logger.Level.info
        public static let queryTimeoutSeconds = 10.0
        public static let ocrLanguage = "eng"
        /// One a core, and two at least: with one, a cheap search would wait for a whole expensive one.
        public static var querySlots: Int { max(2, System.coreCount) }
    }

    public var databasePath: String { cacheDirectory + "/" + Self.cacheName }

    /// The cache's file name, in the cache directory (and, before, in the state directory).
    public static let cacheName = "cache.sqlite"

    var server: VarlinkServerConfiguration {
        var authorize: (@Sendable (VarlinkPeer) -> Bool)?
        var permissions: SocketPermissions?
        if let policy = access {
            authorize = { peer in policy.allows(peer) }
            permissions = SocketPermissions(users: policy.users, groups: policy.groups)
        }
        return VarlinkServerConfiguration(
            endpoint: endpoint, maximumMessageSize: RequestLimits.messageBytes,
            messageTimeout: .seconds(RequestLimits.messageSeconds), maximumBufferedBytes: RequestLimits.bufferedBytes,
            maximumConnections: maximumConnections,
            maximumConnectionsPerUser: maximumConnectionsPerUser, idleTimeout: idleTimeout, authorize: authorize,
            socketPermissions: permissions)
    }

    var watchConfiguration: WatchConfiguration {
        WatchConfiguration(
            root: root, ignore: IgnoreRules(patterns: ignorePatterns), settle: settle,
            rescanInterval: rescanInterval, followSymlinks: followSymlinks)
    }
}
