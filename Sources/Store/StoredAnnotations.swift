import GRDB

/// A named thing across the collection.
public struct EntitySummary: Sendable, Equatable {
    public var name: String
    public var kind: String
    public var aliases: [String]
    /// Titles and roles written before the name ("General").
    public var titles: [String]
    public var mentions: Int
    public var documents: Int
}

/// Another entity named in the same sentences, with those sentences as evidence.
public struct Relation: Sendable, Equatable {
    public struct Evidence: Sendable, Equatable, Decodable, FetchableRecord {
        public var path: String
        public var sentence: String
    }

    public var entity: EntitySummary
    /// Sentences naming both.
    public var weight: Int
    public var evidence: [Evidence]
}

public struct StoredQuote: Sendable, Equatable, Decodable, FetchableRecord {
    public var text: String
    public var speaker: String?
    public var path: String
    public var title: String
}

public struct StoredDate: Sendable, Equatable, Decodable, FetchableRecord {
    public var text: String
    public var startYear: Int?
    public var endYear: Int?
    public var month: Int?
    public var day: Int?
    /// Part of it came from the document's own date.
    public var resolved: Bool

    enum CodingKeys: String, CodingKey {
        case text, month, day, resolved
        case startYear = "start_year"
        case endYear = "end_year"
    }
}

public struct StoredNumber: Sendable, Equatable, Decodable, FetchableRecord {
    public var text: String
    public var value: Double
    public var unit: String?
    /// A rough count: `value` is the least it can mean.
    public var approximate: Bool
}

/// What a document's annotations are, as the cache holds them.
public struct StoredAnnotations: Sendable, Equatable {
    public var language: String?
    public var foreignSpans: [[String: String]]
    public var entities: [EntitySummary]
    public var dates: [StoredDate]
    public var numbers: [StoredNumber]
    public var quotes: [StoredQuote]
}
