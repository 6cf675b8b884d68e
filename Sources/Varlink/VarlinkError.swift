/// A Varlink error reply: a qualified name and parameters that say what was wrong.
public struct VarlinkError: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var parameters: [String: JSONValue]

    public init(_ name: String, parameters: [String: JSONValue] = [:]) {
        self.name = name
        self.parameters = parameters
    }

    public var description: String {
        parameters.isEmpty ? name : "\(name) \(JSONWriter.string(.object(parameters)))"
    }

    // The errors of org.varlink.service.
    public static func interfaceNotFound(_ interface: String) -> VarlinkError {
        VarlinkError("org.varlink.service.InterfaceNotFound", parameters: ["interface": .string(excerpt(interface))])
    }

    public static func methodNotFound(_ method: String) -> VarlinkError {
        VarlinkError("org.varlink.service.MethodNotFound", parameters: ["method": .string(excerpt(method))])
    }

    public static func methodNotImplemented(_ method: String) -> VarlinkError {
        VarlinkError("org.varlink.service.MethodNotImplemented", parameters: ["method": .string(excerpt(method))])
    }

    public static let invalidParameterName = "org.varlink.service.InvalidParameter"

    public static func invalidParameter(_ parameter: String) -> VarlinkError {
        VarlinkError(invalidParameterName, parameters: ["parameter": .string(excerpt(parameter))])
    }

    public static let permissionDenied = VarlinkError("org.varlink.service.PermissionDenied")
    public static let expectedMore = VarlinkError("org.varlink.service.ExpectedMore")

    /// A message that is not a call at all (bad JSON, not an object, too large). Varlink defines
    /// no error for this; the server answers with it and then closes the connection.
    public static let invalidMessageName = "org.varlink.service.InvalidMessage"

    public static func invalidMessage(_ reason: String) -> VarlinkError {
        VarlinkError(invalidMessageName, parameters: ["reason": .string(reason)])
    }

    /// How much of what a client sent an error quotes back.
    public static let excerptBytes = 256

    /// The start of `text`, at most `excerptBytes` of UTF-8 cut between code points, with "…"
    /// when something was left out: an error names what it was given without sending it all back.
    public static func excerpt(_ text: String) -> String {
        guard text.utf8.count > excerptBytes else { return text }
        var kept = String.UnicodeScalarView()
        var bytes = 0
        for scalar in text.unicodeScalars {
            bytes += UTF8.width(scalar)
            if bytes > excerptBytes - 3 { break }
            kept.append(scalar)
        }
        return String(kept) + "…"
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// A required string parameter, else `InvalidParameter` naming it.
    public func requiredString(_ key: String) throws(VarlinkError) -> String {
        guard case .string(let value)? = self[key] else { throw .invalidParameter(key) }
        return value
    }

    /// An optional string parameter; present but not a string is `InvalidParameter`.
    public func optionalString(_ key: String) throws(VarlinkError) -> String? {
        switch self[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        default: throw .invalidParameter(key)
        }
    }

    /// An optional integer parameter within `range`.
    public func optionalInt(_ key: String, in range: ClosedRange<Int>) throws(VarlinkError) -> Int? {
        switch self[key] {
        case nil, .null?: return nil
        case let value?:
            guard let number = value.intValue, range.contains(Int(clamping: number)) else {
                throw .invalidParameter(key)
            }
            return Int(number)
        }
    }

    public func optionalBool(_ key: String) throws(VarlinkError) -> Bool? {
        switch self[key] {
        case nil, .null?: return nil
        case .bool(let value)?: return value
        default: throw .invalidParameter(key)
        }
    }
}
