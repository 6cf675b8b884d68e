/// Where and how a Varlink server listens.
public struct VarlinkServerConfiguration: Sendable {
    public enum Endpoint: Sendable, Equatable {
        /// Bind a Unix socket at this path (a stale socket file left behind is replaced).
        case path(String)
        /// Use a socket that is already bound and listening (systemd socket activation).
        case inheritedDescriptor(Int32)
    }

    public var endpoint: Endpoint
    /// Larger messages get an error reply and the connection is closed (systemd uses 16 MiB; a
    /// server whose calls are small should say how small).
    public var maximumMessageSize: Int
    /// A message begun must be complete within this time, else the connection gets an error reply
    /// and is closed.
    public var messageTimeout: Duration
    /// What all connections together may hold of unfinished messages; the connection whose bytes
    /// would pass it gets an error reply and is closed.
    public var maximumBufferedBytes: Int
    /// Connections past this many get an error reply and are closed.
    public var maximumConnections: Int
    /// Connections of one user (by uid) past this many get an error reply and are closed.
    public var maximumConnectionsPerUser: Int
    /// A connection with no complete message for this long is closed; streams are exempt.
    public var idleTimeout: Duration
    /// Who may call: every call of a peer it refuses is answered `PermissionDenied`. Nil allows
    /// everyone the socket's file mode lets in.
    public var authorize: (@Sendable (VarlinkPeer) -> Bool)?
    /// Who the kernel lets connect to a socket the server binds itself (an inherited one keeps
    /// what systemd gave it); nil leaves the mode the process's umask gives.
    public var socketPermissions: SocketPermissions?

    public init(
        endpoint: Endpoint,
        maximumMessageSize: Int = 16 * 1024 * 1024,
        messageTimeout: Duration = .seconds(10),
        maximumBufferedBytes: Int = 64 * 1024 * 1024,
        maximumConnections: Int = 4096,
        maximumConnectionsPerUser: Int = 1024,
        idleTimeout: Duration = .seconds(300),
        authorize: (@Sendable (VarlinkPeer) -> Bool)? = nil,
        socketPermissions: SocketPermissions? = nil
    ) {
        self.endpoint = endpoint
        self.maximumMessageSize = maximumMessageSize
        self.messageTimeout = messageTimeout
        self.maximumBufferedBytes = maximumBufferedBytes
        self.maximumConnections = maximumConnections
        self.maximumConnectionsPerUser = maximumConnectionsPerUser
        self.idleTimeout = idleTimeout
        self.authorize = authorize
        self.socketPermissions = socketPermissions
    }
}
