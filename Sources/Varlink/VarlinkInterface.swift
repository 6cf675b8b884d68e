/// One interface a service offers: its name, its IDL text, and the code that answers its methods.
public protocol VarlinkInterface: Sendable {
    /// The interface name, e.g. `org.example.ftp`.
    var name: String { get }
    /// The interface description in Varlink IDL, served by GetInterfaceDescription.
    var interfaceDescription: String { get }

    /// Answers one call. Reply through `responder`: once with `reply`, or for `more` calls any
    /// number of times with `stream` and then once with `reply`. A thrown `VarlinkError` becomes
    /// the error reply; any other error becomes `InternalError` of this interface.
    func handle(_ call: VarlinkCall, responder: VarlinkResponder) async throws
}

/// Sends replies for one call, in order, on its connection, and says who is calling.
public struct VarlinkResponder: Sendable {
    let send: @Sendable (VarlinkReply) async throws -> Void
    /// The calling process, as the kernel reports it (SO_PEERCRED); nil when unknown.
    public let peer: VarlinkPeer?
    /// The connection the call came on, unique while the server runs: to share work fairly
    /// between connections.
    public let connection: UInt64

    public init(
        peer: VarlinkPeer? = nil, connection: UInt64 = 0, send: @escaping @Sendable (VarlinkReply) async throws -> Void
    ) {
        self.peer = peer
        self.connection = connection
        self.send = send
    }

    /// The final (or only) reply.
    public func reply(_ parameters: [String: JSONValue] = [:]) async throws {
        try await send(VarlinkReply(parameters: parameters))
    }

    /// One reply of a stream; more will follow.
    public func stream(_ parameters: [String: JSONValue]) async throws {
        try await send(VarlinkReply(parameters: parameters, continues: true))
    }
}

/// What `org.varlink.service.GetInfo` reports.
public struct VarlinkServiceInfo: Sendable {
    public var vendor: String
    public var product: String
    public var version: String
    public var url: String

    public init(vendor: String, product: String, version: String, url: String) {
        self.vendor = vendor
        self.product = product
        self.version = version
        self.url = url
    }
}

/// The credentials of the process at the other end of a Unix socket.
public struct VarlinkPeer: Sendable, Equatable {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32
    /// Supplementary groups (SO_PEERGROUPS); empty when the kernel could not say.
    public var groups: [UInt32]

    public init(pid: Int32, uid: UInt32, gid: UInt32, groups: [UInt32] = []) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
        self.groups = groups
    }
}
