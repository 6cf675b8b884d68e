import DossierProtocol
import Logging
import NIOPosix
import Synchronization
import Varlink

/// The daemon's change feed, followed once for every open page: one subscription on a thread of
/// its own, each change handed to every listener (a page's Server-Sent Events). When the daemon
/// goes away, it tries again every few seconds.
public final class ChangeFeed: Sendable {
    /// What a page is told.
    public enum Event: Sendable, Equatable {
        case change(DossierAPI.Change, generation: Int)
        /// Nothing happened for a while; a page's connection is tested by writing this.
        case idle
    }

    private let socketPath: String
    private let logger: Logger
    private let listeners = Mutex<[Int: AsyncStream<Event>.Continuation]>([:])
    private let nextListener = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    private let pool = NIOThreadPool(numberOfThreads: 1)
    /// How long a read waits before the listeners are told `idle`.
    private let idleInterval: Duration

    public init(socketPath: String, logger: Logger, idleInterval: Duration = .seconds(15)) {
        self.socketPath = socketPath
        self.logger = logger
        self.idleInterval = idleInterval
    }

    /// Follows the feed until `stop()`.
    public func start() {
        pool.start()
        pool.submit { [self] _ in follow() }
    }

    public func stop() {
        stopped.store(true, ordering: .relaxed)
        for continuation in listeners.withLock({ $0.values }) { continuation.finish() }
        // The thread may be waiting on the socket for a while yet; it ends on its own.
        pool.shutdownGracefully { _ in }
    }

    /// A new listener: the events from now on, the newest hundred kept when it falls behind.
    public func listen() -> AsyncStream<Event> {
        let id = nextListener.wrappingAdd(1, ordering: .relaxed).oldValue
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(100))
        continuation.onTermination = { [weak self] _ in self?.listeners.withLock { _ = $0.removeValue(forKey: id) } }
        listeners.withLock { $0[id] = continuation }
        return stream
    }

    public var listenerCount: Int { listeners.withLock { $0.count } }

    private func broadcast(_ event: Event) {
        for continuation in listeners.withLock({ Array($0.values) }) { continuation.yield(event) }
    }

    private func follow() {
        var since: Int?
        var lastProblem: String?
        while !stopped.load(ordering: .relaxed) {
            do {
                let client = try VarlinkClient(path: socketPath, timeout: idleInterval)
                var parameters: [String: JSONValue] = [:]
                if let since { parameters["since"] = .int(Int64(since)) }
                try client.send(
                    VarlinkCall(method: DossierAPI.Subscribe.qualifiedName, parameters: parameters, more: true))
                if lastProblem != nil { logger.info("following dossierd's changes again") }
                lastProblem = nil
                while !stopped.load(ordering: .relaxed) {
                    guard let reply = try Self.nextReply(from: client) else {
                        broadcast(.idle)
                        continue
                    }
                    if reply.error != nil {
                        // A generation too old to replay: start from now.
                        since = nil
                        break
                    }
                    let typed = try JSONValueDecoder().decode(
                        DossierAPI.Subscribe.Reply.self, from: .object(reply.parameters))
                    since = typed.generation
                    if let change = typed.change { broadcast(.change(change, generation: typed.generation)) }
                    if typed.stopping == true || !reply.continues { break }
                }
            } catch {
                let problem = "\(error)"
                if problem != lastProblem {
                    logger.warning("cannot follow dossierd's changes; trying again", metadata: ["error": "\(problem)"])
                    lastProblem = problem
                }
            }
            // Before trying again, a pause that a stop cuts short.
            for _ in 0..<20 where !stopped.load(ordering: .relaxed) { pause(microseconds: 100_000) }
        }
    }

    /// The next reply, or nil when none came in time.
    private static func nextReply(from client: VarlinkClient) throws -> VarlinkReply? {
        do {
            return try client.receive()
        } catch {
            if error.code == .timedOut { return nil }
            throw error
        }
    }

    private func pause(microseconds: UInt32) {
        var request = timespec(tv_sec: 0, tv_nsec: Int(microseconds) * 1000)
        _ = nanosleep(&request, nil)
    }
}
