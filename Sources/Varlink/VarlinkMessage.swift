/// A method call as it arrives: `{"method": "io.example.Method", "parameters": {...}, "more": true}`.
public struct VarlinkCall: Sendable, Equatable {
    /// The fully qualified method, `interface.Method`.
    public var method: String
    public var parameters: [String: JSONValue]
    /// The client wants a stream of replies, each but the last with `continues: true`.
    public var more: Bool
    /// The client wants no reply at all.
    public var oneway: Bool
    public var upgrade: Bool

    public init(
        method: String, parameters: [String: JSONValue] = [:], more: Bool = false, oneway: Bool = false,
        upgrade: Bool = false
    ) {
        self.method = method
        self.parameters = parameters
        self.more = more
        self.oneway = oneway
        self.upgrade = upgrade
    }

    /// The interface part of `method`.
    public var interface: String {
        guard let dot = method.lastIndex(of: ".") else { return "" }
        return String(method[..<dot])
    }

    /// The member part of `method`.
    public var member: String {
        guard let dot = method.lastIndex(of: ".") else { return method }
        return String(method[method.index(after: dot)...])
    }

    /// Reads a call from one message. Anything that is not an object with a string `method`
    /// is a protocol error, described for the reply.
    public init(message: JSONValue) throws(VarlinkError) {
        guard case .object(let object) = message else {
            throw VarlinkError.invalidMessage("a message must be a JSON object")
        }
        guard case .string(let method)? = object["method"], !method.isEmpty else {
            throw VarlinkError.invalidMessage("a call needs a string \"method\"")
        }
        var parameters: [String: JSONValue] = [:]
        switch object["parameters"] {
        case nil, .null?: break
        case .object(let value)?: parameters = value
        default: throw VarlinkError.invalidParameter("parameters")
        }
        func flag(_ key: String) throws(VarlinkError) -> Bool {
            switch object[key] {
            case nil, .null?: return false
            case .bool(let value)?: return value
            default: throw VarlinkError.invalidMessage("\"\(key)\" must be a boolean")
            }
        }
        self.init(
            method: method, parameters: parameters, more: try flag("more"), oneway: try flag("oneway"),
            upgrade: try flag("upgrade"))
    }

    public var message: JSONValue {
        var object: [String: JSONValue] = ["method": .string(method)]
        if !parameters.isEmpty { object["parameters"] = .object(parameters) }
        if more { object["more"] = true }
        if oneway { object["oneway"] = true }
        if upgrade { object["upgrade"] = true }
        return .object(object)
    }
}

/// A reply: parameters, or an error name with parameters; `continues` while a stream goes on.
public struct VarlinkReply: Sendable, Equatable {
    public var parameters: [String: JSONValue]
    public var continues: Bool
    public var error: String?

    public init(parameters: [String: JSONValue] = [:], continues: Bool = false, error: String? = nil) {
        self.parameters = parameters
        self.continues = continues
        self.error = error
    }

    public init(error: VarlinkError) {
        self.init(parameters: error.parameters, error: error.name)
    }

    public init(message: JSONValue) throws(VarlinkError) {
        guard case .object(let object) = message else {
            throw VarlinkError.invalidMessage("a reply must be a JSON object")
        }
        self.parameters = object["parameters"]?.objectValue ?? [:]
        self.continues = object["continues"]?.boolValue ?? false
        self.error = object["error"]?.stringValue
    }

    public var message: JSONValue {
        var object: [String: JSONValue] = ["parameters": .object(parameters)]
        if continues { object["continues"] = true }
        if let error { object["error"] = .string(error) }
        return .object(object)
    }
}
