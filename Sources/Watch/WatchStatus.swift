/// What the watcher reports about itself.
public struct WatchStatus: Sendable, Equatable {
    public var watchedFolders = 0
    /// Files waiting for their settle window, and renames waiting for their other half.
    public var pending = 0
    /// Folders that could not be watched (inotify watch limit); covered by periodic rescans.
    public var unwatchedFolders = 0
    /// Times events were lost (queue overflow, unknown watch) and a rescan was scheduled.
    public var overflows = 0
    public var rescans = 0
    /// The watched folder is missing (deleted or replaced); the cache keeps serving.
    public var rootMissing = false
    public var lastError: String?

    public init() {}
}
