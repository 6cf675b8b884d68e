/// One method of an interface, as types: what it takes and what it answers. The member name
/// is the type's own name, so a method is named once, where it is declared.
public protocol VarlinkMethod: Sendable {
    associatedtype Parameters: VarlinkParameters
    associatedtype Reply: Codable, Sendable
    /// The interface the method belongs to, e.g. `org.example.ftp`.
    static var interface: String { get }
}

extension VarlinkMethod {
    /// The method's name within its interface (`Status`).
    public static var member: String { String(describing: Self.self) }
    /// The fully qualified name a call carries (`org.example.ftp.Status`).
    public static var qualifiedName: String { interface + "." + member }
}

/// A method's parameters. `validate` refuses values the types allow but the method does not
/// (a limit out of range, a text too long) with the Varlink error that says which.
public protocol VarlinkParameters: Codable, Sendable {
    func validate() throws(VarlinkError)
}

extension VarlinkParameters {
    public func validate() throws(VarlinkError) {}

    /// Refuses `value` outside `range` as `InvalidParameter` naming `key`.
    public static func check(_ value: Int?, in range: ClosedRange<Int>, _ key: some CodingKey) throws(VarlinkError) {
        guard let value, !range.contains(value) else { return }
        throw .invalidParameter(key.stringValue)
    }
}

/// Parameters or a reply with no fields.
public struct VarlinkEmpty: VarlinkParameters, Equatable {
    public init() {}
}

/// An error an interface declares: its parameters as fields, its name from the type's name.
public protocol VarlinkTypedError: Error, Codable, Sendable {
    static var interface: String { get }
}

extension VarlinkTypedError {
    public static var qualifiedName: String { interface + "." + String(describing: Self.self) }

    /// The error as it goes on the wire.
    public var varlinkError: VarlinkError {
        // Errors are flat records of scalars; encoding them cannot fail.
        let parameters = (try? JSONValueEncoder().encodeObject(self)) ?? [:]
        return VarlinkError(Self.qualifiedName, parameters: parameters)
    }

    /// The error, when `error` is one of this type and its parameters can be read.
    public init?(_ error: VarlinkError) {
        guard error.name == Self.qualifiedName,
            let decoded = try? JSONValueDecoder().decode(Self.self, from: .object(error.parameters))
        else { return nil }
        self = decoded
    }
}

extension VarlinkError {
    /// The `InvalidParameter` error for a parameter that could not be decoded: the one named by
    /// the first key of the error's path, or by the key that was missing.
    public init(decoding error: any Error) {
        var key: String?
        if let error = error as? DecodingError {
            switch error {
            case .keyNotFound(let missing, let context):
                key = context.codingPath.first?.stringValue ?? missing.stringValue
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                key = context.codingPath.first?.stringValue
            @unknown default:
                break
            }
        }
        self = .invalidParameter(key ?? "parameters")
    }
}
