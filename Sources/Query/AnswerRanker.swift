import Foundation
import Ingest
import Store

/// Scores candidate sentences against a question, 0 to 1, from features a person would check:
/// how many of the question's words (weighted by rarity) the sentence, its section heading and
/// its paragraph hold, whether it names the entities asked about, whether it holds the kind of
/// answer asked for, how close together the words are, and whether it answers a heading (or a
/// sentence) that asks the same question, as FAQ-style articles do.
public struct AnswerRanker: Sendable {
    public struct Scored: Sendable, Equatable {
        public var candidate: AnswerCandidate
        public var confidence: Double
    }

    /// Below this confidence a sentence is not an answer; "no answer" is better than a random one.
    public static let threshold = 0.3

    public var question: Question
    /// Rarity of each question term (stemmed): log(N / sentences holding it).
    public var weights: [String: Double]
    /// Entities the question names, each with the names (lower-cased) it goes by in the question.
    public var questionEntities: [Int64: Set<String>]

    public init(question: Question, weights: [String: Double], questionEntities: [Int64: Set<String>]) {
        self.question = question
        self.weights = weights
        self.questionEntities = questionEntities
    }

    /// Rarity weights from how many of `total` sentences hold each term; an unknown term is as rare as can be.
    public static func weights(terms: [String], sentences total: Int, counts: [String: Int]) -> [String: Double] {
        Dictionary(
            terms.map { term in (term, log(Double(total + 2) / (Double(counts[term] ?? 0) + 0.5))) },
            uniquingKeysWith: { first, _ in first })
    }

    /// Candidates best first, one per paragraph, those below the threshold left out.
    public func rank(_ candidates: [AnswerCandidate]) -> [Scored] {
        var best: [Int64: Scored] = [:]
        var memo = Memo()
        for candidate in candidates {
            let scored = Scored(candidate: candidate, confidence: confidence(candidate, memo: &memo))
            if let current = best[candidate.paragraphID], current.confidence >= scored.confidence { continue }
            best[candidate.paragraphID] = scored
        }
        return best.values.filter { $0.confidence >= Self.threshold }
            .sorted {
                ($0.confidence, $0.candidate.relevance, $1.candidate.sentenceID)
                    > ($1.confidence, $1.candidate.relevance, $0.candidate.sentenceID)
            }
    }

    /// Terms and readings of texts that many candidates share (paragraphs, headings, titles),
    /// worked out once per ranking.
    struct Memo {
        var terms: [String: Set<String>] = [:]
        var stems: [String: String] = [:]
        var questions: [String: (terms: Set<String>, type: Question.AnswerType)] = [:]

        /// The terms of `text` in order, each word stemmed once per ranking.
        mutating func sequence(_ text: String) -> [String] {
            TermExtractor.words(text).map { word in
                if let stem = stems[word] { return stem }
                let stem = TermExtractor.term(word)
                stems[word] = stem
                return stem
            }
        }

        mutating func terms(_ text: String) -> Set<String> {
            if let known = terms[text] { return known }
            let found = Set(sequence(text))
            terms[text] = found
            return found
        }

        /// The content terms and answer type of a question-shaped text.
        mutating func question(_ text: String) -> (terms: Set<String>, type: Question.AnswerType) {
            if let known = questions[text] { return known }
            let reading = (
                Set(TermExtractor.contentTerms(text)).subtracting(Question.questionTerms),
                Question.answerType(of: TermExtractor.words(text))
            )
            questions[text] = reading
            return reading
        }
    }

    public func confidence(_ candidate: AnswerCandidate) -> Double {
        var memo = Memo()
        return confidence(candidate, memo: &memo)
    }

    func confidence(_ candidate: AnswerCandidate, memo: inout Memo) -> Double {
        let sentenceTerms = memo.sequence(candidate.text)
        let sentenceSet = Set(sentenceTerms)
        let headingSet = candidate.heading.map { memo.terms($0) } ?? []
        let total = question.terms.reduce(0) { $0 + weight($1) }
        guard total > 0 else { return 0 }
        func coverage(_ terms: Set<String>, of wanted: [String]? = nil) -> Double {
            let wanted = wanted ?? question.terms
            let total = wanted.reduce(0) { $0 + weight($1) }
            return total > 0 ? wanted.reduce(0) { $0 + (terms.contains($1) ? weight($1) : 0) } / total : 0
        }
        let inSentence = coverage(
            sentenceSet, of: question.predicateTerms.isEmpty ? question.terms : question.predicateTerms)
        let combined = coverage(sentenceSet.union(headingSet))
        let titleSet = memo.terms(candidate.title)
        let inContext = coverage(memo.terms(candidate.paragraph).union(titleSet).union(headingSet))
        let entityCoverage = questionEntities.isEmpty ? combined : entityCoverage(candidate)
        let opening: Double =
            switch candidate.positionInSection {
            case 0: 1
            case 1: 0.6
            case 2: 0.3
            default: 0
            }
        // A heading, or the sentence before, that asks the question: this sentence answers it.
        // The heading may leave out what the title says ("Why is the bridge closing?").
        var asked = 0.0
        if let heading = candidate.heading, heading.hasSuffix("?") {
            asked = asks(memo.question(heading), covering: coverage(headingSet.union(titleSet))) * opening
        }
        if let previous = candidate.previous, previous.hasSuffix("?") {
            let covering = coverage(memo.terms(previous).union(titleSet))
            asked = max(asked, asks(memo.question(previous), covering: covering))
        }
        let type = typeMatch(candidate)
        var score =
            0.30 * Swift.max(combined, asked) + 0.10 * inSentence + 0.10 * inContext + 0.10 * entityCoverage
            + 0.10 * type + 0.05 * proximity(sentenceTerms) + 0.25 * asked
        // A question that wants a name, a date or a number is hardly answered by a sentence without one.
        if [.person, .organisation, .place, .date, .quantity].contains(question.answerType) {
            score *= 0.7 + 0.3 * type
        }
        // A question is not an answer.
        if candidate.text.hasSuffix("?") { score *= 0.5 }
        return score.clamped
    }

    private func weight(_ term: String) -> Double { weights[term] ?? 1 }

    /// How well a text that is itself a question (its terms and answer type) asks this question: half how much of the question it
    /// covers (`coverage`), half how much of it the question covers ("Why is the bridge closing?"
    /// asks "Why is the Shannon Street bridge closing?"), less if it asks for another kind of answer.
    func asks(_ asking: (terms: Set<String>, type: Question.AnswerType), covering coverage: Double) -> Double {
        let own = asking.terms
        let covered = own.isEmpty ? 0 : Double(own.intersection(question.terms).count) / Double(own.count)
        return (0.5 * coverage + 0.5 * covered) * (asking.type == question.answerType ? 1 : 0.7)
    }

    /// The share of the question's entities the sentence names; half for one its paragraph names
    /// ("The lighthouse was built…" after "The Ardmore lighthouse…").
    func entityCoverage(_ candidate: AnswerCandidate) -> Double {
        let paragraph = candidate.paragraph.lowercased()
        let found = questionEntities.reduce(0.0) { sum, entity in
            if candidate.entities[entity.key] != nil { return sum + 1 }
            return sum + (entity.value.contains { paragraph.contains($0) } ? 0.5 : 0)
        }
        return found / Double(questionEntities.count)
    }

    /// 1 when the sentence holds what the question asks for, 0 when it cannot, ½ when unsure.
    func typeMatch(_ candidate: AnswerCandidate) -> Double {
        let others = candidate.entities.filter { questionEntities[$0.key] == nil }.values
        let words = Set(TermExtractor.words(candidate.text))
        switch question.answerType {
        case .person: return others.contains("person") ? 1 : others.contains("organisation") ? 0.8 : unnamed(candidate)
        case .organisation: return others.contains("organisation") ? 1 : unnamed(candidate)
        case .place: return others.contains("place") ? 1 : unnamed(candidate)
        case .date: return candidate.hasDate ? 1 : 0
        case .quantity:
            let hasNumber =
                !candidate.numberUnits.isEmpty || candidate.text.contains(where: \.isNumber)
                || !words.isDisjoint(with: Self.numberWords)
            guard let counted = question.counted else { return hasNumber ? 1 : 0 }
            // "How many homes": "11,000 homes" answers it; "a 40-megawatt farm" counts something else.
            if candidate.numberUnits.contains(where: { !$0.isEmpty && TermExtractor.term($0) == counted }) { return 1 }
            if candidate.numberUnits.contains(where: { !$0.isEmpty }) { return 0.4 }
            return hasNumber ? 0.6 : 0
        case .reason: return !words.isDisjoint(with: Self.reasonWords) ? 1 : 0.3
        case .manner: return !words.isDisjoint(with: Self.mannerWords) ? 1 : 0.5
        case .polar:
            return entityCoverage(candidate) == 1 ? 1 : 0.5
        case .fact: return 0.5
        }
    }

    /// Half a match for a capitalised word inside the sentence that the question does not use: a
    /// name the recogniser does not know.
    func unnamed(_ candidate: AnswerCandidate) -> Double {
        let asked = Set(question.words)
        let words = candidate.text.split(separator: " ").dropFirst()
        return words.contains { word in
            word.first?.isUppercase == true && !asked.contains(TermExtractor.words(String(word)).first ?? "")
        } ? 0.5 : 0
    }

    /// How tightly the question's words sit together in the sentence: matched words over the span they cover.
    func proximity(_ sentenceTerms: [String]) -> Double {
        let wanted = Set(question.terms)
        let positions = sentenceTerms.indices.filter { wanted.contains(sentenceTerms[$0]) }
        let distinct = Set(positions.map { sentenceTerms[$0] }).count
        guard distinct >= 2, let first = positions.first, let last = positions.last else {
            return distinct == 1 && wanted.count == 1 ? 1 : 0
        }
        // The smallest window holding every distinct matched word.
        var best = last - first + 1
        var counts: [String: Int] = [:]
        var covered = 0
        var left = 0
        for right in positions.indices {
            let term = sentenceTerms[positions[right]]
            counts[term, default: 0] += 1
            if counts[term] == 1 { covered += 1 }
            while covered == distinct {
                best = min(best, positions[right] - positions[left] + 1)
                let leaving = sentenceTerms[positions[left]]
                counts[leaving]! -= 1
                if counts[leaving] == 0 { covered -= 1 }
                left += 1
            }
        }
        return min(1, Double(distinct) / Double(best)) * Double(distinct) / Double(wanted.count)
    }

    static let reasonWords: Set<String> = [
        "because", "since", "due", "reason", "reasons", "cause", "caused", "causes", "therefore", "thus", "hence",
        "so", "as", "result", "led", "leads", "order", "aims", "aim", "goal", "against", "motivated",
    ]
    static let mannerWords: Set<String> = ["by", "through", "using", "via", "with", "means", "method", "way", "steps"]
    static let numberWords: Set<String> = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens",
        "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "percent", "once",
        "twice", "daily", "weekly", "monthly", "yearly", "every",
    ]
}

extension Double {
    fileprivate var clamped: Double { Swift.min(1, Swift.max(0, self)) }
}
