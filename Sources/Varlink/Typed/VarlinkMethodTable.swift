/// The methods of one interface and the code that answers each: calls are decoded into the
/// method's parameter type, validated, answered, and the reply encoded, so a handler deals in
/// types only. A typed error thrown by a handler goes on the wire under its declared name.
public struct VarlinkMethodTable: Sendable {
    public typealias Handler = @Sendable (VarlinkCall, VarlinkResponder) async throws -> Void

    private var handlers: [String: Handler] = [:]

    public init() {}

    /// The methods in the table, by member name.
    public var members: Set<String> { Set(handlers.keys) }

    /// Answers `method` with one reply.
    public mutating func on<Method: VarlinkMethod>(
        _ method: Method.Type,
        _ handler: @escaping @Sendable (Method.Parameters, VarlinkResponder) async throws -> Method.Reply
    ) {
        handlers[Method.member] = { call, responder in
            let parameters = try Self.parameters(Method.self, of: call)
            let reply = try await Self.typed { try await handler(parameters, responder) }
            try await responder.reply(try JSONValueEncoder().encodeObject(reply))
        }
    }

    /// Answers `method`, which must be called with `more`, with a stream of replies: those
    /// the handler sends, then the one it returns, if any.
    public mutating func onStream<Method: VarlinkMethod>(
        _ method: Method.Type,
        _ handler:
            @escaping @Sendable (Method.Parameters, VarlinkReplyStream<Method.Reply>) async throws -> Method.Reply?
    ) {
        handlers[Method.member] = { call, responder in
            guard call.more else { throw VarlinkError.expectedMore }
            let parameters = try Self.parameters(Method.self, of: call)
            let stream = VarlinkReplyStream<Method.Reply>(responder: responder)
            if let last = try await Self.typed({ try await handler(parameters, stream) }) {
                try await responder.reply(try JSONValueEncoder().encodeObject(last))
            }
        }
    }

    /// Answers `call` if the table has its method.
    public func handle(_ call: VarlinkCall, responder: VarlinkResponder) async throws {
        guard let handler = handlers[call.member] else { throw VarlinkError.methodNotFound(call.method) }
        try await handler(call, responder)
    }

    private static func parameters<Method: VarlinkMethod>(_ method: Method.Type, of call: VarlinkCall)
        throws(VarlinkError)
        -> Method.Parameters
    {
        let parameters: Method.Parameters
        do {
            parameters = try JSONValueDecoder().decode(Method.Parameters.self, from: .object(call.parameters))
        } catch {
            throw VarlinkError(decoding: error)
        }
        try parameters.validate()
        return parameters
    }

    /// Runs `body`, turning a typed error into the Varlink error it declares.
    private static func typed<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let error as any VarlinkTypedError {
            throw error.varlinkError
        }
    }
}

/// Sends the replies of a stream but the last, each with `continues: true`.
public struct VarlinkReplyStream<Reply: Encodable & Sendable>: Sendable {
    /// The call's responder: who the client is, and its connection.
    public let responder: VarlinkResponder

    public func send(_ reply: Reply) async throws {
        try await responder.stream(try JSONValueEncoder().encodeObject(reply))
    }
}
