import Glibc
import Logging
import Synchronization

/// Watches a folder tree with inotify and reports changes in batches, in order.
///
/// The watch loop runs on a thread of its own (it blocks in poll(2)); the state machine decides,
/// this type only performs: adding watches (always before listing a folder, so nothing created
/// in between is missed), reading events, rescanning after lost events with backoff.
public final class FolderWatcher: Sendable {
    private let logger: Logger
    private let state = WatchStatusBox()

    public init(logger: Logger) {
        self.logger = logger
    }

    public var status: WatchStatus { state.value.withLock { $0 } }

    /// Adds the watches, calls `onWatching` (the tree is now covered: a reconciliation scan
    /// started then misses nothing), then hands every batch of changes to `handler` until cancelled.
    public func run(
        configuration: WatchConfiguration,
        onWatching: @Sendable () async throws -> Void,
        handler: @Sendable ([FileChange]) async -> Void
    ) async throws {
        state.update { $0 = WatchStatus() }
        let (stream, continuation) = AsyncStream<[FileChange]>.makeStream()
        let loop = try WatchLoop(configuration: configuration, logger: logger, status: state) { batch in
            continuation.yield(batch)
        }
        loop.watchInitialTree()
        try WatchThread.start {
            loop.run()
            continuation.finish()
        }
        defer { loop.stop() }
        try await onWatching()
        await withTaskCancellationHandler {
            for await batch in stream { await handler(batch) }
        } onCancel: {
            loop.stop()
        }
    }
}

/// Shared status, written by the watch thread and read by anyone.
final class WatchStatusBox: Sendable {
    let value = Mutex(WatchStatus())

    func update(_ body: (inout WatchStatus) -> Void) {
        value.withLock { body(&$0) }
    }
}

/// The watch loop's state; used only on the watch thread, except `stop()`.
final class WatchLoop: @unchecked Sendable {
    private let configuration: WatchConfiguration
    private let logger: Logger
    private let status: WatchStatusBox
    private let emit: ([FileChange]) -> Void
    private let inotify: Inotify
    private let scanner: FolderScanner
    private var machine: WatchStateMachine
    private let wake: (read: Int32, write: Int32)
    private let stopped = Atomic(false)
    private var unwatched: Set<String> = []
    private var nextPeriodicCheck: ContinuousClock.Instant
    private var rescanBackoff: Duration = .milliseconds(250)
    private var rescanNotBefore: ContinuousClock.Instant = .now
    private var rescanPending = false
    private var rootMissing = false

    init(
        configuration: WatchConfiguration, logger: Logger, status: WatchStatusBox,
        emit: @escaping ([FileChange]) -> Void
    ) throws {
        self.configuration = configuration
        self.logger = logger
        self.status = status
        self.emit = emit
        inotify = try Inotify()
        scanner = FolderScanner(
            root: configuration.root, ignore: configuration.ignore, followSymlinks: configuration.followSymlinks)
        machine = WatchStateMachine(
            ignore: configuration.ignore, settle: configuration.settle, writeTimeout: configuration.writeTimeout,
            moveTimeout: configuration.moveTimeout)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw WatchError(code: .inotifyUnavailable, path: "", errno: errno) }
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        }
        wake = (fds[0], fds[1])
        nextPeriodicCheck = .now + configuration.rescanInterval
    }

    deinit {
        close(wake.read)
        close(wake.write)
    }

    func stop() {
        stopped.store(true, ordering: .sequentiallyConsistent)
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    func watchInitialTree() {
        var changes: [FileChange] = []
        if scanner.rootIsAvailable {
            watchTree("", reportFiles: false, into: &changes)
        } else {
            markRootMissing()
        }
        publishStatus()
    }

    func run() {
        while !stopped.load(ordering: .sequentiallyConsistent) {
            var descriptors = [
                pollfd(fd: inotify.descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, timeoutMilliseconds())
            if ready < 0 && errno != EINTR { break }
            if descriptors[1].revents != 0 { drainWake() }
            var actions: [WatchStateMachine.Action] = []
            let now = ContinuousClock.now
            if descriptors[0].revents != 0 {
                // Read what is queued, a bounded number of times, so time keeps moving for the settle window.
                for _ in 0..<64 {
                    do {
                        let events = try inotify.read()
                        if events.isEmpty { break }
                        for event in events { actions += machine.handle(event, now: now) }
                    } catch {
                        // Events may be lost: the same as an overflow, so the folder is compared again.
                        logger.error("\(error)", metadata: ["event": "watch-read-failed"])
                        actions += machine.handle(InotifyEvent(watch: -1, mask: UInt32(IN_Q_OVERFLOW)), now: now)
                        waitForWake(timeoutMilliseconds: 100)
                        break
                    }
                }
            }
            actions += machine.tick(now: ContinuousClock.now)
            var changes: [FileChange] = []
            perform(actions, into: &changes)
            periodicWork(into: &changes)
            if !changes.isEmpty { emit(changes) }
            publishStatus()
        }
    }

    private func timeoutMilliseconds() -> Int32 {
        var deadline = nextPeriodicCheck
        if let next = machine.nextDeadline { deadline = min(deadline, next) }
        if rescanPending { deadline = min(deadline, rescanNotBefore) }
        if rootMissing { deadline = min(deadline, .now + .seconds(1)) }
        let remaining = deadline - .now
        if remaining <= .zero { return 0 }
        return Int32(min(remaining.milliseconds.rounded(.up), 60_000))
    }

    private func perform(_ actions: [WatchStateMachine.Action], into changes: inout [FileChange]) {
        for action in actions {
            switch action {
            case .watchTree(let path, let reportFiles):
                watchTree(path, reportFiles: reportFiles, into: &changes)
            case .unwatch(let watches):
                for watch in watches { inotify.removeWatch(watch) }
            case .reconcile(let path):
                watchTree(path, reportFiles: false, into: &changes)
                changes.append(.rescan(path))
            case .emit(.rescan(let path)):
                status.update { $0.overflows += 1 }
                logger.warning(
                    "events were lost; rescanning", metadata: ["event": "overflow", "path": "\(path)"])
                rescanPending = true
            case .emit(let change):
                changes.append(change)
            case .rootLost:
                markRootMissing()
            }
        }
    }

    private func periodicWork(into changes: inout [FileChange]) {
        let now = ContinuousClock.now
        if rootMissing, scanner.rootIsAvailable {
            rootMissing = false
            status.update { $0.rootMissing = false }
            logger.notice(
                "watched folder is back", metadata: ["event": "root-restored", "path": "\(configuration.root)"])
            rescanPending = true
            rescanNotBefore = now
        }
        if rescanPending, now >= rescanNotBefore, !rootMissing {
            rescanPending = false
            // Lost events may hide new folders: watch whatever is not watched yet, then compare everything.
            machine.reset()
            watchTree("", reportFiles: false, into: &changes)
            changes.append(.rescan(""))
            status.update { $0.rescans += 1 }
            rescanNotBefore = now + rescanBackoff
            rescanBackoff = min(rescanBackoff * 2, .seconds(16))
        } else if !rescanPending, now >= rescanNotBefore + .seconds(5) {
            rescanBackoff = .milliseconds(250)
        }
        if now >= nextPeriodicCheck {
            nextPeriodicCheck = now + configuration.rescanInterval
            for folder in unwatched.sorted() {
                unwatched.remove(folder)
                watchTree(folder, reportFiles: false, into: &changes)
                changes.append(.rescan(folder))
            }
        }
    }

    /// Watches `path` and the folders below it: each folder's watch is added before it is listed.
    private func watchTree(_ path: String, reportFiles: Bool, into changes: inout [FileChange]) {
        var seen: Set<[UInt64]> = []
        var stack = [path]
        while let folder = stack.popLast() {
            if !machine.isWatched(folder) {
                do {
                    let watch = try inotify.addWatch(scanner.absolute(folder))
                    machine.watchAdded(watch, folder: folder)
                    unwatched.remove(folder)
                } catch {
                    record(error, folder: folder)
                }
            }
            guard let listing = scanner.list(folder, seen: &seen) else { continue }
            if reportFiles { changes += listing.files.map { .changed($0.path) } }
            stack += listing.folders
        }
    }

    private func record(_ error: WatchError, folder: String) {
        if error.code == .watchLimitReached {
            if unwatched.insert(folder).inserted && unwatched.count == 1 {
                logger.error(
                    "inotify watch limit reached; folders without a watch are rescanned periodically",
                    metadata: ["event": "watch-limit", "path": "\(folder)", "error": "\(error)"])
            }
        } else if error.errno != ENOENT {
            logger.warning("cannot watch folder", metadata: ["path": "\(folder)", "error": "\(error)"])
        }
        status.update { $0.lastError = error.description }
    }

    private func markRootMissing() {
        guard !rootMissing else { return }
        rootMissing = true
        machine.reset()
        status.update { $0.rootMissing = true }
        logger.error(
            "watched folder is missing; serving the cache until it is back",
            metadata: ["event": "root-missing", "path": "\(configuration.root)"])
    }

    private func publishStatus() {
        let watched = machine.watchedFolderCount
        let unwatchedCount = unwatched.count
        let pending = machine.pendingCount + (rescanPending ? 1 : 0)
        status.update {
            $0.pending = pending
            $0.watchedFolders = watched
            $0.unwatchedFolders = unwatchedCount
        }
    }

    /// Waits until stopped or `timeoutMilliseconds` have passed.
    private func waitForWake(timeoutMilliseconds: Int32) {
        var descriptor = pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)
        if poll(&descriptor, 1, timeoutMilliseconds) > 0 { drainWake() }
    }

    private func drainWake() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wake.read, &buffer, buffer.count) > 0 {}
    }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
