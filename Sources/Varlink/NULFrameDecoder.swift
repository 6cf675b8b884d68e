import NIOCore

/// Splits a byte stream into Varlink messages: each ends with a NUL byte, which is dropped.
public struct NULFrameDecoder: ByteToMessageDecoder, Sendable {
    public typealias InboundOut = ByteBuffer

    /// A message grew past the limit without its NUL.
    public struct MessageTooLarge: Error, Equatable {
        public var limit: Int
    }

    public let maximumMessageSize: Int
    private var scanned = 0

    public init(maximumMessageSize: Int) {
        self.maximumMessageSize = maximumMessageSize
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let readable = buffer.readableBytesView
        let searchStart = readable.startIndex + scanned
        if let nul = readable[searchStart...].firstIndex(of: 0) {
            let length = nul - readable.startIndex
            let frame = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            scanned = 0
            context.fireChannelRead(Self.wrapInboundOut(frame))
            return .continue
        }
        scanned = readable.count
        if readable.count > maximumMessageSize {
            throw MessageTooLarge(limit: maximumMessageSize)
        }
        return .needMoreData
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        // A message cut off by the end of the stream is dropped: there is nobody left to answer.
        while try decode(context: context, buffer: &buffer) == .continue {}
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
