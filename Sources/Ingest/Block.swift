/// A unit of a document's layout, before sections are formed.
enum Block: Sendable, Equatable {
    case heading(level: Int, text: String)
    case paragraph(String)
    case code(String)

    var text: String {
        switch self {
        case .heading(_, let text), .paragraph(let text), .code(let text): text
        }
    }

    var isHeading: Bool {
        if case .heading = self { return true }
        return false
    }
}

/// What a format reader found: the blocks in order, and a title if the format declares one
/// (HTML's `<title>`, Markdown front matter), and the publication date its metadata gives.
struct BlockSequence: Sendable, Equatable {
    var declaredTitle: String?
    var blocks: [Block]
    var declaredDate: CalendarDate?
    /// What a web page says about itself beyond its title; nil for other formats.
    var page: PageFacts?
    /// Who wrote it, as the format's metadata says.
    var author: String?
    /// The blocks may end in a site's or a sender's chrome (links, copyright lines) to strip; an
    /// office document or a book holds only what its author wrote.
    var mayEndInChrome = true

    init(
        declaredTitle: String?, blocks: [Block], declaredDate: CalendarDate? = nil, page: PageFacts? = nil,
        author: String? = nil
    ) {
        self.declaredTitle = declaredTitle
        self.blocks = blocks
        self.declaredDate = declaredDate
        self.page = page
        self.author = author ?? page?.byline
    }
}

/// A web page's site name, byline and declared language, and how many words the whole page has
/// (so that a reader can see how much of it was kept as the article).
public struct PageFacts: Sendable, Equatable {
    public var siteName: String?
    public var byline: String?
    public var language: String?
    public var wordCount: Int

    public init(siteName: String? = nil, byline: String? = nil, language: String? = nil, wordCount: Int = 0) {
        self.siteName = siteName
        self.byline = byline
        self.language = language
        self.wordCount = wordCount
    }
}
