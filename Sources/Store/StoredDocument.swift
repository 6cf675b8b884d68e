import GRDB

/// A document as listed: enough to name it and say what state it is in.
public struct DocumentSummary: Sendable, Equatable, Decodable, FetchableRecord {
    public enum Status: String, Sendable, Decodable {
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

    enum CodingKeys: String, CodingKey {
        case path, status, title, category, published, format, size, reason
        case wordCount = "word_count"
        case indexedAt = "indexed_at"
    }

    /// The columns of `documents` a summary is decoded from.
    static let columns = "path, status, title, category, published, format, word_count, size, indexed_at, reason"
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
