#if canImport(Glibc)
    import Glibc
#endif

/// The watcher's logic, free of I/O: inotify events and the passing of time in, actions out.
///
/// Events only mark a file as worth a look; a file is reported once it has been closed and quiet
/// for the settle window, so a burst of writes, or a delete and re-create, is one change. Renames
/// are paired by cookie; a "moved from" that finds no partner in time is a removal.
public struct WatchStateMachine: Sendable {
    public enum Action: Sendable, Equatable {
        /// Watch this folder and every folder below it; report their files if `reportFiles`.
        case watchTree(String, reportFiles: Bool)
        /// Stop watching these (a folder that left the tree).
        case unwatch([Int32])
        /// Watch what is not yet watched below this folder and compare it with the cache: it was
        /// renamed, and what happened in it meanwhile (a file created before its watch was added,
        /// a change looked for at the old path) may have been missed.
        case reconcile(String)
        case emit(FileChange)
        /// The watched root itself was deleted or moved away.
        case rootLost
    }

    struct PendingMove: Sendable {
        var path: String
        var isFolder: Bool
        var deadline: ContinuousClock.Instant
    }

    struct DirtyFile: Sendable {
        var deadline: ContinuousClock.Instant
        var writing: Bool
    }

    public let ignore: IgnoreRules
    public let settle: Duration
    public let writeTimeout: Duration
    public let moveTimeout: Duration

    private(set) var folders: [Int32: String] = [:]
    private var watches: [String: Int32] = [:]
    private var retired: Set<Int32> = []
    private var pendingMoves: [UInt32: PendingMove] = [:]
    private var dirty: [String: DirtyFile] = [:]

    public init(ignore: IgnoreRules, settle: Duration, writeTimeout: Duration, moveTimeout: Duration) {
        self.ignore = ignore
        self.settle = settle
        self.writeTimeout = writeTimeout
        self.moveTimeout = moveTimeout
    }

    public var watchedFolderCount: Int { folders.count }
    public var pendingCount: Int { dirty.count + pendingMoves.count }

    public func isWatched(_ folder: String) -> Bool { watches[folder] != nil }

    /// The driver added a watch for `folder`.
    public mutating func watchAdded(_ watch: Int32, folder: String) {
        if let previous = folders[watch], previous != folder { watches[previous] = nil }
        folders[watch] = folder
        watches[folder] = watch
        retired.remove(watch)
    }

    /// The earliest time at which `tick` has something to do.
    public var nextDeadline: ContinuousClock.Instant? {
        let moves = pendingMoves.values.map(\.deadline).min()
        let files = dirty.values.map(\.deadline).min()
        switch (moves, files) {
        case (nil, nil): return nil
        case (let move?, nil): return move
        case (nil, let file?): return file
        case (let move?, let file?): return min(move, file)
        }
    }

    public mutating func handle(_ event: InotifyEvent, now: ContinuousClock.Instant) -> [Action] {
        if event.has(IN_Q_OVERFLOW) {
            return [.emit(.rescan(""))]
        }
        guard let folder = folders[event.watch] else {
            if event.has(IN_IGNORED) || retired.contains(event.watch) { return [] }
            // Events for a watch we do not know: something was missed.
            return [.emit(.rescan(""))]
        }
        if event.has(IN_IGNORED) {
            forget(watch: event.watch)
            return folder.isEmpty ? loseRoot() : []
        }
        if event.has(IN_DELETE_SELF) || event.has(IN_MOVE_SELF) {
            return folder.isEmpty ? loseRoot() : []
        }
        guard !event.name.isEmpty else { return [] }
        let path = folder.isEmpty ? event.name : folder + "/" + event.name
        let isFolder = event.has(IN_ISDIR)

        if event.has(IN_MOVED_FROM) {
            if ignore.ignores(path) { return [] }
            pendingMoves[event.cookie] = PendingMove(path: path, isFolder: isFolder, deadline: now + moveTimeout)
            return []
        }
        if event.has(IN_MOVED_TO) {
            return movedTo(path, isFolder: isFolder, cookie: event.cookie, now: now)
        }
        if ignore.ignores(path) { return [] }
        if isFolder {
            if event.has(IN_CREATE) {
                return expireMoves(overlapping: path, now: now) + [.watchTree(path, reportFiles: true)]
            }
            if event.has(IN_DELETE) {
                return unwatchTree(path) + [.emit(.removed(path))]
            }
            return []
        }
        if event.has(IN_DELETE) {
            markDirty(path, writing: false, now: now)
        } else if event.has(IN_CLOSE_WRITE) || event.has(IN_ATTRIB) {
            markDirty(path, writing: dirty[path]?.writing == true && !event.has(IN_CLOSE_WRITE), now: now)
        } else if event.has(IN_CREATE) || event.has(IN_MODIFY) {
            markDirty(path, writing: true, now: now)
        }
        return []
    }

    private mutating func movedTo(_ path: String, isFolder: Bool, cookie: UInt32, now: ContinuousClock.Instant)
        -> [Action]
    {
        let source = pendingMoves.removeValue(forKey: cookie)
        let ignored = ignore.ignores(path)
        guard let source else {
            // Moved in from outside the tree.
            if ignored { return [] }
            // Whatever left from here before (moved out, not yet known to be gone) left first.
            let expired = expireMoves(overlapping: path, now: now)
            if isFolder { return expired + [.watchTree(path, reportFiles: true)] }
            markDirty(path, writing: false, now: now)
            return expired
        }
        if ignored {
            // Renamed to a name we ignore (an editor's backup): the old name is gone or re-created.
            if source.isFolder { return unwatchTree(source.path) + [.emit(.removed(source.path))] }
            markDirty(source.path, writing: false, now: now)
            return []
        }
        if isFolder {
            renameFolders(from: source.path, to: path)
            return [.emit(.moved(from: source.path, to: path)), .reconcile(path)]
        }
        // A rename, or an atomic save over `path`: move what is cached, then look at the result.
        dirty[source.path] = nil
        markDirty(path, writing: false, now: now)
        return [.emit(.moved(from: source.path, to: path))]
    }

    /// Expired moves and settled files.
    public mutating func tick(now: ContinuousClock.Instant) -> [Action] {
        var actions: [Action] = []
        for (cookie, move) in pendingMoves.sorted(by: { $0.value.deadline < $1.value.deadline })
        where move.deadline <= now {
            actions += expire(cookie, now: now)
        }
        // A file in a folder whose move is not yet paired waits: its path is about to change.
        let moving = pendingMoves.values.filter(\.isFolder).map { $0.path + "/" }
        let settled = dirty.filter { path, file in
            file.deadline <= now && !moving.contains(where: { path.hasPrefix($0) })
        }.sorted { $0.value.deadline < $1.value.deadline }
        for (path, _) in settled {
            dirty[path] = nil
            actions.append(.emit(.changed(path)))
        }
        return actions
    }

    /// A move whose other half never came: the file or folder left the tree (or went to a name
    /// that is ignored).
    private mutating func expire(_ cookie: UInt32, now: ContinuousClock.Instant) -> [Action] {
        guard let move = pendingMoves.removeValue(forKey: cookie) else { return [] }
        guard move.isFolder else {
            markDirty(move.path, writing: false, now: now - settle)
            return []
        }
        let prefix = move.path + "/"
        for path in dirty.keys where path.hasPrefix(prefix) { dirty[path] = nil }
        return unwatchTree(move.path) + [.emit(.removed(move.path))]
    }

    /// Something arrives at `path`: a move still waiting for its other half from `path`, from a
    /// folder holding it or from inside it happened before, and is known now to have left. Without
    /// this, a folder moved out and back within the move window would be removed after it came back.
    private mutating func expireMoves(overlapping path: String, now: ContinuousClock.Instant) -> [Action] {
        let overlapping = pendingMoves.filter { _, move in
            move.path == path || path.hasPrefix(move.path + "/") || move.path.hasPrefix(path + "/")
        }
        return overlapping.keys.sorted().flatMap { expire($0, now: now) }
    }

    /// Drops all pending work (before a full rescan, which covers it).
    public mutating func reset() {
        dirty.removeAll()
        pendingMoves.removeAll()
    }

    private mutating func markDirty(_ path: String, writing: Bool, now: ContinuousClock.Instant) {
        dirty[path] = DirtyFile(deadline: now + (writing ? writeTimeout : settle), writing: writing)
    }

    private mutating func forget(watch: Int32) {
        if let folder = folders.removeValue(forKey: watch), watches[folder] == watch { watches[folder] = nil }
    }

    /// The root is gone, and the whole tree with it: every watch is retired, so that the kernel's
    /// late events for them (the root's IN_IGNORED comes after its IN_DELETE_SELF, sometimes much
    /// later) neither report the root lost again once it is back nor stand for the new root's watch.
    private mutating func loseRoot() -> [Action] {
        let gone = folders.keys.sorted()
        retired.formUnion(gone)
        folders.removeAll()
        watches.removeAll()
        dirty.removeAll()
        pendingMoves.removeAll()
        return (gone.isEmpty ? [] : [.unwatch(gone)]) + [.rootLost]
    }

    private mutating func unwatchTree(_ path: String) -> [Action] {
        let prefix = path + "/"
        let gone = folders.filter { $0.value == path || $0.value.hasPrefix(prefix) }.map(\.key)
        for watch in gone {
            forget(watch: watch)
            retired.insert(watch)
        }
        return gone.isEmpty ? [] : [.unwatch(gone.sorted())]
    }

    private mutating func renameFolders(from: String, to: String) {
        let prefix = from + "/"
        for (watch, folder) in folders where folder == from || folder.hasPrefix(prefix) {
            let renamed = to + folder.dropFirst(from.count)
            folders[watch] = renamed
            watches[folder] = nil
            watches[renamed] = watch
        }
        for (path, file) in dirty where path.hasPrefix(prefix) {
            dirty[path] = nil
            dirty[to + path.dropFirst(from.count)] = file
        }
    }
}
