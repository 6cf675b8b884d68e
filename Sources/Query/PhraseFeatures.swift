import Foundation
import Ingest

/// What the short-answer chooser reads of a phrase (``AnswerPhrase``) in its sentence: numbers
/// between 0 and 1, one a field of ``fields``.
public struct PhraseFeatures: Sendable, Equatable {
    public var values: [Double]

    /// The features of each of a sentence's `phrases`; some say how a phrase stands among the others.
    static func of(_ phrases: [AnswerPhrase], in sentence: TaggedSentence, question: Question) -> [PhraseFeatures] {
        let frame = QuestionFrame(question)
        var readings = phrases.map { Reading(phrase: $0, sentence: sentence, question: question, frame: frame) }
        let nearest = readings.compactMap(\.distance).filter { $0 > 0 }.min()
        for index in readings.indices {
            readings[index].isNearest = nearest != nil && readings[index].distance == nearest
        }
        return readings.map { reading in PhraseFeatures(values: fields.map { $0.value(reading) }) }
    }

    public static let names = fields.map(\.name)

    public static var count: Int { fields.count }

    /// The features, by name.
    static let fields: [(name: String, value: @Sendable (Reading) -> Double)] = [
        ("rules", { $0.has(.rules) }),
        ("person", { $0.has(.person) }),
        ("organisation", { $0.has(.organisation) }),
        ("place", { $0.has(.place) }),
        ("otherName", { $0.has(.otherName) }),
        ("date", { $0.has(.date) }),
        ("quantity", { $0.has(.quantity) }),
        ("number", { $0.has(.number) }),
        ("nounPhrase", { $0.has(.nounPhrase) }),
        ("complement", { $0.has(.complement) }),
        ("cued", { $0.has(.cued) }),
        ("naming", { $0.has(.naming) }),
        ("determined", { $0.has(.determined) }),
        ("coordinated", { $0.has(.coordinated) }),
        ("tail", { $0.has(.tail) }),
        ("part", { $0.has(.part) }),
        ("adjective", { $0.has(.adjective) }),
        ("numberRange", { $0.has(.numberRange) }),
        ("verbPhrase", { $0.has(.verbPhrase) }),
        ("kindMatch", { $0.kindMatch }),
        ("nearness", { $0.nearness }),
        ("nearest", { $0.isNearest ? 1 : 0 }),
        ("next", { $0.distance == 1 ? 1 : 0 }),
        ("holdsAsked", { $0.distance == 0 ? 1 : 0 }),
        ("follows", { $0.sentence.follows($0.phrase.range) ? 1 : 0 }),
        ("askedJustBefore", { $0.askedShare(in: ($0.phrase.range.lowerBound - 3)..<$0.phrase.range.lowerBound) }),
        ("askedJustAfter", { $0.askedShare(in: $0.phrase.range.upperBound..<($0.phrase.range.upperBound + 3)) }),
        ("sameClause", { $0.sameClause }),
        ("subjectAsked", { $0.subjectOfAskedVerb }),
        ("objectAsked", { $0.objectAfterAskedVerb }),
        ("objectOfAskedVerb", { $0.objectOfAskedVerb }),
        ("askedVerbBefore", { $0.askedVerb(in: 0..<$0.phrase.range.lowerBound) }),
        ("askedVerbAfter", { $0.askedVerb(in: $0.phrase.range.upperBound..<$0.sentence.words.count) }),
        ("askedShare", { $0.askedShare }),
        ("oneWord", { $0.phrase.range.count == 1 ? 1 : 0 }),
        ("twoWords", { $0.phrase.range.count == 2 ? 1 : 0 }),
        ("fewWords", { (3...4).contains($0.phrase.range.count) ? 1 : 0 }),
        ("manyWords", { $0.phrase.range.count > 4 ? 1 : 0 }),
        ("properNoun", { $0.tag(at: $0.phrase.range.upperBound - 1) == .properNoun ? 1 : 0 }),
        ("capitalised", { $0.phrase.text.first?.isUppercase == true ? 1 : 0 }),
        ("hasNumber", { reading in reading.phrase.range.contains { reading.sentence.isNumber($0) } ? 1 : 0 }),
        ("yearLike", { reading in reading.phrase.range.contains { reading.sentence.isYearLike($0) } ? 1 : 0 }),
        ("opensSentence", { $0.phrase.range.lowerBound == 0 ? 1 : 0 }),
        ("afterPunctuation", { $0.tag(at: $0.phrase.range.lowerBound - 1) == .punctuation ? 1 : 0 }),
        ("afterPreposition", { $0.tag(at: $0.phrase.range.lowerBound - 1) == .adposition ? 1 : 0 }),
        ("afterBe", { $0.afterBe }),
        ("beforeVerb", { $0.beforeVerb }),
        ("inParentheses", { $0.inParentheses }),
        ("holdsAskedNoun", { $0.holdsAskedNoun }),
        ("beforeAskedNoun", { $0.beforeAskedNoun }),
        ("opensNounPhrase", { $0.opensNounPhrase }),
        ("framedBefore", { $0.framedBefore }),
        ("framedAfter", { $0.framedAfter }),
        ("endsInVerb", { [.verb, .auxiliary].contains($0.tag(at: $0.phrase.range.upperBound - 1)) ? 1 : 0 }),
        ("ragged", { $0.ragged }),
        // What the question asks for: alone the same for every phrase of a question, these let
        // the trees weigh the rest by the kind of question.
        ("asksWho", { [.person, .organisation].contains($0.question.answerType) ? 1 : 0 }),
        ("asksWhere", { $0.question.answerType == .place ? 1 : 0 }),
        ("asksWhen", { $0.question.answerType == .date ? 1 : 0 }),
        ("asksHowMany", { $0.question.answerType == .quantity ? 1 : 0 }),
        ("asksWhatKind", { $0.question.asksForKind ? 1 : 0 }),
        ("asksAboutNoun", { $0.question.askedNoun == nil ? 0 : 1 }),
        ("asksAmount", { $0.question.asksForAmount ? 1 : 0 }),
    ]

    /// A phrase in its sentence, as the features read it.
    struct Reading {
        let phrase: AnswerPhrase
        let sentence: TaggedSentence
        let question: Question
        let frame: QuestionFrame
        /// Words between the phrase and the nearest the question says (0 inside it), or nil.
        let distance: Int?
        /// No other phrase outside the question's words is nearer them.
        var isNearest = false

        init(phrase: AnswerPhrase, sentence: TaggedSentence, question: Question, frame: QuestionFrame) {
            self.phrase = phrase
            self.sentence = sentence
            self.question = question
            self.frame = frame
            let distance = sentence.distance(phrase.range)
            self.distance = distance == .max ? nil : distance
        }

        func has(_ source: AnswerPhrase.Sources) -> Double { phrase.sources.contains(source) ? 1 : 0 }

        func tag(at index: Int) -> PartOfSpeech? { sentence.tags.indices.contains(index) ? sentence.tags[index] : nil }

        var nearness: Double { distance.map { 1 / Double(1 + $0) } ?? 0 }

        var askedShare: Double {
            Double(phrase.range.count { sentence.asked[$0] }) / Double(max(1, phrase.range.count))
        }

        /// The share of the words `range` could hold (in the sentence or not) that the question says.
        func askedShare(in range: Range<Int>) -> Double {
            let words = range.clamped(to: 0..<sentence.words.count)
            return Double(words.count { sentence.asked[$0] }) / Double(max(1, range.count))
        }

        /// Whether a verb the question says stands in `range`.
        func askedVerb(in range: Range<Int>) -> Double {
            range.clamped(to: 0..<sentence.words.count).contains { sentence.asked[$0] && sentence.tags[$0] == .verb }
                ? 1 : 0
        }

        /// The phrase follows a verb the question says, with at most a preposition, an
        /// adverb or a particle between ("empties into the North Sea").
        var objectOfAskedVerb: Double {
            var index = phrase.range.lowerBound - 1
            while index >= 0, phrase.range.lowerBound - index <= 3,
                [.adposition, .adverb, .particle, .determiner].contains(sentence.tags[index])
            {
                index -= 1
            }
            return index >= 0 && sentence.tags[index] == .verb && sentence.asked[index] ? 1 : 0
        }

        /// No punctuation stands between the phrase and the nearest word the question says.
        var sameClause: Double {
            guard let distance else { return 0 }
            guard distance > 0 else { return 1 }
            let range = phrase.range
            let sides = [
                (asked: range.lowerBound - distance, between: (range.lowerBound - distance + 1)..<range.lowerBound),
                (asked: range.upperBound + distance - 1, between: range.upperBound..<(range.upperBound + distance - 1)),
            ]
            return sides.contains { side in
                sentence.asked.indices.contains(side.asked) && sentence.asked[side.asked]
                    && side.between.allSatisfy { sentence.tags[$0] != .punctuation }
            } ? 1 : 0
        }

        /// The question asks for a subject and a verb it says follows the phrase closely:
        /// "What stretched across Europe?", "a tundra stretched across…".
        var subjectOfAskedVerb: Double {
            guard question.asksForSubject == true else { return 0 }
            return askedVerb(in: phrase.range.upperBound..<(phrase.range.upperBound + 4))
        }

        /// The question asks for what is done and a verb it says comes closely before the
        /// phrase: "What did Shirley leave at Oswego?", "left garrisons at Oswego".
        var objectAfterAskedVerb: Double {
            guard question.asksForSubject == false else { return 0 }
            return askedVerb(in: (phrase.range.lowerBound - 4)..<phrase.range.lowerBound)
        }

        /// The phrase opens or closes on punctuation, or holds brackets or an ellipsis: words
        /// cut from their sentence.
        var ragged: Double {
            let text = phrase.text
            guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return 1 }
            let edges =
                !(CharacterSet.alphanumerics.contains(first)
                && (CharacterSet.alphanumerics.contains(last) || ")%.".unicodeScalars.contains(last)))
            return edges || text.contains("[") || text.contains("...") || text.contains("…") ? 1 : 0
        }

        /// The phrase is of the kind the question asks for, by what offered it.
        var kindMatch: Double {
            let sources = phrase.sources
            let matches: Bool
            switch question.answerType {
            case .person: matches = sources.contains(.person)
            case .organisation: matches = sources.contains(.organisation)
            case .place: matches = sources.contains(.place)
            case .date: matches = sources.contains(.date)
            case .quantity: matches = !sources.isDisjoint(with: [.quantity, .number, .numberRange])
            case .fact, .reason, .manner, .polar:
                matches = !sources.isDisjoint(with: [
                    .nounPhrase, .complement, .cued, .naming, .determined, .coordinated, .tail, .part, .adjective,
                    .verbPhrase,
                ])
            }
            return matches ? 1 : 0
        }

        /// The word before the phrase, past a determiner, lower-cased; nil when none is.
        var wordBefore: String? {
            var index = phrase.range.lowerBound - 1
            if tag(at: index) == .determiner { index -= 1 }
            return index >= 0 ? sentence.words[index].text.lowercased() : nil
        }

        /// The phrase follows a form of "be", perhaps after a determiner: what something is.
        var afterBe: Double { wordBefore.map(Self.formsOfBe.contains) == true ? 1 : 0 }

        static let formsOfBe: Set<String> = ["is", "was", "are", "were", "be", "been", "being", "'s"]

        /// No verb comes before the phrase: it is what the sentence is about, not what it says.
        var beforeVerb: Double {
            sentence.tags[..<phrase.range.lowerBound].contains { $0 == .verb || $0 == .auxiliary } ? 0 : 1
        }

        /// The phrase stands inside parentheses opened before it.
        var inParentheses: Double {
            var depth = 0
            for index in 0..<phrase.range.lowerBound {
                switch sentence.words[index].text {
                case "(": depth += 1
                case ")": depth = max(0, depth - 1)
                default: break
                }
            }
            return depth > 0 ? 1 : 0
        }

        /// A noun the question says comes right after the phrase: the phrase says which one
        /// ("Spanish" of "Spanish architect" for "What nationality is the architect…").
        var beforeAskedNoun: Double {
            let next = phrase.range.upperBound
            guard sentence.words.indices.contains(next), sentence.asked[next],
                [.noun, .properNoun].contains(sentence.tags[next])
            else { return 0 }
            return 1
        }

        /// The word the question writes before its question word stands just before the phrase
        /// (an article between): "from" of "…from what other one?".
        var framedBefore: Double { frame.before != nil && wordBefore == frame.before ? 1 : 0 }

        /// The word the question writes after its question word stands within three words after
        /// the phrase: "prohibits" of "What prohibits atoms…?".
        var framedAfter: Double { has(term: frame.after, in: phrase.range.upperBound..<(phrase.range.upperBound + 3)) }

        /// Whether a word of the sentence within `range` has the stem `term`.
        func has(term: String?, in range: Range<Int>) -> Double {
            guard let term else { return 0 }
            return range.clamped(to: 0..<sentence.words.count).contains { sentence.stems[$0] == term } ? 1 : 0
        }

        /// The phrase opens a noun phrase of the sentence (perhaps after its article).
        var opensNounPhrase: Double {
            sentence.phrases.contains { chunk in
                chunk.kind == .noun
                    && (chunk.range.lowerBound == phrase.range.lowerBound
                        || (chunk.range.lowerBound + 1 == phrase.range.lowerBound
                            && sentence.tags[chunk.range.lowerBound] == .determiner))
            } ? 1 : 0
        }

        /// The phrase holds the noun a what-question asks about.
        var holdsAskedNoun: Double {
            guard let noun = question.askedNoun else { return 0 }
            return phrase.range.contains { sentence.stems[$0] == noun } ? 1 : 0
        }
    }
}
