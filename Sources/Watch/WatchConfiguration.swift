/// How the watcher behaves.
public struct WatchConfiguration: Sendable {
    /// The watched folder (absolute).
    public var root: String
    public var ignore: IgnoreRules
    /// Quiet time after a file is closed before it is processed.
    public var settle: Duration
    /// Quiet time for a file that is still open for writing before it is processed anyway.
    public var writeTimeout: Duration
    /// An unpaired "moved from" becomes a removal after this long.
    public var moveTimeout: Duration
    /// How often folders that could not be watched are rescanned, and a missing root looked for.
    public var rescanInterval: Duration
    /// Follow symbolic links to folders and files (loops are detected).
    public var followSymlinks: Bool

    public init(
        root: String,
        ignore: IgnoreRules = IgnoreRules(),
        settle: Duration = .milliseconds(20),
        writeTimeout: Duration = .seconds(2),
        moveTimeout: Duration = .milliseconds(100),
        rescanInterval: Duration = .seconds(30),
        followSymlinks: Bool = false
    ) {
        self.root = root
        self.ignore = ignore
        self.settle = settle
        self.writeTimeout = writeTimeout
        self.moveTimeout = moveTimeout
        self.rescanInterval = rescanInterval
        self.followSymlinks = followSymlinks
    }
}
