/// Finds a few wanted index terms in texts: which of them each word of a text is, made as
/// ``TermExtractor/term(_:)`` makes terms.
///
/// Texts read together (the sentences, paragraphs and titles of one question's candidates) share
/// most of their words, so each distinct word is stemmed once, and a word is found again by its
/// UTF-8 bytes: no `String` and no hashing of one per occurrence.
public struct TermMatcher {
    /// The terms looked for.
    public let wanted: Set<String>
    private var words = WordTally(capacity: 1024)
    /// For each of `words`' entries, the wanted term it is, if any.
    private var meanings: [String?] = []

    public init(wanted: Set<String>) {
        self.wanted = wanted
        meanings.reserveCapacity(1024)
    }

    /// For each word of `text`, in order, the wanted term it is, or nil.
    public mutating func terms(in text: String) -> [String?] {
        var found: [String?] = []
        forEachTerm(in: text) { found.append($0) }
        return found
    }

    /// The wanted terms `text` holds.
    public mutating func termSet(in text: String) -> Set<String> {
        var found: Set<String> = []
        forEachTerm(in: text) { if let term = $0 { found.insert(term) } }
        return found
    }

    private mutating func forEachTerm(in text: String, _ body: (String?) -> Void) {
        TermExtractor.forEachWord(in: text) { bytes in
            let (index, isNew) = words.add(bytes)
            if isNew {
                let term = TermExtractor.term(String(decoding: bytes, as: UTF8.self))
                meanings.append(wanted.contains(term) ? term : nil)
            }
            body(meanings[index])
        }
    }
}
