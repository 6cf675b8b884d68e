import DossierProtocol
import Logging
import ServiceLifecycle
import Store
import Systemd
import Varlink
import Watch

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon: the cache, the indexer fed by the watcher, the Varlink server, and the systemd
/// protocol around them, as one service group that stops in order on SIGTERM or SIGINT.
public struct DossierDaemon: Sendable {
    public let configuration: DaemonConfiguration
    private let logger: Logger
    private let logLevel: ReloadableLogLevel?
    private let reload: (@Sendable () throws -> DaemonConfiguration)?

    /// - Parameters:
    ///   - logLevel: the level the log handlers share, changed on reload.
    ///   - reload: reads the configuration again (on SIGHUP); nil when there is nothing to re-read.
    public init(
        configuration: DaemonConfiguration, logger: Logger, logLevel: ReloadableLogLevel? = nil,
        reload: (@Sendable () throws -> DaemonConfiguration)? = nil
    ) {
        self.configuration = configuration
        self.logger = logger
        self.logLevel = logLevel
        self.reload = reload
    }

    public func run() async throws {
        Self.raiseFileDescriptorLimit()
        try Self.checkRoot(configuration.root)
        try Self.makeDirectory(configuration.stateDirectory)
        try Self.makeDirectory(configuration.cacheDirectory)
        if case .path(let socketPath) = configuration.endpoint {
            // Others may pass through the socket's folder (not list it): the socket's own
            // permissions say who may connect.
            try Self.makeDirectory(
                String(socketPath[..<(socketPath.lastIndex(of: "/") ?? socketPath.startIndex)]), mode: 0o711)
        }
        let logger = self.logger
        Self.moveOldCache(configuration, logger: logger)
        let store = try DocumentStore.openOrRebuild(path: configuration.databasePath) { error in
            logger.warning(
                "cache unusable; rebuilding it from the folder",
                metadata: ["event": "cache-rebuild", "path": "\(configuration.databasePath)", "error": "\(error)"])
        }
        let lexicon = LexiconLoader(logger: logger)
        let tagger = TaggerLoader(logger: logger)
        let derivations = DerivationsLoader(logger: logger)
        let missingPrograms = HelperPrograms.missing(ocrLanguage: configuration.ocrLanguage)
        for program in missingPrograms {
            logger.notice(
                "a helper program is missing", metadata: ["event": "program-missing", "program": "\(program)"])
        }
        let statistics = IndexerStatistics()
        let settings = CurrentConfiguration(configuration)
        let watcher = FolderWatcher(logger: logger)
        let queue = WorkQueue()
        let broadcaster = ChangeBroadcaster()
        let corrections = NameCorrections(
            file: CorrectionFileStore(stateDirectory: configuration.stateDirectory), store: store,
            broadcaster: broadcaster, logger: logger)
        await corrections.applyToCache()
        let indexer = Indexer(
            store: store, configuration: configuration, statistics: statistics, broadcaster: broadcaster,
            lexicon: lexicon, tagger: tagger, logger: logger)
        let startedAt = ContinuousClock.now
        let interface = DossierInterface(
            DossierHandlers(
                settings: settings, store: store, statistics: statistics, watcher: watcher,
                queue: queue, broadcaster: broadcaster, startedAt: startedAt, lexicon: lexicon,
                missingPrograms: missingPrograms, corrections: corrections,
                scheduler: QueryScheduler(slots: configuration.querySlots, timeout: configuration.queryTimeout),
                tagger: tagger, derivations: derivations))
        let registry = VarlinkServiceRegistry(
            info: VarlinkServiceInfo(
                vendor: "dossier", product: "dossierd", version: DossierVersion.current,
                url: "https://github.com/dossier/dossier"),
            interfaces: [interface], logger: logger)
        let server = VarlinkServer(
            configuration: configuration.server, registry: registry,
            logger: logger)
        let notifier = SystemdNotifier()
        let reporter = StatusReporter(store: store, queue: queue, statistics: statistics, watcher: watcher)

        var services: [any Service] = [
            IndexerService(settings: settings, watcher: watcher, indexer: indexer, queue: queue),
            ServerService(
                server: server, broadcaster: broadcaster, notifier: notifier, reporter: reporter, logger: logger),
        ]
        if notifier.isEnabled {
            services.append(StatusService(notifier: notifier, reporter: reporter))
        }
        services.append(
            ReloadService(
                settings: settings, reload: reload, logLevel: logLevel, notifier: notifier, reporter: reporter,
                logger: logger))
        if let interval = Watchdog.pingInterval() {
            services.append(WatchdogService(notifier: notifier, interval: interval))
        }
        var groupConfiguration = ServiceGroupConfiguration(
            services: services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        // Services stop in reverse order: the server drains while the indexer and the cache still
        // answer, then the indexer ends its batch (a transaction: written whole, or not at all).
        groupConfiguration.maximumGracefulShutdownDuration = Self.stopBound
        let group = ServiceGroup(configuration: groupConfiguration)
        logger.info(
            "dossierd starting",
            metadata: [
                "event": "start", "root": "\(configuration.root)", "state": "\(configuration.stateDirectory)",
                "cache": "\(configuration.cacheDirectory)",
                "version": "\(DossierVersion.current)",
            ])
        do {
            try await group.run()
        } catch {
            Self.close(store, logger: logger)
            throw error
        }
        notifier.stopping()
        Self.close(store, logger: logger)
        logger.info("dossierd stopped", metadata: ["event": "stop"])
    }

    /// A cache an older version kept in the state directory moves to the cache directory (or,
    /// on another file system, goes: the folder and the corrections rebuild it).
    static func moveOldCache(_ configuration: DaemonConfiguration, logger: Logger) {
        let old = configuration.stateDirectory + "/" + DaemonConfiguration.cacheName
        let new = configuration.databasePath
        guard old != new, access(old, F_OK) == 0 else { return }
        let keep = access(new, F_OK) != 0
        var moved = keep
        for suffix in ["", "-wal", "-shm"] where access(old + suffix, F_OK) == 0 {
            if moved && rename(old + suffix, new + suffix) != 0 { moved = false }
            if !moved { unlink(old + suffix) }
        }
        if !moved && keep {
            // Half moved is no cache: start the new one afresh.
            for suffix in ["", "-wal", "-shm"] { unlink(new + suffix) }
        }
        logger.notice(
            moved ? "cache moved to the cache directory" : "old cache in the state directory removed; rebuilding",
            metadata: ["event": "cache-moved", "from": "\(old)", "to": "\(new)"])
    }

    /// Every service has stopped: the cache is closed, its log folded in.
    static func close(_ store: DocumentStore, logger: Logger) {
        do {
            try store.close()
        } catch {
            logger.error(
                "cannot close the cache cleanly", metadata: ["event": "cache-close-failed", "error": "\(error)"])
        }
    }

    /// How long calls in progress may take to finish once a stop is asked for; what runs longer
    /// is cancelled, and its connection closed.
    static let stopBound: Duration = .seconds(10)

    /// Every connection and watched folder takes a file descriptor: lift the soft limit to the
    /// hard one (often 1024 and 524288), as a server that does not use select() should.
    static func raiseFileDescriptorLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    static func checkRoot(_ root: String) throws {
        var status = stat()
        guard stat(root, &status) == 0 else {
            throw DaemonError(message: "watched folder \(root): \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw DaemonError(message: "watched folder \(root) is not a folder")
        }
        guard access(root, R_OK | X_OK) == 0 else {
            throw DaemonError(message: "watched folder \(root) is not readable: \(String(cString: strerror(errno)))")
        }
    }

    static func makeDirectory(_ path: String, mode: mode_t = 0o750) throws {
        guard !path.isEmpty else { return }
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, mode) != 0 && errno != EEXIST {
                throw DaemonError(message: "cannot create \(current): \(String(cString: strerror(errno)))")
            }
        }
    }
}

/// A failure that stops the daemon from starting; the message is for people.
public struct DaemonError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
