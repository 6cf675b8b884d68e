/// A Varlink type, as an interface description writes it.
public indirect enum VarlinkType: Hashable, Sendable, CustomStringConvertible {
    case bool, int, float, string
    /// Any JSON object (`object`).
    case object
    case optional(VarlinkType)
    case array(VarlinkType)
    /// A type of the interface, by name.
    case named(String)

    public var description: String {
        switch self {
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .string: "string"
        case .object: "object"
        case .optional(let wrapped): "?" + wrapped.description
        case .array(let element): "[]" + element.description
        case .named(let name): name
        }
    }
}

/// A field of a struct type, a method's parameters or reply, or an error.
public struct VarlinkField: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var type: VarlinkType

    public init(_ name: String, _ type: VarlinkType) {
        self.name = name
        self.type = type
    }

    public var description: String { "\(name): \(type)" }
}

/// The Varlink types of `Decodable` Swift types, read from the types themselves: each is decoded
/// once from a decoder that records what it asks for. A struct's fields are its coding keys;
/// a struct used as a field is a named type, named as the Swift type is.
public struct VarlinkSchema: Sendable {
    /// The named types met so far, with their fields in declaration order.
    public private(set) var types: [String: [VarlinkField]] = [:]

    public init() {}

    /// The fields of `type`, a struct, recording the named types its fields use.
    public mutating func fields<T: Decodable>(of type: T.Type) throws -> [VarlinkField] {
        let recorder = SchemaRecorder(types: types)
        let decoder = SchemaDecoder(recorder: recorder)
        _ = try T(from: decoder)
        types = recorder.types
        switch decoder.shape {
        case .record(let fields): return fields
        case .unknown: return []  // A struct with no fields asks for nothing.
        case .array, .single: throw VarlinkSchemaError(type: String(describing: type), reason: "is not a struct")
        }
    }
}

public struct VarlinkSchemaError: Error, CustomStringConvertible {
    public var type: String
    public var reason: String
    public var description: String { "\(type) \(reason)" }
}

private final class SchemaRecorder {
    var types: [String: [VarlinkField]]
    var visiting: Set<String> = []

    init(types: [String: [VarlinkField]]) { self.types = types }

    /// The Varlink type of `T` and a stand-in value of it.
    func describe<T: Decodable>(_ type: T.Type) throws -> (VarlinkType, T) {
        switch type {
        case is String.Type: return (.string, "" as! T)
        case is Bool.Type: return (.bool, false as! T)
        case is Double.Type: return (.float, 0.0 as! T)
        case is Float.Type: return (.float, Float(0) as! T)
        case is Int.Type: return (.int, 0 as! T)
        case is Int64.Type: return (.int, Int64(0) as! T)
        case is Int32.Type: return (.int, Int32(0) as! T)
        case is UInt32.Type: return (.int, UInt32(0) as! T)
        case is JSONValue.Type: return (.object, JSONValue.object([:]) as! T)
        default: break
        }
        let name = String(describing: type)
        guard !visiting.contains(name) else {
            throw VarlinkSchemaError(type: name, reason: "contains itself")
        }
        visiting.insert(name)
        defer { visiting.remove(name) }
        let decoder = SchemaDecoder(recorder: self)
        let value = try T(from: decoder)
        switch decoder.shape {
        case .record(let fields):
            types[name] = fields
            return (.named(name), value)
        case .array(let element):
            return (.array(element ?? .object), value)
        case .single(let inner):
            return (inner ?? .object, value)
        case .unknown:
            types[name] = []
            return (.named(name), value)
        }
    }
}

private final class SchemaDecoder: Decoder {
    enum Shape {
        case unknown
        case record([VarlinkField])
        case array(VarlinkType?)
        case single(VarlinkType?)
    }

    let recorder: SchemaRecorder
    var shape = Shape.unknown
    /// Keys asked whether they are null: the standard library's `decodeIfPresent` for scalars
    /// asks that before it decodes, so these are the optional fields.
    var optionalKeys: Set<String> = []
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(recorder: SchemaRecorder) { self.recorder = recorder }

    func record(_ field: VarlinkField) {
        if case .record(let fields) = shape {
            shape = .record(fields + [field])
        } else {
            shape = .record([field])
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        if case .unknown = shape { shape = .record([]) }
        return KeyedDecodingContainer(SchemaKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        shape = .array(nil)
        return SchemaUnkeyedContainer(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        shape = .single(nil)
        return SchemaSingleContainer(decoder: self)
    }
}

private struct SchemaKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: SchemaDecoder
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool {
        decoder.optionalKeys.insert(key.stringValue)
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let (described, value) = try decoder.recorder.describe(type)
        let optional = decoder.optionalKeys.contains(key.stringValue)
        decoder.record(VarlinkField(key.stringValue, optional ? .optional(described) : described))
        return value
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        let (described, _) = try decoder.recorder.describe(type)
        decoder.record(VarlinkField(key.stringValue, .optional(described)))
        return nil
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        throw VarlinkSchemaError(type: key.stringValue, reason: "uses a nested container")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw VarlinkSchemaError(type: key.stringValue, reason: "uses a nested container")
    }

    func superDecoder() throws -> any Decoder {
        throw VarlinkSchemaError(type: "super", reason: "uses a super decoder")
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        throw VarlinkSchemaError(type: key.stringValue, reason: "uses a super decoder")
    }
}

/// An array with one element, enough to learn the element's type.
private struct SchemaUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: SchemaDecoder
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex > 0 }

    init(decoder: SchemaDecoder) { self.decoder = decoder }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (described, value) = try decoder.recorder.describe(type)
        decoder.shape = .array(described)
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        throw VarlinkSchemaError(type: "element", reason: "uses a nested container")
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw VarlinkSchemaError(type: "element", reason: "uses a nested container")
    }

    mutating func superDecoder() throws -> any Decoder {
        throw VarlinkSchemaError(type: "element", reason: "uses a super decoder")
    }
}

private struct SchemaSingleContainer: SingleValueDecodingContainer {
    let decoder: SchemaDecoder
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (described, value) = try decoder.recorder.describe(type)
        decoder.shape = .single(described)
        return value
    }
}
