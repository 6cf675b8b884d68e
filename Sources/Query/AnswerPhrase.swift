import Ingest
import Store

/// A phrase of an answer sentence that may be its short answer: its words, and where it came
/// from (a recognised name, date or quantity, a noun phrase, a cue, the rules' own choice).
public struct AnswerPhrase: Sendable, Equatable {
    public var text: String
    /// Its words in the sentence.
    var range: Range<Int>
    var sources: Sources

    /// What offered the phrase; one phrase may be offered several ways.
    struct Sources: OptionSet, Sendable, Hashable {
        let rawValue: UInt32
        /// What ``ShortAnswer``'s rules choose.
        static let rules = Sources(rawValue: 1 << 0)
        static let person = Sources(rawValue: 1 << 1)
        static let organisation = Sources(rawValue: 1 << 2)
        static let place = Sources(rawValue: 1 << 3)
        static let otherName = Sources(rawValue: 1 << 4)
        static let date = Sources(rawValue: 1 << 5)
        static let quantity = Sources(rawValue: 1 << 6)
        /// A quantity's number without what it counts ("2,000" of "2,000 fighters").
        static let number = Sources(rawValue: 1 << 7)
        /// A noun phrase the question does not say (``TaggedSentence/openNounPhrases()``).
        static let nounPhrase = Sources(rawValue: 1 << 8)
        /// The same with the "of" phrase said of it ("the fundamental theorem of arithmetic").
        static let complement = Sources(rawValue: 1 << 9)
        /// What a cue of the sentence points at: a fill-in question's gap, the words after
        /// "called" when the question asks for a name, the words before the noun it asks about.
        static let cued = Sources(rawValue: 1 << 10)
        /// The noun phrase of the noun a what-question asks about ("the d'Hondt method").
        static let naming = Sources(rawValue: 1 << 11)
        /// A noun phrase with the article it opens with ("the Official Report").
        static let determined = Sources(rawValue: 1 << 12)
        /// Two noun phrases joined by "and" or "or" ("ministers or party leaders").
        static let coordinated = Sources(rawValue: 1 << 13)
        /// A noun phrase from one of its later words to its end ("environmental determinism" of
        /// "the concept environmental determinism"): the phrases nested in it.
        static let tail = Sources(rawValue: 1 << 14)
        /// Another part of a noun phrase: its common and its proper words apart ("historians" of
        /// "historians John Gallagher"), or its words before those the question says ("US$100,000"
        /// of "a US$100,000 prize" for "what was the prize?").
        static let part = Sources(rawValue: 1 << 15)
        /// Adjectives the question does not say, alone or joined by "and", "or" or a comma
        /// ("strong", "vicious and destructive").
        static let adjective = Sources(rawValue: 1 << 16)
        /// Two numbers joined by "to" or a dash ("12 to 15 million", "20 to 1").
        static let numberRange = Sources(rawValue: 1 << 17)
        /// A verb the question does not say with what it is done to ("ignored the warning"), for
        /// a question that asks what: what someone did.
        static let verbPhrase = Sources(rawValue: 1 << 18)
    }
}

/// The phrases of an answer sentence that could answer a question (``AnswerPhrase``), each of
/// the kind the question asks for: a person, an organisation or a place for who and where (a
/// recognised name, or a noun phrase ending in a proper noun), a date or a year for when, a
/// number for how many, any of them for what and which. The parts of noun phrases and runs of
/// adjectives stand for the constituents a parser would give: what a reader may call the answer.
enum AnswerPhrases {
    static func candidates(
        in sentence: TaggedSentence, question: Question, spans: [AnswerSpan], rulesChoice: String?,
        cued: String?, naming: String?
    ) -> [AnswerPhrase] {
        var phrases: [AnswerPhrase] = []
        // Phrases read from the sentence's words stay where they are; the same words offered
        // twice are one phrase, offered both ways.
        func offer(_ range: Range<Int>, _ sources: AnswerPhrase.Sources) {
            guard !range.isEmpty else { return }
            if let index = phrases.firstIndex(where: { $0.range == range }) {
                phrases[index].sources.formUnion(sources)
            } else {
                phrases.append(AnswerPhrase(text: sentence.text(range), range: range, sources: sources))
            }
        }
        // Names, dates and quantities, and the rules' choice, are found where the sentence first writes them.
        func offer(_ text: String?, _ sources: AnswerPhrase.Sources) {
            guard let text, !text.isEmpty, let range = sentence.wordRange(of: text) else { return }
            offer(range, sources)
        }
        offer(rulesChoice, .rules)
        for span in spans {
            switch span.kind {
            case .entity("person", _): offer(span.text, .person)
            case .entity("organisation", _): offer(span.text, .organisation)
            case .entity("place", _): offer(span.text, .place)
            case .entity: offer(span.text, .otherName)
            case .reference: continue
            case .date: offer(span.text, .date)
            case .quantity:
                offer(span.text, .quantity)
                offer(ShortAnswer.number(span), .number)
            }
        }
        // A phrase with the article before it, as a reader may quote it ("the Official Report").
        func offerArticled(_ range: Range<Int>) {
            guard range.lowerBound > 0, sentence.tags[range.lowerBound - 1] == .determiner,
                Self.articles.contains(sentence.words[range.lowerBound - 1].text.lowercased())
            else { return }
            offer((range.lowerBound - 1)..<range.upperBound, .determined)
        }
        let nounPhrases = sentence.openNounPhrases().filter { $0.count <= 2 * Phrase.longest }
        for range in nounPhrases {
            offer(range, .nounPhrase)
            offerArticled(range)
            let whole = sentence.withComplement(range)
            if whole != range, whole.count <= 2 * Phrase.longest {
                offer(whole, .complement)
                offerArticled(whole)
            }
        }
        for (first, second) in zip(nounPhrases, nounPhrases.dropFirst()) {
            let joint = first.upperBound
            guard second.lowerBound > joint, second.lowerBound - joint <= 2,
                sentence.tags[joint] == .coordinatingConjunction,
                ["and", "or"].contains(sentence.words[joint].text.lowercased()),
                (joint + 1..<second.lowerBound).allSatisfy({ sentence.tags[$0] == .determiner }),
                second.upperBound - first.lowerBound <= 2 * Phrase.longest
            else { continue }
            offer(first.lowerBound..<second.upperBound, .coordinated)
            offerArticled(first.lowerBound..<second.upperBound)
        }
        for range in nounPhrases {
            for part in sentence.tails(of: range) { offer(part, .tail) }
            for part in sentence.parts(of: range) { offer(part, .part) }
        }
        for range in sentence.adjectiveRuns() { offer(range, .adjective) }
        for range in sentence.numberRanges() { offer(range, .numberRange) }
        for range in sentence.eraDates() { offer(range, .date) }
        if question.answerType == .fact {
            for range in sentence.verbPhrases() { offer(range, .verbPhrase) }
        }
        offer(cued, .cued)
        offer(naming, .naming)
        let dates = phrases.filter { $0.sources.contains(.date) }.map(\.range)
        return phrases.filter { isOfAskedKind($0, in: sentence, question: question, dates: dates) }
    }

    static let articles: Set<String> = ["the", "a", "an"]

    /// Whether `phrase` is of the kind `question` asks for (the rules' choice always is); `dates`
    /// are where the sentence's dates stand.
    static func isOfAskedKind(
        _ phrase: AnswerPhrase, in sentence: TaggedSentence, question: Question, dates: [Range<Int>]
    ) -> Bool {
        let sources = phrase.sources
        if sources.contains(.rules) { return true }
        // A name ends in a proper noun, or in a number after one ("Elizabeth II", "Apollo 11").
        let last = phrase.range.upperBound - 1
        // A date ("June 1755") and its words are no name, though its month is a proper noun.
        let properNoun =
            !dates.contains(where: {
                $0.lowerBound <= phrase.range.lowerBound && phrase.range.upperBound <= $0.upperBound
            })
            && (sentence.tags[last] == .properNoun
                || (sentence.tags[last] == .numeral && last > phrase.range.lowerBound
                    && sentence.tags[last - 1] == .properNoun))
        switch question.answerType {
        case .person: return !sources.isDisjoint(with: [.person, .organisation]) || properNoun
        case .organisation: return sources.contains(.organisation) || properNoun
        case .place: return sources.contains(.place) || properNoun
        case .date: return sources.contains(.date) || phrase.range.contains { sentence.isYearLike($0) }
        case .quantity:
            return !sources.isDisjoint(with: [.quantity, .number]) || phrase.range.contains { sentence.isNumber($0) }
        case .fact: return true
        case .reason, .manner, .polar: return false
        }
    }
}
