import Ingest

/// Verbs and the nouns made from them ("die" and "death", "invade" and "invasion", "marry" and
/// "marriage"), as index terms: a question asks with one, the text answers with the other.
/// Porter's stemmer joins regular derivations itself ("collect", "collection"); these are the
/// pairs it leaves apart.
///
/// Read from WordNet's derivational links between verbs and nouns (`WordNetDerivations`), which
/// relate word forms whatever their senses: "bear" and "bearing" are related, as a guess made from
/// spelling would relate them. As with every relative, a caller keeps only those the collection
/// holds.
public struct WordDerivations: Sendable, Equatable {
    private var related: [String: [String]]

    /// No derivations: each term stands for itself and its spelled relatives only.
    public static let none = WordDerivations(related: [:])

    private init(related: [String: [String]]) {
        self.related = related
    }

    /// The derivations of `pairs` of words (verb, noun), each way round, by their index terms.
    /// A pair whose words are one term is left out: the index already finds one for the other.
    public init(pairs: [(verb: String, noun: String)]) {
        var related: [String: [String]] = [:]
        for (verb, noun) in pairs {
            let verbTerm = TermExtractor.term(verb.lowercased())
            let nounTerm = TermExtractor.term(noun.lowercased())
            guard verbTerm != nounTerm, !verbTerm.isEmpty, !nounTerm.isEmpty else { continue }
            related[verbTerm, default: []].append(nounTerm)
            related[nounTerm, default: []].append(verbTerm)
        }
        for term in related.keys {
            related[term] = Array(Set(related[term] ?? [])).sorted()
        }
        self.related = related
    }

    /// The terms derived from `term` or that it is derived from, in order; none when it has none.
    public func relatives(of term: String) -> [String] {
        related[term] ?? []
    }

    /// How many terms have derivations.
    public var count: Int { related.count }
}

/// WordNet's links from verbs to the nouns derived from them, read from its database files
/// (`data.verb` and `data.noun`, as Debian's wordnet-base installs them).
///
/// A line of `data.verb` is a synset: its offset, lexicographer file, part of speech, the count of
/// its words in hexadecimal, each word with its lexical id, then the count of its pointers, each
/// a symbol, the target's offset and part of speech, and the source and target word numbers (two
/// hexadecimal digits each, 00 for the whole synset). A derivational link's symbol is `+`; its
/// target word is read from the line of `data.noun` that starts at the target's byte offset, so
/// that `data.noun` (15 MB) can be read a line at a time.
public enum WordNetDerivations {
    /// A verb, and the noun synset and word number (from 1) it is linked to.
    public struct Link: Sendable, Equatable {
        public var verb: String
        public var nounOffset: Int
        public var nounWord: Int
    }

    /// The derivational links from the verbs of `verbs` (the lines of `data.verb`) to nouns,
    /// phrases ("take_off") left out. A line or pointer that does not read is skipped.
    public static func links(verbs: some Sequence<(offset: Int, line: ArraySlice<UInt8>)>) -> [Link] {
        var links: [Link] = []
        // Lines that start with a space are the licence's.
        for (_, line) in verbs where line.first.map({ $0 != space }) ?? false {
            let fields = line.split(separator: space)
            guard fields.count > 4, let wordCount = hexadecimal(fields[3]), wordCount > 0,
                fields.count > 4 + 2 * wordCount, let pointerCount = decimal(fields[4 + 2 * wordCount])
            else { continue }
            let words = (0..<wordCount).map { String(decoding: fields[4 + 2 * $0], as: UTF8.self) }
            var pointer = 5 + 2 * wordCount
            for _ in 0..<pointerCount {
                guard pointer + 3 < fields.count else { break }
                defer { pointer += 4 }
                let numbers = fields[pointer + 3]
                guard fields[pointer].elementsEqual([plus]), fields[pointer + 2].elementsEqual([noun]),
                    numbers.count == 4, let offset = decimal(fields[pointer + 1]),
                    let source = hexadecimal(numbers.prefix(2)), let target = hexadecimal(numbers.suffix(2)),
                    (1...words.count).contains(source), target > 0, !words[source - 1].contains("_")
                else { continue }
                links.append(Link(verb: words[source - 1], nounOffset: offset, nounWord: target))
            }
        }
        return links
    }

    /// The (verb, noun) pairs of `links`, their nouns read from `nouns`: the lines of `data.noun`
    /// with the byte offset each starts at, in any order. A link to no line, to a word the line
    /// does not have or to a phrase is left out.
    public static func pairs(
        _ links: [Link], nouns: some Sequence<(offset: Int, line: ArraySlice<UInt8>)>
    ) -> [(verb: String, noun: String)] {
        var wanted: [Int: Set<Int>] = [:]
        for link in links { wanted[link.nounOffset, default: []].insert(link.nounWord) }
        // Each noun by its synset's offset and its number, in one key (a synset has at most 255 words).
        var words: [Int: String] = [:]
        for (offset, line) in nouns {
            guard let numbers = wanted[offset], let last = numbers.max() else { continue }
            let fields = line.split(separator: space, maxSplits: 3 + 2 * last)
            guard fields.count > 4, let count = hexadecimal(fields[3]) else { continue }
            for number in numbers where number <= count && fields.count > 2 + 2 * number {
                words[offset << 8 | number] = String(decoding: fields[2 + 2 * number], as: UTF8.self)
            }
        }
        return links.compactMap { link in
            guard link.nounWord < 256, let noun = words[link.nounOffset << 8 | link.nounWord], !noun.contains("_")
            else { return nil }
            return (link.verb, noun)
        }
    }

    /// The lines of `bytes`, each with the offset it starts at.
    public static func lines(_ bytes: [UInt8], from base: Int = 0) -> [(offset: Int, line: ArraySlice<UInt8>)] {
        var lines: [(offset: Int, line: ArraySlice<UInt8>)] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: newline) ?? bytes.endIndex
            lines.append((base + start, bytes[start..<end]))
            start = end + 1
        }
        return lines
    }

    private static let newline = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let plus = UInt8(ascii: "+")
    private static let noun = UInt8(ascii: "n")

    private static func hexadecimal(_ digits: some Collection<UInt8>) -> Int? {
        Int(String(decoding: digits, as: UTF8.self), radix: 16)
    }

    private static func decimal(_ digits: some Collection<UInt8>) -> Int? {
        Int(String(decoding: digits, as: UTF8.self))
    }
}
