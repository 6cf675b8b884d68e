import NIOCore
import NIOEmbedded
import Testing

@testable import Varlink

@Suite struct InboundMessageGuardTests {
    static func channel(size: Int = 16, timeout: Duration = .seconds(10), budget: InboundBudget) throws
        -> EmbeddedChannel
    {
        let limits = InboundLimits(maximumMessageSize: size, messageTimeout: timeout, budget: budget)
        return EmbeddedChannel(handlers: [
            InboundMessageGuard(limits: limits), ByteToMessageHandler(NULFrameDecoder(maximumMessageSize: 1 << 20)),
        ])
    }

    static func frames(_ channel: EmbeddedChannel) throws -> [String] {
        var frames: [String] = []
        while let frame = try channel.readInbound(as: ByteBuffer.self) { frames.append(String(buffer: frame)) }
        return frames
    }

    @Test func completeMessagesPassAndHoldNothing() throws {
        let budget = InboundBudget(limit: 100)
        let channel = try Self.channel(budget: budget)
        try channel.writeInbound(ByteBuffer(string: "{\"a\":1}\0{}\0{\"b\""))
        #expect(try Self.frames(channel) == ["{\"a\":1}", "{}"])
        #expect(budget.inUse == 4)
        try channel.writeInbound(ByteBuffer(string: ":2}\0"))
        #expect(try Self.frames(channel) == ["{\"b\":2}"])
        #expect(budget.inUse == 0)
        _ = try channel.finish()
    }

    @Test func aMessageIsRefusedAsSoonAsItPassesTheSize() throws {
        let budget = InboundBudget(limit: 1000)
        let channel = try Self.channel(size: 16, budget: budget)
        try channel.writeInbound(ByteBuffer(string: "0123456789"))
        #expect(throws: InboundLimitExceeded(limit: .messageSize(16))) {
            try channel.writeInbound(ByteBuffer(string: "0123456789"))
        }
        #expect(budget.inUse == 0)
        // Whatever comes after is dropped, not held.
        try channel.writeInbound(ByteBuffer(string: "abc\0"))
        #expect(try Self.frames(channel).isEmpty)
        #expect(budget.inUse == 0)
        _ = try? channel.finish()
    }

    @Test func aWholeMessageLargerThanTheSizeInOneReadIsRefused() throws {
        let channel = try Self.channel(size: 4, budget: InboundBudget(limit: 1000))
        #expect(throws: InboundLimitExceeded(limit: .messageSize(4))) {
            try channel.writeInbound(ByteBuffer(string: "{}\0{\"long\":1}\0"))
        }
        _ = try? channel.finish()
    }

    @Test func connectionsShareTheBudget() throws {
        let budget = InboundBudget(limit: 20)
        let first = try Self.channel(budget: budget)
        let second = try Self.channel(budget: budget)
        try first.writeInbound(ByteBuffer(string: "0123456789abcd"))
        #expect(throws: InboundLimitExceeded(limit: .budget(20))) {
            try second.writeInbound(ByteBuffer(string: "0123456789"))
        }
        #expect(budget.inUse == 14)
        // A connection that closes gives its share back.
        _ = try? first.finish()
        #expect(budget.inUse == 0)
        _ = try? second.finish()
    }

    @Test func aMessageMustEndWithinItsTimeWhateverTrickles() throws {
        let budget = InboundBudget(limit: 1000)
        let channel = try Self.channel(size: 1000, timeout: .seconds(10), budget: budget)
        let loop = try #require(channel.eventLoop as? EmbeddedEventLoop)
        // A byte every second keeps a read timer alive; it does not keep a message open.
        for _ in 0..<9 {
            try channel.writeInbound(ByteBuffer(string: "x"))
            loop.advanceTime(by: .seconds(1))
        }
        try channel.throwIfErrorCaught()
        loop.advanceTime(by: .seconds(1))
        #expect(throws: InboundLimitExceeded(limit: .messageTimeout(.seconds(10)))) {
            try channel.throwIfErrorCaught()
        }
        #expect(budget.inUse == 0)
        _ = try? channel.finish()
    }

    @Test func aCompletedMessageStopsItsClock() throws {
        let channel = try Self.channel(size: 1000, timeout: .seconds(10), budget: InboundBudget(limit: 1000))
        let loop = try #require(channel.eventLoop as? EmbeddedEventLoop)
        try channel.writeInbound(ByteBuffer(string: "{}"))
        loop.advanceTime(by: .seconds(9))
        try channel.writeInbound(ByteBuffer(string: "\0"))
        loop.advanceTime(by: .seconds(60))
        try channel.throwIfErrorCaught()
        #expect(try Self.frames(channel) == ["{}"])
        _ = try channel.finish()
    }

    @Test func anErrorQuotesAnExcerptOfWhatItWasGiven() {
        let method = "io.dossier." + String(repeating: "x", count: 1_000_000)
        let error = VarlinkError.methodNotFound(method)
        let quoted = try! #require(error.parameters["method"]?.stringValue)
        #expect(quoted.utf8.count <= VarlinkError.excerptBytes)
        #expect(quoted.hasPrefix("io.dossier.xxx"))
        #expect(quoted.hasSuffix("…"))
        #expect(VarlinkError.methodNotFound("io.dossier.Short").parameters["method"] == "io.dossier.Short")
        // Cut between code points, never inside one.
        let wide = String(repeating: "é", count: 400)
        #expect(VarlinkError.excerpt(wide).dropLast().allSatisfy { $0 == "é" })
    }
}
