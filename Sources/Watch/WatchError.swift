#if canImport(Glibc)
    import Glibc
#endif

/// A failure to watch or scan, with the path and errno.
public struct WatchError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        case inotifyUnavailable
        case addWatchFailed
        /// fs.inotify.max_user_watches is exhausted.
        case watchLimitReached
        case rootUnavailable
        /// Reading inotify's events failed; some may be lost.
        case readFailed
        /// No thread could be started for the watch loop.
        case threadUnavailable
    }

    public var code: Code
    public var path: String
    public var errno: Int32

    public init(code: Code, path: String, errno: Int32) {
        self.code = code
        self.path = path
        self.errno = errno
    }

    public var description: String {
        let reason = String(cString: strerror(errno))
        switch code {
        case .inotifyUnavailable: return "inotify is not available: \(reason)"
        case .addWatchFailed: return "cannot watch \(path): \(reason)"
        case .watchLimitReached:
            return
                "cannot watch \(path): the inotify watch limit is reached; raise it with "
                + "'sysctl fs.inotify.max_user_watches=524288' (and in /etc/sysctl.d to keep it)"
        case .rootUnavailable: return "cannot read the watched folder \(path): \(reason)"
        case .readFailed: return "cannot read inotify events: \(reason)"
        case .threadUnavailable: return "cannot start the watch thread: \(reason)"
        }
    }
}
