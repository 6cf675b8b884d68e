import Ingest

/// An entity as a correction names it: its name as shown and its kind. Two are the same entity
/// when their kinds are and their names are but for case, as the cache keys them.
public struct EntityName: Sendable, Hashable, Codable, CustomStringConvertible {
    public let name: String
    public let kind: Entity.Kind
    /// The name as the cache looks it up.
    public let key: String

    public init(name: String, kind: Entity.Kind) {
        self.name = name
        self.kind = kind
        key = Self.key(name)
    }

    public static func key(_ name: String) -> String { name.lowercased() }

    public static func == (lhs: EntityName, rhs: EntityName) -> Bool {
        lhs.kind == rhs.kind && lhs.key == rhs.key
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(key)
    }

    /// Whether `other` is the same entity under the very same name.
    public func isWritten(like other: EntityName) -> Bool { self == other && name == other.name }

    public var description: String { "\"\(name)\" (\(kind.rawValue))" }

    enum CodingKeys: String, CodingKey {
        case name, kind
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        key = Self.key(name)
        let kind = try container.decode(String.self, forKey: .kind)
        guard let known = Entity.Kind(rawValue: kind) else {
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown kind '\(kind)'")
        }
        self.kind = known
        if let problem = NameRule.problem(with: name) {
            throw DecodingError.dataCorruptedError(forKey: .name, in: container, debugDescription: problem)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kind.rawValue, forKey: .kind)
    }
}

/// What a name given in a correction may be.
public enum NameRule {
    /// Bytes (UTF-8) of a name.
    public static let maximumBytes = 256

    /// Why `name` cannot be a name, or nil when it can.
    public static func problem(with name: String) -> String? {
        if name.unicodeScalars.allSatisfy(\.properties.isWhitespace) { return "a name cannot be empty" }
        if name.utf8.count > maximumBytes { return "a name cannot be longer than \(maximumBytes) bytes" }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "a name cannot hold control characters"
        }
        return nil
    }
}
