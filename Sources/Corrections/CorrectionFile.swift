import Foundation
import Ingest

/// The corrections file: JSON a person can read, with a format name and a version.
///
///     {
///       "corrections" : [
///         {
///           "action" : "merge",
///           "at" : "2026-12-06T09:30:00Z",
///           "entity" : { "kind" : "place", "name" : "U.S." },
///           "into" : { "kind" : "place", "name" : "United States" },
///           "number" : 1,
///           "user" : "alice"
///         }
///       ],
///       "format" : "dossier-corrections",
///       "last" : 1,
///       "version" : 1
///     }
///
/// `rename` has `name`, `kind` has `kind`, `split` has `alias` and `kind`; `hide` has only the
/// entity. `last` is the last number given.
public enum CorrectionFile {
    public static let format = "dossier-corrections"
    public static let version = 1

    /// Why a file cannot be read.
    public struct Unreadable: Error, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// How corrections are written, in the file and elsewhere (the change log).
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// How corrections are read.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    public static func encode(_ log: CorrectionLog) -> Data {
        let file = FileContents(
            format: format, version: version, last: log.lastNumber, corrections: log.corrections)
        // Every value is a string, a number or a date: encoding cannot fail.
        return (try? encoder.encode(file)).map { $0 + Data("\n".utf8) } ?? Data()
    }

    public static func decode(_ data: Data) throws(Unreadable) -> CorrectionLog {
        let header: Header
        do {
            header = try decoder.decode(Header.self, from: data)
        } catch {
            throw Unreadable(reason: "not a corrections file: \(describe(error))")
        }
        guard header.format == format else {
            throw Unreadable(reason: "not a corrections file: format is '\(header.format)', not '\(format)'")
        }
        guard header.version == version else {
            throw Unreadable(
                reason: "version \(header.version) of the corrections file; this dossierd reads version \(version)")
        }
        let file: FileContents
        do {
            file = try decoder.decode(FileContents.self, from: data)
        } catch {
            throw Unreadable(reason: describe(error))
        }
        var numbers: Set<Int> = []
        for entry in file.corrections {
            guard entry.number > 0, entry.number <= file.last, numbers.insert(entry.number).inserted else {
                throw Unreadable(reason: "correction number \(entry.number) is repeated or past 'last'")
            }
            if let problem = entry.action.problem {
                throw Unreadable(reason: "correction \(entry.number): \(problem)")
            }
        }
        return CorrectionLog(corrections: file.corrections, lastNumber: file.last)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context),
            DecodingError.valueNotFound(_, let context):
            return context.debugDescription + at(context.codingPath)
        case DecodingError.keyNotFound(let key, let context):
            return "'\(key.stringValue)' is missing" + at(context.codingPath)
        default:
            return "\(error)"
        }
    }

    private static func at(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "" : " at " + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    private struct Header: Decodable {
        var format: String
        var version: Int
    }

    private struct FileContents: Codable {
        var format: String
        var version: Int
        var last: Int
        var corrections: [Correction]
    }
}

extension Correction: Codable {
    private enum CodingKeys: String, CodingKey {
        case number, user, at
    }

    /// The action's fields and the correction's own share one object.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decode(Int.self, forKey: .number)
        user = try container.decode(String.self, forKey: .user)
        at = try container.decode(Date.self, forKey: .at)
        action = try CorrectionAction(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try action.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(user, forKey: .user)
        try container.encode(at, forKey: .at)
    }
}

extension CorrectionAction: Codable {
    /// The action alone, as the cache keeps the rules it applied (the file's form without
    /// number, user and time).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let entity = try container.decode(EntityName.self, forKey: .entity)
        let name = try container.decode(String.self, forKey: .action)
        func kind() throws -> Entity.Kind {
            let raw = try container.decode(String.self, forKey: .kind)
            guard let kind = Entity.Kind(rawValue: raw) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .kind, in: container, debugDescription: "unknown kind '\(raw)'")
            }
            return kind
        }
        switch name {
        case "merge": self = .merge(entity, into: try container.decode(EntityName.self, forKey: .into))
        case "rename": self = .rename(entity, to: try container.decode(String.self, forKey: .name))
        case "kind": self = .retype(entity, to: try kind())
        case "hide": self = .hide(entity)
        case "split": self = .split(entity, alias: try container.decode(String.self, forKey: .alias), kind: try kind())
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .action, in: container, debugDescription: "unknown action '\(name)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(name, forKey: .action)
        try container.encode(entity, forKey: .entity)
        switch self {
        case .merge(_, let into): try container.encode(into, forKey: .into)
        case .rename(_, let name): try container.encode(name, forKey: .name)
        case .retype(_, let kind): try container.encode(kind.rawValue, forKey: .kind)
        case .hide: break
        case .split(_, let alias, let kind):
            try container.encode(alias, forKey: .alias)
            try container.encode(kind.rawValue, forKey: .kind)
        }
    }

    private enum Keys: String, CodingKey {
        case action, entity, into, name, kind, alias
    }
}
