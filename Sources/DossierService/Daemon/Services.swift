import Logging
import NIOCore
import ServiceLifecycle
import Store
import Systemd
import UnixSignals
import Varlink
import Watch

/// Feeds the indexer: the initial comparison, then the watcher's changes and Reindex calls, in
/// order. On reload the watcher starts again with the new configuration and the folder is
/// compared with the cache again; the cache itself stays.
struct IndexerService: Service {
    let settings: CurrentConfiguration
    let watcher: FolderWatcher
    let indexer: Indexer
    let queue: WorkQueue

    /// How long to wait before trying a failed cache write again; doubled each time up to `lastRetry`.
    static let firstRetry = Duration.seconds(1)
    static let lastRetry = Duration.seconds(30)

    func run() async throws {
        try await untilGracefulShutdown {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask {
                    var retry = Self.firstRetry
                    for await _ in queue.signals {
                        var written = true
                        for item in queue.takeAll() where written {
                            written = await indexer.perform(item)
                        }
                        if written {
                            retry = Self.firstRetry
                            continue
                        }
                        // The cache could not be written (a full disk): wait, then compare the whole
                        // folder with the cache, which picks up everything not written so far.
                        try await Task.sleep(for: retry)
                        retry = min(retry * 2, Self.lastRetry)
                        queue.push(.reconcile("", initial: true))
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await watchUntilReload()
                    }
                }
                group.addTask {
                    try await verifyPeriodically()
                }
            }
        }
    }

    /// The safety net under the events: every `verifyInterval`, the folder is compared with the
    /// cache by a stat of every file; what differs is looked at again once the events under way
    /// have had time to land, and what still differs was missed, and is processed (`Indexer`).
    private func verifyPeriodically() async throws {
        while !Task.isCancelled {
            let configuration = settings.configuration
            guard let interval = configuration.verifyInterval else {
                try await Task.sleep(for: .seconds(60))
                continue
            }
            try await Task.sleep(for: interval)
            guard let differences = try? await indexer.differences(), !differences.paths.isEmpty else { continue }
            let watch = configuration.watchConfiguration
            try await Task.sleep(for: watch.settle + watch.writeTimeout + watch.moveTimeout + .seconds(1))
            queue.push(.verify(differences))
        }
    }

    /// Watches with the configuration in force until it is replaced (or the task is cancelled).
    private func watchUntilReload() async throws {
        let (configuration, replaced) = settings.snapshot()
        await indexer.reconfigure(configuration)
        try await withThrowingTaskGroup(of: Void.self) { watching in
            watching.addTask {
                try await watcher.run(
                    configuration: configuration.watchConfiguration,
                    onWatching: { queue.push(.reconcile("", initial: true)) },
                    handler: { queue.push(.changes($0)) })
            }
            watching.addTask {
                for await _ in replaced {}
            }
            try await watching.next()
            watching.cancelAll()
        }
    }
}

/// SIGHUP (and `systemctl reload`): reads the configuration again and applies it without
/// dropping the cache, telling systemd RELOADING=1 before and READY=1 after.
struct ReloadService: Service {
    let settings: CurrentConfiguration
    let reload: (@Sendable () throws -> DaemonConfiguration)?
    let logLevel: ReloadableLogLevel?
    let notifier: SystemdNotifier
    let reporter: StatusReporter
    let logger: Logger

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        try await untilGracefulShutdown {
            for await _ in hangups {
                notifier.reloading()
                do {
                    guard let reload else { throw DaemonError(message: "no configuration to read again") }
                    let configuration = try reload()
                    try DossierDaemon.checkRoot(configuration.root)
                    logLevel?.level = configuration.logLevel
                    settings.replace(with: configuration)
                    logger.notice(
                        "configuration reloaded",
                        metadata: [
                            "event": "reloaded", "root": "\(configuration.root)",
                            "ignore": "\(configuration.ignorePatterns.joined(separator: ":"))",
                            "level": "\(configuration.logLevel)",
                        ])
                    notifier.ready(status: try? await reporter.line())
                } catch {
                    logger.error(
                        "reload failed; keeping the running configuration",
                        metadata: ["event": "reload-failed", "error": "\(error)"])
                    notifier.ready(status: "reload failed: \(error)")
                }
            }
        }
    }
}

/// Serves Varlink; READY=1 goes out once the socket is bound (the cache is already open).
///
/// On a graceful shutdown (SIGTERM: `systemctl stop`) it tells systemd STOPPING=1, stops
/// accepting, ends every Subscribe stream with a last reply that says the daemon is stopping, and
/// lets the calls in progress finish; the service group's shutdown bound cuts off what takes longer.
struct ServerService: Service {
    let server: VarlinkServer
    let broadcaster: ChangeBroadcaster
    let notifier: SystemdNotifier
    let reporter: StatusReporter
    let logger: Logger

    func run() async throws {
        do {
            try await withGracefulShutdownHandler {
                try await server.run {
                    let line = try await reporter.line()
                    notifier.ready(status: line)
                    logger.info(
                        "listening", metadata: ["event": "ready", "socket": "\(server.configuration.endpoint)"])
                }
            } onGracefulShutdown: {
                notifier.stopping()
                logger.info("stopping: finishing the calls in progress", metadata: ["event": "stopping"])
                broadcaster.stop()
                server.shutdown()
            }
        } catch is CancellationError {
            return
        } catch let error as ChannelError where error == .ioOnClosedChannel || error == .alreadyClosed {
            return
        }
    }
}

/// Keeps `systemctl status` current.
struct StatusService: Service {
    let notifier: SystemdNotifier
    let reporter: StatusReporter

    func run() async throws {
        try await untilGracefulShutdown {
            var last = ""
            while !Task.isCancelled {
                if let line = try? await reporter.line(), line != last {
                    notifier.status(line)
                    last = line
                }
                try await Task.sleep(for: .seconds(1))
            }
        }
    }
}

/// Pings the watchdog at half its timeout.
struct WatchdogService: Service {
    let notifier: SystemdNotifier
    let interval: Duration

    func run() async throws {
        try await untilGracefulShutdown {
            while !Task.isCancelled {
                notifier.watchdog()
                try await Task.sleep(for: interval)
            }
        }
    }
}

/// The one-line status: documents, pending work, problems.
struct StatusReporter: Sendable {
    let store: DocumentStore
    let queue: WorkQueue
    let statistics: IndexerStatistics
    let watcher: FolderWatcher

    func line() async throws -> String {
        let counts = try await store.documents.counts()
        let snapshot = statistics.snapshot
        let watch = watcher.status
        var parts = [
            "\(counts.indexed) documents", "\(snapshot.pending + queue.pendingChanges + watch.pending) pending",
        ]
        if !snapshot.initialScanComplete { parts.append("scanning") }
        if let error = snapshot.cacheError { parts.append("cache not written: \(error)") }
        if counts.failed + counts.unsupported > 0 {
            parts.append("\(counts.failed + counts.unsupported) not indexed")
        }
        if watch.rootMissing { parts.append("watched folder missing") }
        if watch.unwatchedFolders > 0 { parts.append("\(watch.unwatchedFolders) folders unwatched (inotify limit)") }
        return parts.joined(separator: ", ")
    }
}

/// Runs `body` until it ends or a graceful shutdown cancels it; the cancellation that ends it
/// on shutdown is the expected way out, not a failure.
func untilGracefulShutdown(_ body: @escaping @Sendable () async throws -> Void) async throws {
    do {
        try await cancelWhenGracefulShutdown(body)
    } catch is CancellationError {
        return
    } catch let error as ChannelError where error == .ioOnClosedChannel || error == .alreadyClosed {
        return
    }
}
