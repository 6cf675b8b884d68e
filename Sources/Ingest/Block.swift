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

extension [Block] {
    /// `paragraphs`, when there are any, as a section of their own at the end under `heading`:
    /// a document's notes, its page headers and footers.
    mutating func appendSection(_ heading: String, _ paragraphs: [String]) {
        let kept = paragraphs.filter { !$0.isEmpty }
        guard !kept.isEmpty else { return }
        append(.heading(level: 2, text: heading))
        append(contentsOf: kept.map { .paragraph($0) })
    }
}

/// The headings of the sections readers add at a document's end.
enum AddedSection {
    static let notes = "Notes"
    static let headersAndFooters = "Page headers and footers"
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
    /// How many of the last blocks the markup shows to be a page's chrome (the text of links, or
    /// of its navigation, footer or aside): only those may be stripped as chrome, and only when
    /// they read like it. Text without markup has no such evidence: a short last line ("Regards,
    /// Ana", a one-line message) is the writer's, and chrome repeated across documents is left out
    /// as a repeated line.
    var chromeTail = 0

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
