/// Phrases read from a sentence's part-of-speech tags, by rules over the tags:
///
/// - a noun phrase is an optional determiner or possessive, then adjectives, numbers and nouns,
///   ending in a noun, a proper noun, a number or a pronoun ("the most basic method",
///   "Kenneth McKenzie's forces", "2,000"); a possessive 's and a hyphen join its words;
/// - a verb group is auxiliaries, adverbs and "not" around a verb ("has not been sold");
/// - a prepositional phrase is a preposition and the noun phrase after it ("to the Pacific
///   company"); one that follows a noun phrase is attached to it (``Phrase/attachedTo``);
/// - proper nouns joined by "of", "for" or "and" are one name ("the Federal Reserve Bank of New
///   York"), with its head the first part's last word.
public enum PhraseChunker {
    public struct Phrase: Sendable, Equatable {
        public enum Kind: Sendable, Equatable { case noun, verb, prepositional }
        public var kind: Kind
        /// Word indices.
        public var range: Range<Int>
        /// The word the phrase is about: a noun phrase's noun, a verb group's verb, a
        /// prepositional phrase's preposition.
        public var head: Int
        /// For a prepositional phrase right after a noun phrase, that noun phrase's head: the
        /// noun it is said of ("the bridge over the river").
        public var attachedTo: Int?
    }

    /// - Parameter touching: whether each word follows the one before it with no space between
    ///   them, when that is known: then a hyphen, a dash or a slash joins the words of a phrase
    ///   only between words it touches ("Miller–Rabin test", "300 m3/s", not "Paris - the city").
    ///   When it is not, only a hyphen joins.
    public static func phrases(words: [String], tags: [PartOfSpeech], touching: [Bool]? = nil) -> [Phrase] {
        precondition(words.count == tags.count && (touching?.count ?? words.count) == words.count)
        var nouns = nounPhrases(words: words, tags: tags, touching: touching)
        nouns = joinedNames(nouns, words: words, tags: tags)
        var phrases = nouns
        phrases += verbGroups(tags: tags)
        // Prepositions before a noun phrase.
        for (index, noun) in nouns.enumerated() {
            let before = noun.range.lowerBound - 1
            guard before >= 0, tags[before] == .adposition else { continue }
            let attached = index > 0 && nouns[index - 1].range.upperBound == before ? nouns[index - 1].head : nil
            phrases.append(
                Phrase(kind: .prepositional, range: before..<noun.range.upperBound, head: before, attachedTo: attached))
        }
        return phrases.sorted {
            ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound)
        }
    }

    /// The marks that join the words they touch into one ("Miller–Rabin", "m3/s", "long-term").
    public static let joiningMarks: Set<String> = ["-", "–", "/"]

    static func nounPhrases(words: [String], tags: [PartOfSpeech], touching: [Bool]? = nil) -> [Phrase] {
        // A mark between two words of a phrase that joins them into one ("Rhine-kilometers").
        func joins(_ index: Int) -> Bool {
            guard [.punctuation, .symbol].contains(tags[index]), index + 1 < tags.count else { return false }
            guard let touching else { return words[index] == "-" }
            return joiningMarks.contains(words[index]) && touching[index] && touching[index + 1]
        }
        var phrases: [Phrase] = []
        var index = 0
        while index < tags.count {
            let start = index
            // A determiner, or a possessive pronoun, opens one.
            if tags[index] == .determiner || (tags[index] == .pronoun && isPossessive(words[index])) {
                index += 1
            }
            var head: Int?
            while index < tags.count {
                let tag = tags[index]
                if [.adjective, .noun, .properNoun, .numeral].contains(tag)
                    || (tag == .adverb && index + 1 < tags.count && tags[index + 1] == .adjective && head == nil)
                {
                    if tag != .adjective && tag != .adverb { head = index }
                    index += 1
                } else if tag == .particle, words[index] == "'s" || words[index] == "’s" || words[index] == "'",
                    head != nil
                {
                    // "McKenzie 's forces": the possessor and what is his, one phrase.
                    index += 1
                    head = nil
                } else if joins(index), index > start,
                    [.adjective, .noun, .properNoun, .numeral].contains(tags[index + 1])
                {
                    index += 1
                } else {
                    break
                }
            }
            if head == nil, index == start, tags[index] == .pronoun, !isPossessive(words[index]) {
                head = index
                index += 1
            }
            if let head {
                phrases.append(Phrase(kind: .noun, range: start..<(head + 1), head: head))
                index = head + 1
            } else {
                index = max(index, start + 1)
            }
        }
        return phrases
    }

    /// Proper-noun phrases joined by "of", "for", "and" or "the" into one name.
    static func joinedNames(_ phrases: [Phrase], words: [String], tags: [PartOfSpeech]) -> [Phrase] {
        var joined: [Phrase] = []
        for phrase in phrases {
            if var last = joined.last, tags[last.head] == .properNoun, tags[phrase.head] == .properNoun,
                phrase.range.lowerBound == last.range.upperBound + 1,
                ["of", "for", "and", "&"].contains(words[last.range.upperBound].lowercased()),
                tags[phrase.range.lowerBound] == .properNoun
            {
                last.range = last.range.lowerBound..<phrase.range.upperBound
                joined[joined.count - 1] = last
            } else {
                joined.append(phrase)
            }
        }
        return joined
    }

    static func verbGroups(tags: [PartOfSpeech]) -> [Phrase] {
        var phrases: [Phrase] = []
        var index = 0
        while index < tags.count {
            guard tags[index] == .auxiliary || tags[index] == .verb else {
                index += 1
                continue
            }
            let start = index
            var head = tags[index] == .verb ? index : nil
            index += 1
            while index < tags.count,
                tags[index] == .auxiliary || tags[index] == .adverb || tags[index] == .particle
                    || (tags[index] == .verb && head == nil)
            {
                if tags[index] == .verb { head = index }
                index += 1
            }
            // A lone auxiliary ("is") is the group's verb.
            let verb = head ?? (start..<index).last { tags[$0] == .auxiliary } ?? start
            let end = (start..<index).last { tags[$0] == .auxiliary || tags[$0] == .verb }.map { $0 + 1 } ?? index
            phrases.append(Phrase(kind: .verb, range: start..<max(end, verb + 1), head: verb))
        }
        return phrases
    }

    public static func isPossessive(_ word: String) -> Bool {
        ["my", "your", "his", "her", "its", "our", "their", "whose"].contains(word.lowercased())
    }
}
