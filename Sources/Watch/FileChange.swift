/// What the watcher tells the indexer. Paths are relative to the watched root; "" is the root.
public enum FileChange: Sendable, Equatable, Hashable {
    /// Something happened to this file: look at it (it may be new, changed, or gone).
    case changed(String)
    /// A file or a folder was renamed inside the tree; the contents did not change.
    case moved(from: String, to: String)
    /// A folder and everything below it left the tree.
    case removed(String)
    /// Compare this folder with the cache: events were lost (queue overflow, a folder that could
    /// not be watched), or the folder was renamed while changes in it were under way.
    case rescan(String)
}
