import Ingest

/// Nouns and the words they are made from or name a quality of, as index terms: a verb and its
/// nouns ("die" and "death", "invade" and "invasion", "marry" and "marriage"), an adjective and
/// the noun it is a value of ("tall" and "height", "far" and "distance"). A question asks with
/// one, the text answers with the other. Porter's stemmer joins regular derivations itself
/// ("collect", "collection"); these are the pairs it leaves apart.
///
/// Read from WordNet's links (`WordNetDerivations`), which relate word forms whatever their
/// senses: "bear" and "bearing" are related, as a guess made from spelling would relate them. As
/// with every relative, a caller keeps only those the collection holds.
public struct WordDerivations: Sendable, Equatable {
    private var related: [String: [String]]

    /// No relations: each term stands for itself and its spelled relatives only.
    public static let none = WordDerivations(related: [:])

    private init(related: [String: [String]]) {
        self.related = related
    }

    /// The relations of `pairs` of words (a verb or an adjective, and a noun), each way round, by
    /// their index terms. A pair whose words are one term is left out: the index already finds one
    /// for the other.
    public init(pairs: [(word: String, noun: String)]) {
        var related: [String: [String]] = [:]
        for (word, noun) in pairs {
            let wordTerm = TermExtractor.term(word.lowercased())
            let nounTerm = TermExtractor.term(noun.lowercased())
            guard wordTerm != nounTerm, !wordTerm.isEmpty, !nounTerm.isEmpty else { continue }
            related[wordTerm, default: []].append(nounTerm)
            related[nounTerm, default: []].append(wordTerm)
        }
        for term in related.keys {
            related[term] = Array(Set(related[term] ?? [])).sorted()
        }
        self.related = related
    }

    /// The relations WordNet's data files hold: the derivations of the verbs of `verbs` (the
    /// lines of `data.verb`) and the attributes of the adjectives of `adjectives` (`data.adj`),
    /// their nouns read from `nouns` (`data.noun`); each line with the byte offset it starts at.
    public init(
        wordNetVerbs verbs: some Sequence<(offset: Int, line: ArraySlice<UInt8>)>,
        adjectives: some Sequence<(offset: Int, line: ArraySlice<UInt8>)>,
        nouns: some Sequence<(offset: Int, line: ArraySlice<UInt8>)>
    ) {
        let links =
            WordNetDerivations.links(verbs, relation: .derivation)
            + WordNetDerivations.links(adjectives, relation: .attribute)
        self.init(pairs: WordNetDerivations.pairs(links, nouns: nouns))
    }

    /// The terms `term` is related to, in order; none when it has none.
    public func relatives(of term: String) -> [String] {
        related[term] ?? []
    }

    /// How many terms have relations.
    public var count: Int { related.count }
}

/// WordNet's links to nouns, read from its database files (`data.verb`, `data.adj` and
/// `data.noun`, as Debian's wordnet-base installs them): a verb's derivations ("die", "death")
/// and an adjective's attribute ("tall", "height").
///
/// A line of a data file is a synset: its offset, lexicographer file, part of speech, the count of
/// its words in hexadecimal, each word with its lexical id, then the count of its pointers, each
/// a symbol, the target's offset and part of speech, and the source and target word numbers (two
/// hexadecimal digits each, 00 for the whole synset). The target's words are read from the line
/// of `data.noun` that starts at the target's byte offset, so that `data.noun` (15 MB) can be read
/// a line at a time.
public enum WordNetDerivations {
    /// Which links to nouns a data file's synsets are read for.
    public enum Relation: Sendable {
        /// A verb's derivationally related nouns (`+`, from one word to another).
        case derivation
        /// The noun an adjective is a value of (`=`, from synset to synset).
        case attribute

        var symbol: UInt8 { self == .derivation ? UInt8(ascii: "+") : UInt8(ascii: "=") }
    }

    /// A word, and the noun synset and word number (from 1; 0 for every word) it is linked to.
    public struct Link: Sendable, Equatable {
        public var word: String
        public var nounOffset: Int
        public var nounWord: Int
    }

    /// The links of `relation` from the words of `synsets` (the lines of a data file) to nouns,
    /// phrases ("take_off") left out. A line or pointer that does not read is skipped.
    public static func links(
        _ synsets: some Sequence<(offset: Int, line: ArraySlice<UInt8>)>, relation: Relation
    ) -> [Link] {
        var links: [Link] = []
        // Lines that start with a space are the licence's.
        for (_, line) in synsets where line.first.map({ $0 != space }) ?? false {
            let fields = line.split(separator: space)
            guard fields.count > 4, let wordCount = hexadecimal(fields[3]), wordCount > 0,
                fields.count > 4 + 2 * wordCount, let pointerCount = decimal(fields[4 + 2 * wordCount])
            else { continue }
            let words = (0..<wordCount).map { word(fields[4 + 2 * $0]) }
            var pointer = 5 + 2 * wordCount
            for _ in 0..<pointerCount {
                guard pointer + 3 < fields.count else { break }
                defer { pointer += 4 }
                let numbers = fields[pointer + 3]
                guard fields[pointer].elementsEqual([relation.symbol]), fields[pointer + 2].elementsEqual([noun]),
                    numbers.count == 4, let offset = decimal(fields[pointer + 1]),
                    let source = hexadecimal(numbers.prefix(2)), let target = hexadecimal(numbers.suffix(2)),
                    source <= words.count
                else { continue }
                for word in source == 0 ? words : [words[source - 1]] where !word.contains("_") {
                    links.append(Link(word: word, nounOffset: offset, nounWord: target))
                }
            }
        }
        return links
    }

    /// A word as a data file writes it, without an adjective's position marker ("galore(ip)").
    private static func word(_ field: ArraySlice<UInt8>) -> String {
        let end = field.firstIndex(of: UInt8(ascii: "(")) ?? field.endIndex
        return String(decoding: field[..<end], as: UTF8.self)
    }

    /// The (word, noun) pairs of `links`, their nouns read from `nouns`: the lines of `data.noun`
    /// with the byte offset each starts at, in any order. A link to no line, to a word the line
    /// does not have or to a phrase is left out.
    public static func pairs(
        _ links: [Link], nouns: some Sequence<(offset: Int, line: ArraySlice<UInt8>)>
    ) -> [(word: String, noun: String)] {
        // How many words of each synset are wanted: the last linked to, or all of them (0).
        var wanted: [Int: Int] = [:]
        for link in links {
            let last = wanted[link.nounOffset]
            wanted[link.nounOffset] = last == 0 || link.nounWord == 0 ? 0 : max(last ?? 0, link.nounWord)
        }
        var synsets: [Int: [String]] = [:]
        for (offset, line) in nouns {
            guard let last = wanted[offset] else { continue }
            let fields = line.split(separator: space, maxSplits: last == 0 ? Int.max : 3 + 2 * last)
            guard fields.count > 4, let count = hexadecimal(fields[3]), count > 0 else { continue }
            let read = last == 0 ? count : min(last, count)
            guard fields.count > 2 + 2 * read else { continue }
            synsets[offset] = (1...read).map { word(fields[2 + 2 * $0]) }
        }
        var pairs: [(word: String, noun: String)] = []
        for link in links {
            guard let words = synsets[link.nounOffset], link.nounWord <= words.count else { continue }
            for noun in link.nounWord == 0 ? words : [words[link.nounWord - 1]] where !noun.contains("_") {
                pairs.append((link.word, noun))
            }
        }
        return pairs
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
    private static let noun = UInt8(ascii: "n")

    private static func hexadecimal(_ digits: some Collection<UInt8>) -> Int? {
        Int(String(decoding: digits, as: UTF8.self), radix: 16)
    }

    private static func decimal(_ digits: some Collection<UInt8>) -> Int? {
        Int(String(decoding: digits, as: UTF8.self))
    }
}
