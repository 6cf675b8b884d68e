import Logging
import NIOCore
import NIOPosix
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A Varlink server over a Unix stream socket. Each connection is served in its own child task;
/// calls on one connection are answered in order; one connection's failure is logged and
/// answered, never fatal to the server.
public final class VarlinkServer: Sendable {
    public let configuration: VarlinkServerConfiguration
    private let registry: VarlinkServiceRegistry
    private let logger: Logger
    private let group: any EventLoopGroup
    private let listener = Mutex<(any Channel)?>(nil)
    private let openConnections = Atomic<Int>(0)
    private let connectionsPerUser = Mutex<[UInt32: Int]>([:])
    private let connectionNumbers = Atomic<UInt64>(0)
    /// Set by `shutdown()`: connections finish the call they are in, then close.
    private let draining = Atomic(false)
    private let live = Mutex<[UInt64: (channel: any Channel, activity: ConnectionActivity)]>([:])
    /// What all connections hold of unfinished messages.
    public let budget: InboundBudget

    public init(
        configuration: VarlinkServerConfiguration, registry: VarlinkServiceRegistry, logger: Logger,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.registry = registry
        self.logger = logger
        self.group = group
        self.budget = InboundBudget(limit: configuration.maximumBufferedBytes)
    }

    /// Binds (or adopts) the socket, calls `onListening`, then serves until `shutdown()` or cancellation.
    public func run(onListening: @Sendable () async throws -> Void = {}) async throws {
        let maximumMessageSize = configuration.maximumMessageSize
        let limits = InboundLimits(
            maximumMessageSize: maximumMessageSize, messageTimeout: configuration.messageTimeout,
            budget: budget)
        let idleTimeout = TimeAmount.nanoseconds(
            Int64(configuration.idleTimeout.components.seconds) * 1_000_000_000
                + configuration.idleTimeout.components.attoseconds / 1_000_000_000)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
        let initializer: @Sendable (any Channel) -> EventLoopFuture<Connection> = { channel in
            channel.eventLoop.makeCompletedFuture {
                let activity = ConnectionActivity()
                try channel.pipeline.syncOperations.addHandlers([
                    IdleStateHandler(readTimeout: idleTimeout),
                    IdleConnectionCloser(activity: activity),
                    InboundMessageGuard(limits: limits),
                    ByteToMessageHandler(NULFrameDecoder(maximumMessageSize: maximumMessageSize)),
                ])
                return Connection(
                    channel: try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel),
                    activity: activity)
            }
        }
        let server: NIOAsyncChannel<Connection, Never>
        switch configuration.endpoint {
        case .path(let path):
            try Self.refuseIfInUse(path)
            server = try await bindWithPermissions(path, bootstrap: bootstrap, initializer: initializer)
        case .inheritedDescriptor(let descriptor):
            server = try await bootstrap.bind(
                NIOBSDSocket.Handle(descriptor), childChannelInitializer: initializer)
        }
        listener.withLock { $0 = server.channel }
        defer {
            // A socket file we bound ourselves goes with us; an inherited one belongs to systemd.
            if case .path(let path) = configuration.endpoint { unlink(path) }
        }
        try await onListening()

        try await server.executeThenClose { connections in
            try await withThrowingDiscardingTaskGroup { group in
                for try await connection in connections {
                    group.addTask {
                        await self.serve(connection)
                    }
                }
            }
        }
    }

    /// Stops accepting connections, closes those with no call in progress, and lets the others
    /// finish the call they are in (a stream ends when its interface ends it) before closing
    /// them; `run()` returns once the last has closed.
    public func shutdown() {
        draining.store(true, ordering: .sequentiallyConsistent)
        listener.withLock { $0 }?.close(promise: nil)
        for connection in live.withLock({ Array($0.values) }) where !connection.activity.isBusy {
            connection.channel.close(promise: nil)
        }
    }

    private var isDraining: Bool { draining.load(ordering: .sequentiallyConsistent) }

    /// Binds at a name of its own beside `path`, gives the socket its permissions, then renames it
    /// to `path`: nobody can connect at `path` before the kernel checks what it should.
    private func bindWithPermissions<Output: Sendable>(
        _ path: String, bootstrap: ServerBootstrap,
        initializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Output>
    ) async throws -> NIOAsyncChannel<Output, Never> {
        guard let permissions = configuration.socketPermissions else {
            return try await bootstrap.bind(
                unixDomainSocketPath: path, cleanupExistingSocketFile: true, childChannelInitializer: initializer)
        }
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let binding = "\(folder).\(name).\(getpid()).binding"
        let server = try await bootstrap.bind(
            unixDomainSocketPath: binding, cleanupExistingSocketFile: true, childChannelInitializer: initializer)
        do {
            if let shortfall = try permissions.apply(to: binding) {
                logger.error(
                    "the socket's file system keeps no ACLs: these users and groups cannot connect",
                    metadata: [
                        "event": "socket-permissions", "socket": "\(path)", "users": "\(shortfall.users)",
                        "groups": "\(shortfall.groups)",
                    ])
            }
            guard rename(binding, path) == 0 else {
                throw VarlinkServerError(path: path, reason: "rename: \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(binding)
            try? await server.channel.close()
            throw error
        }
        return server
    }

    /// Another live server on the same path must not be silently replaced.
    private static func refuseIfInUse(_ path: String) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        guard let address = try? SocketAddress(unixDomainSocketPath: path) else { return }
        let connected = address.withSockAddr { pointer, length in connect(descriptor, pointer, socklen_t(length)) }
        if connected == 0 {
            throw VarlinkServerError(path: path, reason: "another server is already listening there")
        }
    }

    private func serve(_ connection: Connection) async {
        let activity = connection.activity
        let connection = connection.channel
        let peer = await Self.peer(of: connection.channel)
        let number = connectionNumbers.wrappingAdd(1, ordering: .relaxed).newValue
        live.withLock { $0[number] = (connection.channel, activity) }
        defer { live.withLock { $0[number] = nil } }
        if isDraining {
            connection.channel.close(promise: nil)
            return
        }
        let count = openConnections.wrappingAdd(1, ordering: .relaxed).newValue
        let userCount = peer.map { peer in
            connectionsPerUser.withLock { counts in
                counts[peer.uid, default: 0] += 1
                return counts[peer.uid]!
            }
        }
        defer {
            openConnections.wrappingSubtract(1, ordering: .relaxed)
            if let peer {
                connectionsPerUser.withLock { counts in
                    counts[peer.uid, default: 1] -= 1
                    if counts[peer.uid] == 0 { counts[peer.uid] = nil }
                }
            }
        }
        var logger = self.logger
        logger[metadataKey: "varlink.connection"] = "\(ObjectIdentifier(connection.channel).hashValue & 0xFFFF)"
        if let peer {
            logger[metadataKey: "peer.pid"] = "\(peer.pid)"
            logger[metadataKey: "peer.uid"] = "\(peer.uid)"
        }
        do {
            try await connection.executeThenClose { inbound, outbound in
                let writer = ReplyWriter(outbound: outbound)
                if count > configuration.maximumConnections {
                    logger.warning(
                        "too many connections", metadata: ["varlink.limit": "\(configuration.maximumConnections)"])
                    try await writer.send(
                        VarlinkReply(
                            error: .invalidMessage("too many connections (\(configuration.maximumConnections))")))
                    return
                }
                if let userCount, userCount > configuration.maximumConnectionsPerUser {
                    logger.warning(
                        "too many connections for one user",
                        metadata: ["varlink.limit": "\(configuration.maximumConnectionsPerUser)"])
                    try await writer.send(
                        VarlinkReply(
                            error: .invalidMessage(
                                "too many connections for this user (\(configuration.maximumConnectionsPerUser))")))
                    return
                }
                do {
                    try await self.serveMessages(
                        inbound, writer: writer, activity: activity, peer: peer, connection: number,
                        closed: connection.channel.closeFuture, logger: logger)
                } catch let error as InboundLimitExceeded {
                    logger.notice("inbound limit exceeded", metadata: ["error": "\(error)"])
                    try await writer.send(VarlinkReply(error: .invalidMessage(error.description)))
                } catch let error as NULFrameDecoder.MessageTooLarge {
                    logger.notice("message too large", metadata: ["varlink.limit": "\(error.limit)"])
                    try await writer.send(
                        VarlinkReply(error: .invalidMessage("message larger than \(error.limit) bytes")))
                }
            }
        } catch is CancellationError {
            return
        } catch {
            logger.debug("connection ended", metadata: ["error": "\(error)"])
        }
    }

    /// The peer's pid, uid and gid (SO_PEERCRED) and supplementary groups (SO_PEERGROUPS).
    private static func peer(of channel: any Channel) async -> VarlinkPeer? {
        guard let provider = channel as? any SocketOptionProvider else { return nil }
        let credentials: PeerCredentials? = try? await provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)
        ).get()
        guard let credentials else { return nil }
        // Unused slots stay zero; a process with more groups than fit gets ERANGE and no groups.
        let groups: PeerGroups? = try? await provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERGROUPS)
        ).get()
        let list = groups.map { groups in
            withUnsafeBytes(of: groups.storage) { Array($0.bindMemory(to: UInt32.self)).filter { $0 != 0 } }
        }
        return VarlinkPeer(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid, groups: list ?? [])
    }

    private func serveMessages(
        _ inbound: NIOAsyncChannelInboundStream<ByteBuffer>, writer: ReplyWriter, activity: ConnectionActivity,
        peer: VarlinkPeer?, connection: UInt64, closed: EventLoopFuture<Void>, logger: Logger
    ) async throws {
        for try await frame in inbound {
            let call: VarlinkCall
            do {
                call = try VarlinkCall(message: try JSONParser.parse(frame.readableBytesView))
            } catch let error as JSONParser.Error {
                logger.notice("malformed message", metadata: ["error": "\(error)"])
                try await writer.send(VarlinkReply(error: .invalidMessage(error.description)))
                return
            } catch let error as VarlinkError {
                // Valid JSON that is not a call: say why; a message that is no call at all also ends the connection.
                logger.notice("malformed call", metadata: ["error": "\(error)"])
                try await writer.send(VarlinkReply(error: error))
                if error.name == VarlinkError.invalidMessageName { return }
                continue
            }
            if let authorize = configuration.authorize, !(peer.map(authorize) ?? false) {
                logger.notice("permission denied", metadata: ["varlink.method": "\(call.method)"])
                if !call.oneway { try await writer.send(VarlinkReply(error: .permissionDenied)) }
                continue
            }
            var callLogger = logger
            callLogger[metadataKey: "varlink.method"] = "\(call.method)"
            let started = ContinuousClock.now
            let oneway = call.oneway
            activity.begin()
            defer { activity.end() }
            let responder = VarlinkResponder(peer: peer, connection: connection) { reply in
                if !oneway { try await writer.send(reply) }
            }
            if call.more {
                // A stream may wait long for its next reply: the client going away cancels it,
                // so that it does not outlive its connection.
                let registry = self.registry
                let stream = Task { try await registry.dispatch(call, responder: responder) }
                closed.whenComplete { _ in stream.cancel() }
                try await withTaskCancellationHandler {
                    try await stream.value
                } onCancel: {
                    stream.cancel()
                }
            } else {
                try await registry.dispatch(call, responder: responder)
            }
            callLogger.trace(
                "call answered", metadata: ["duration.ms": "\((ContinuousClock.now - started).milliseconds)"])
            // Stopping: the call that was in progress is answered; the connection closes.
            if isDraining { return }
        }
    }
}

/// Laid out like `struct ucred` (SO_PEERCRED).
struct PeerCredentials: Sendable {
    var pid: Int32
    var uid: UInt32
    var gid: UInt32
}

/// Room for 64 group ids (SO_PEERGROUPS).
struct PeerGroups: Sendable {
    var storage:
        (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
}

/// One accepted connection and what its idle timer needs to know.
struct Connection: Sendable {
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    let activity: ConnectionActivity
}

/// Whether a call (a stream, say) is in progress on a connection: such a connection is not idle.
final class ConnectionActivity: Sendable {
    private let calls = Atomic<Int>(0)

    func begin() { calls.wrappingAdd(1, ordering: .relaxed) }
    func end() { calls.wrappingSubtract(1, ordering: .relaxed) }
    var isBusy: Bool { calls.load(ordering: .relaxed) > 0 }
}

/// Closes a connection that sent nothing for the idle timeout while no call was in progress.
final class IdleConnectionCloser: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let activity: ConnectionActivity

    init(activity: ConnectionActivity) {
        self.activity = activity
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            if !activity.isBusy { context.close(promise: nil) }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}

/// Serialises replies onto a connection.
struct ReplyWriter: Sendable {
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    func send(_ reply: VarlinkReply) async throws {
        var bytes = JSONWriter.bytes(reply.message)
        bytes.append(0)
        try await outbound.write(ByteBuffer(bytes: bytes))
    }
}

public struct VarlinkServerError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "cannot listen on \(path): \(reason)" }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
