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
}

/// What a format reader found: the blocks in order, and a title if the format declares one
/// (HTML's `<title>`, Markdown front matter), and the publication date its metadata gives.
struct BlockSequence: Sendable, Equatable {
    var declaredTitle: String?
    var blocks: [Block]
    var declaredDate: CalendarDate?

    init(declaredTitle: String?, blocks: [Block], declaredDate: CalendarDate? = nil) {
        self.declaredTitle = declaredTitle
        self.blocks = blocks
        self.declaredDate = declaredDate
    }
}
