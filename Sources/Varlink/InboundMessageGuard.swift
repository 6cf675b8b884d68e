import NIOCore
import Synchronization

/// The bytes that all of a server's connections may hold of messages not yet complete.
public final class InboundBudget: Sendable {
    public let limit: Int
    private let used = Atomic<Int>(0)

    public init(limit: Int) {
        self.limit = limit
    }

    /// Takes `bytes` from the budget; false, taking nothing, when that would pass the limit.
    func take(_ bytes: Int) -> Bool {
        var current = used.load(ordering: .relaxed)
        while true {
            guard current + bytes <= limit else { return false }
            let (exchanged, original) = used.compareExchange(
                expected: current, desired: current + bytes, ordering: .relaxed)
            if exchanged { return true }
            current = original
        }
    }

    func give(_ bytes: Int) {
        used.wrappingSubtract(bytes, ordering: .relaxed)
    }

    /// Bytes held now, by every connection together.
    public var inUse: Int { used.load(ordering: .relaxed) }
}

/// What one connection may hold of a message it has begun and not finished.
public struct InboundLimits: Sendable {
    /// A message larger than this is refused as soon as it passes it.
    public var maximumMessageSize: Int
    /// A message begun must end (its NUL) within this time; sending a byte now and then does not
    /// keep it open.
    public var messageTimeout: Duration
    /// Shared by all connections.
    public var budget: InboundBudget

    public init(maximumMessageSize: Int, messageTimeout: Duration, budget: InboundBudget) {
        self.maximumMessageSize = maximumMessageSize
        self.messageTimeout = messageTimeout
        self.budget = budget
    }
}

/// A connection went past one of its `InboundLimits`; the server answers it with the reason and
/// closes the connection.
public struct InboundLimitExceeded: Error, Equatable, CustomStringConvertible {
    public enum Limit: Sendable, Equatable {
        case messageSize(Int)
        case messageTimeout(Duration)
        case budget(Int)
    }

    public var limit: Limit

    public var description: String {
        switch limit {
        case .messageSize(let bytes): "message larger than \(bytes) bytes"
        case .messageTimeout(let duration):
            "message not completed within \(duration.components.seconds) seconds"
        case .budget: "the server holds too many unfinished messages; send each message whole"
        }
    }
}

/// Sits before the framing and bounds what a connection buffers of unfinished messages: their
/// size, the time they take, and the connections' shared budget. Past any bound it stops reading,
/// drops what it holds and raises `InboundLimitExceeded`, so that no client can make the server
/// hold more than the bounds allow, however many connections it opens and however slowly it sends.
final class InboundMessageGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let limits: InboundLimits
    /// Bytes of the message under way (taken from the budget).
    private var pending = 0
    private var deadline: Scheduled<Void>?
    private var exceeded = false

    init(limits: InboundLimits) {
        self.limits = limits
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !exceeded else { return }
        let bytes = unwrapInboundIn(data).readableBytesView
        var start = bytes.startIndex
        while let nul = bytes[start...].firstIndex(of: 0) {
            // A message ends here: it must fit, and then it holds nothing more.
            if pending + (nul - start) > limits.maximumMessageSize {
                return exceed(.messageSize(limits.maximumMessageSize), context: context)
            }
            finishMessage()
            start = nul + 1
        }
        let rest = bytes.endIndex - start
        if rest > 0 {
            if pending + rest > limits.maximumMessageSize {
                return exceed(.messageSize(limits.maximumMessageSize), context: context)
            }
            guard limits.budget.take(rest) else { return exceed(.budget(limits.budget.limit), context: context) }
            if pending == 0 { startDeadline(context: context) }
            pending += rest
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finishMessage()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finishMessage()
    }

    private func finishMessage() {
        deadline?.cancel()
        deadline = nil
        limits.budget.give(pending)
        pending = 0
    }

    private func startDeadline(context: ChannelHandlerContext) {
        let timeout = limits.messageTimeout
        let (seconds, attoseconds) = timeout.components
        let amount = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        deadline = context.eventLoop.scheduleTask(in: amount) {
            let (handler, context) = loopBound.value
            handler.exceed(.messageTimeout(timeout), context: context)
        }
    }

    private func exceed(_ limit: InboundLimitExceeded.Limit, context: ChannelHandlerContext) {
        guard !exceeded else { return }
        exceeded = true
        finishMessage()
        context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
        context.fireErrorCaught(InboundLimitExceeded(limit: limit))
    }
}
