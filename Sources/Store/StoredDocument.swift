/// A document as listed: enough to name it and say what state it is in.
public struct DocumentSummary: Sendable, Equatable {
    public enum Status: String, Sendable {
        case indexed, unsupported, failed
    }

    public var path: String
    public var status: Status
    public var title: String
    public var category: String?
    public var format: String?
    public var wordCount: Int
    public var size: Int64?
    /// Seconds since the epoch when it was last processed.
    public var indexedAt: Double
    /// Why it is unsupported or failed.
    public var reason: String?
}

/// A document with its structure, as the cache holds it.
public struct StoredDocument: Sendable, Equatable {
    public struct Section: Sendable, Equatable {
        public var heading: String?
        public var paragraphs: [String]
    }

    public var summary: DocumentSummary
    public var sections: [Section]
    public var warnings: [String]
    public var contentHash: String?
}

/// Counts over the whole cache.
public struct StoreCounts: Sendable, Equatable {
    public var indexed: Int
    public var unsupported: Int
    public var failed: Int
    public var words: Int

    public var documents: Int { indexed }
}

/// One search hit, with a snippet whose matched terms are wrapped in the caller's markers.
public struct SearchHit: Sendable, Equatable {
    public var path: String
    public var title: String
    public var category: String?
    public var snippet: String
    /// Higher is better (BM25 relevance, title weighted).
    public var score: Double
}

public struct SearchPage: Sendable, Equatable {
    public var total: Int
    public var hits: [SearchHit]
}

/// A passage that may answer a question: the best sentence, the paragraph around it, and where
/// it stands.
public struct Passage: Sendable, Equatable {
    public var path: String
    public var title: String
    public var heading: String?
    public var sentence: String
    public var context: String
    public var score: Double
}
