#if canImport(Glibc)
    import Glibc
#endif

/// A small blocking Varlink client over a Unix socket, for command-line tools and tests.
public final class VarlinkClient {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public enum Code: Sendable { case connect, send, receive, closed, timedOut, protocolViolation }
        public var code: Code
        public var path: String
        public var message: String
        public var description: String { message }
    }

    public let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Connects to the socket at `path`. `timeout` bounds each wait for a reply.
    public init(path: String, timeout: Duration? = .seconds(30)) throws(Failure) {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            throw Failure(code: .connect, path: path, message: "socket(): \(String(cString: strerror(errno)))")
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        // On failure below, deinit closes the descriptor (it runs once all properties are set).
        guard path.utf8.count < capacity else {
            throw Failure(code: .connect, path: path, message: "socket path is too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            throw Failure(code: .connect, path: path, message: "cannot connect to \(path): \(reason)")
        }
        if let timeout {
            var value = timeval(
                tv_sec: Int(timeout.components.seconds),
                tv_usec: Int(timeout.components.attoseconds / 1_000_000_000_000))
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Calls a method and returns its reply (an error reply is returned, not thrown).
    public func call(_ method: String, _ parameters: [String: JSONValue] = [:]) throws(Failure) -> VarlinkReply {
        try send(VarlinkCall(method: method, parameters: parameters))
        return try receive()
    }

    /// Calls with `more: true` and hands every reply to `onReply` until one without `continues`,
    /// or until `onReply` returns false.
    public func stream(
        _ method: String, _ parameters: [String: JSONValue] = [:], onReply: (VarlinkReply) throws -> Bool
    ) throws {
        try send(VarlinkCall(method: method, parameters: parameters, more: true))
        while true {
            let reply = try receive()
            guard try onReply(reply), reply.continues else { return }
        }
    }

    public func send(_ call: VarlinkCall) throws(Failure) {
        var bytes = JSONWriter.bytes(call.message)
        bytes.append(0)
        try sendRaw(bytes)
    }

    /// Sends bytes as they are: for tests of framing and malformed input.
    public func sendRaw(_ bytes: [UInt8]) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { raw in
                Glibc.send(descriptor, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(code: .send, path: path, message: "send failed: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// The next reply.
    public func receive() throws(Failure) -> VarlinkReply {
        let message = try receiveMessage()
        do {
            return try VarlinkReply(message: try JSONParser.parse(message))
        } catch {
            throw Failure(code: .protocolViolation, path: path, message: "malformed reply: \(error)")
        }
    }

    /// The next NUL-terminated message, without its NUL.
    public func receiveMessage() throws(Failure) -> [UInt8] {
        while true {
            if let nul = buffer.firstIndex(of: 0) {
                let message = Array(buffer[..<nul])
                buffer.removeSubrange(...nul)
                return message
            }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    throw Failure(code: .timedOut, path: path, message: "no reply from \(path) in time")
                }
                throw Failure(
                    code: .receive, path: path, message: "receive failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 {
                guard buffer.isEmpty else {
                    throw Failure(
                        code: .protocolViolation, path: path,
                        message: "the server closed the connection in the middle of a message")
                }
                throw Failure(code: .closed, path: path, message: "the server closed the connection")
            }
            buffer.append(contentsOf: chunk[..<count])
        }
    }
}
