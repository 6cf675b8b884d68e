/// A document as listed: enough to name it and say what state it is in.
public struct DocumentSummary: Sendable, Equatable {
    public enum Status: String, Sendable {
        case indexed, unsupported, failed
    }

    public var path: String
    public var status: Status
    public var title: String
    public var category: String?
    /// The day it says it was published, as YYYY-MM-DD.
    public var published: String?
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
    /// A web page's site name and byline, and how many words the whole page has (of which
    /// `summary.wordCount` were kept as the article); nil for other formats.
    public var siteName: String?
    /// Who wrote it, as the document says: a byline, an author, a sender.
    public var byline: String?
    public var pageWordCount: Int?
    /// The text was recognised in images (OCR).
    public var recognized = false
}

/// The counts at one generation of the cache.
struct CommittedCounts: Sendable {
    var counts: StoreCounts
    var generation: Int64
}

/// Counts over the whole cache.
public struct StoreCounts: Sendable, Equatable {
    public var indexed: Int
    public var unsupported: Int
    public var failed: Int
    public var words: Int

    public var documents: Int { indexed }
}
