import Logging
import NIOCore
import ServiceLifecycle
import Store
import Systemd
import Varlink
import Watch

/// Feeds the indexer: the initial comparison, then the watcher's changes and Reindex calls, in order.
struct IndexerService: Service {
    let watcher: FolderWatcher
    let indexer: Indexer
    let statistics: IndexerStatistics
    let queue: WorkQueue

    func run() async throws {
        try await untilGracefulShutdown {
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask {
                    try await watcher.run(
                        onWatching: { queue.push(.reconcile("", initial: true)) },
                        handler: { queue.push(.changes($0)) })
                }
                group.addTask {
                    for await _ in queue.signals {
                        for item in queue.takeAll() {
                            await indexer.perform(item)
                        }
                    }
                }
            }
        }
    }
}

/// Serves Varlink; READY=1 goes out once the socket is bound (the cache is already open).
struct ServerService: Service {
    let server: VarlinkServer
    let notifier: SystemdNotifier
    let reporter: StatusReporter
    let logger: Logger

    func run() async throws {
        try await untilGracefulShutdown {
            try await server.run {
                let line = try await reporter.line()
                notifier.ready(status: line)
                logger.info(
                    "listening", metadata: ["event": "ready", "socket": "\(server.configuration.endpoint)"])
            }
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
        let counts = try await store.counts()
        let snapshot = statistics.snapshot
        let watch = watcher.status
        var parts = [
            "\(counts.indexed) documents", "\(snapshot.pending + queue.pendingChanges + watch.pending) pending",
        ]
        if !snapshot.initialScanComplete { parts.append("scanning") }
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
