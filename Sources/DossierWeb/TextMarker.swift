/// Marks what dossier found in a document's text: names (each a link to its page), dates,
/// numbers, quotations, and one passage to show (an answer's sentence). The protocol gives what
/// was found as the words written, so they are found again in each paragraph: whole words,
/// longest first, never overlapping. A quotation or the passage may hold marks; a mark that
/// crosses their edge is left out.
public struct TextMarker: Sendable {
    public enum Kind: Sendable, Equatable {
        /// A name, with its page and its kind (person, organisation, place, other).
        case name(link: String, kind: String)
        case date
        case number
    }

    private struct Phrase: Sendable {
        var characters: [Character]
        var kind: Kind
    }

    /// Phrases by their first character, longest first.
    private var phrases: [Character: [Phrase]] = [:]
    private var quotations: [[Character]] = []
    private var passage: [Character]?

    public init() {}

    /// Marks `text` (at least two characters) as `kind` wherever it is written.
    public mutating func add(_ text: String, as kind: Kind) {
        let characters = Array(text.trimmed)
        guard characters.count >= 2, let first = characters.first else { return }
        var list = phrases[first, default: []]
        guard !list.contains(where: { $0.characters == characters }) else { return }
        list.append(Phrase(characters: characters, kind: kind))
        list.sort { $0.characters.count > $1.characters.count }
        phrases[first] = list
    }

    /// Marks a quotation's words, inside or without their quotation marks.
    public mutating func addQuotation(_ text: String) {
        let characters = Array(text.trimmed)
        if characters.count >= 2 { quotations.append(characters) }
    }

    /// Marks the first place `text` is written, with the id `mark`, to scroll to.
    public mutating func setPassage(_ text: String) {
        let characters = Array(text.trimmed)
        passage = characters.isEmpty ? nil : characters
    }

    /// The paragraph as markup; `passageFound` says whether the passage was marked in it (then it
    /// is not looked for in later paragraphs).
    public func mark(_ paragraph: String, passageFound: inout Bool) -> HTML {
        let text = Array(paragraph)
        var outer: [(range: Range<Int>, passage: Bool)] = []
        if !passageFound, let passage, let start = Self.find(passage, in: text) {
            outer.append((start..<start + passage.count, true))
            passageFound = true
        }
        for quotation in quotations {
            guard let start = Self.find(quotation, in: text) else { continue }
            let range = start..<start + quotation.count
            if !outer.contains(where: { $0.range.overlaps(range) }) { outer.append((range, false)) }
        }
        outer.sort { $0.range.lowerBound < $1.range.lowerBound }
        let inner = innerMarks(in: text).filter { mark in
            outer.allSatisfy { !$0.range.overlaps(mark.range) || $0.range.contains(mark.range) }
        }
        // The text of `range`, with the marks that lie inside it.
        func segment(_ range: Range<Int>) -> HTML {
            var html = HTML()
            var position = range.lowerBound
            for mark in inner where range.contains(mark.range) {
                html.append(text: String(text[position..<mark.range.lowerBound]))
                html.append(Self.markup(String(text[mark.range]), mark.kind))
                position = mark.range.upperBound
            }
            html.append(text: String(text[position..<range.upperBound]))
            return html
        }
        var html = HTML()
        var position = 0
        for (range, isPassage) in outer {
            html.append(segment(position..<range.lowerBound))
            html.append(
                isPassage
                    ? HTML.element("mark", ["id": "mark", "class": "passage"], segment(range))
                    : HTML.element("q", ["class": "quotation"], segment(range)))
            position = range.upperBound
        }
        html.append(segment(position..<text.count))
        return html
    }

    private func innerMarks(in text: [Character]) -> [(range: Range<Int>, kind: Kind)] {
        var marks: [(range: Range<Int>, kind: Kind)] = []
        var index = 0
        while index < text.count {
            let character = text[index]
            let atWordStart = index == 0 || !Self.isWordCharacter(text[index - 1]) || !Self.isWordCharacter(character)
            if atWordStart, let candidates = phrases[character],
                let phrase = candidates.first(where: { Self.matches($0.characters, in: text, at: index) })
            {
                marks.append((index..<index + phrase.characters.count, phrase.kind))
                index += phrase.characters.count
            } else {
                index += 1
            }
        }
        return marks
    }

    private static func matches(_ phrase: [Character], in text: [Character], at index: Int) -> Bool {
        let end = index + phrase.count
        guard end <= text.count, text[index..<end].elementsEqual(phrase) else { return false }
        // Whole words: a phrase that ends in a letter or digit is not followed by one.
        return end == text.count || !isWordCharacter(phrase[phrase.count - 1]) || !isWordCharacter(text[end])
    }

    private static func find(_ phrase: [Character], in text: [Character]) -> Int? {
        guard phrase.count <= text.count, let first = phrase.first else { return nil }
        var index = 0
        while index + phrase.count <= text.count {
            if text[index] == first, text[index..<index + phrase.count].elementsEqual(phrase) { return index }
            index += 1
        }
        return nil
    }

    static func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }

    private static func markup(_ text: String, _ kind: Kind) -> HTML {
        switch kind {
        case .name(let link, let kind):
            HTML.element("a", ["class": "name kind-\(kind)", "href": link], text: text)
        case .date: HTML.element("time", ["class": "date"], text: text)
        case .number: HTML.element("data", ["class": "number", "value": text], text: text)
        }
    }
}

/// Text with stretches marked, as the daemon sends snippets and answers: ranges in Unicode code
/// points.
public enum Highlighter {
    /// `text` with each of `ranges` (code points, end exclusive) in `<mark>`; ranges that fall
    /// outside the text or overlap an earlier one are left out.
    public static func mark(_ text: String, ranges: [Range<Int>], tag: StaticString = "mark") -> HTML {
        let scalars = Array(text.unicodeScalars)
        var html = HTML()
        var position = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            guard range.lowerBound >= position, range.upperBound <= scalars.count, !range.isEmpty else { continue }
            html.append(text: String(String.UnicodeScalarView(scalars[position..<range.lowerBound])))
            html.append(HTML.element(tag, [:], text: String(String.UnicodeScalarView(scalars[range]))))
            position = range.upperBound
        }
        html.append(text: String(String.UnicodeScalarView(scalars[position...])))
        return html
    }

    /// The code-point range of the first place `part` is written in `text`, if it is.
    public static func range(of part: String, in text: String) -> Range<Int>? {
        guard !part.isEmpty, let found = text.unicodeScalars.firstRange(of: part.unicodeScalars) else { return nil }
        let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: found.lowerBound)
        return start..<start + part.unicodeScalars.count
    }
}
