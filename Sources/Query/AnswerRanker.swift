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

        public init(candidate: AnswerCandidate, confidence: Double) {
            self.candidate = candidate
            self.confidence = confidence
        }
    }

    /// Each answer already taken from a paragraph scales the next from it by this much: three
    /// answers should come from three places unless one place clearly says it best.
    public static let samePassage = 0.9

    public var question: Question
    /// Rarity of each question term (stemmed): log(N / sentences holding it).
    public var weights: [String: Double]
    /// Entities the question names, each with the names (lower-cased) it goes by in the question.
    public var questionEntities: [Int64: Set<String>]

    /// Other terms that count as each question term ("leader" for "lead", "three" for "3").
    public var relatives: [String: Set<String>]
    /// Entities related to each question entity without being it: "ISIS" for "ISIS-K".
    public var relatedEntities: [Int64: Set<Int64>]
    /// Each term that counts as a question term, to that question term.
    private let questionTerm: [String: String]
    /// Every term a feature looks for in a text: the question's terms, its verbs, and the terms
    /// that count as them. Of a candidate's words, only these are told apart.
    let lookedFor: Set<String>
    /// How the features are weighed, and the confidences below which nothing answers.
    public var model: RankerWeights

    public init(
        question: Question, weights: [String: Double], questionEntities: [Int64: Set<String>],
        relatives: [String: Set<String>] = [:], relatedEntities: [Int64: Set<Int64>] = [:],
        model: RankerWeights = .shipped
    ) {
        self.model = model
        self.question = question
        self.relatedEntities = relatedEntities
        self.weights = weights
        self.questionEntities = questionEntities
        self.relatives = relatives
        var questionTerm: [String: String] = [:]
        for term in question.terms.reversed() {
            for relative in relatives[term] ?? [] { questionTerm[relative] = term }
        }
        for term in question.terms { questionTerm[term] = term }
        self.questionTerm = questionTerm
        lookedFor = Set(questionTerm.keys).union(question.predicateTerms).union(question.verbs)
            .union(relatives.values.joined())
    }

    /// How far `terms` hold the question term `term`: 1 for the term itself, ``relatedMatch``
    /// for one of its relatives, 0 otherwise. A related word ("leader" for "lead") is weaker
    /// evidence than the word, except the one who does what a who-question asks about: "director
    /// Paul Hennessy" answers "Who directs the race?" as well as "Paul Hennessy directs" would.
    func match(_ terms: Set<String>, _ term: String) -> Double {
        if terms.contains(term) { return 1 }
        guard let related = relatives[term], !related.isDisjoint(with: terms) else { return 0 }
        if question.answerType == .person,
            related.intersection(terms).contains(where: { $0 == term + "er" || $0 == term + "or" })
        {
            return 1
        }
        return Self.relatedMatch
    }

    static let relatedMatch = 0.5

    /// Rarity weights from how many of `total` sentences hold each term; an unknown term is as rare as can be.
    public static func weights(terms: [String], sentences total: Int, counts: [String: Int]) -> [String: Double] {
        Dictionary(
            terms.map { term in (term, log(Double(total + 2) / (Double(counts[term] ?? 0) + 0.5))) },
            uniquingKeysWith: { first, _ in first })
    }

    /// Candidates best first, none when even the best, read by itself, is below the model's
    /// threshold, none below its floor, at most `limit`. A sentence whose paragraph already gave
    /// an answer ranks as if less confident.
    public func rank(_ candidates: [AnswerCandidate], limit: Int = .max) -> [Scored] {
        rank(candidates, features: features(candidates), limit: limit)
    }

    /// The same, with the candidates' features already read (``features(_:)``).
    public func rank(_ candidates: [AnswerCandidate], features: [RankingFeatures], limit: Int = .max) -> [Scored] {
        Self.rank(candidates, features: features, model: model, limit: limit)
    }

    /// The same, by `model`.
    static func rank(
        _ candidates: [AnswerCandidate], features: [RankingFeatures], model: RankerWeights, limit: Int
    ) -> [Scored] {
        let values = features.map(\.values)
        let scored = zip(candidates, values).map {
            Scored(candidate: $0, confidence: model.confidence(values: $1))
        }
        return Self.select(
            scored, limit: limit, answering: model.answering(values: values), threshold: model.threshold,
            floor: model.floor)
    }

    /// What the ranker weighs of each of `candidates`, read together (the relevance of each is
    /// taken relative to the best of them).
    public func features(_ candidates: [AnswerCandidate]) -> [RankingFeatures] {
        var memo = Memo(looking: self)
        memo.bestRelevance = candidates.map(\.relevance).max() ?? 0
        return RankingFeatures.comparing(candidates.map { features($0, memo: &memo) })
    }

    /// Scored candidates best first: none when the chance that the best answers by itself
    /// (`answering`, ``RankerWeights/answering(_:)``) is below `threshold`, none below `floor`,
    /// at most `limit`; a sentence whose paragraph already gave an answer ranks as if less
    /// confident (``samePassage``).
    public static func select(
        _ scored: [Scored], limit: Int, answering: Double, threshold: Double, floor: Double
    ) -> [Scored] {
        guard answering >= threshold else { return [] }
        var pool = scored.filter { $0.confidence >= floor }
        var taken: [Int64: Int] = [:]
        var ranked: [Scored] = []
        while !pool.isEmpty, ranked.count < limit {
            func adjusted(_ scored: Scored) -> Scored {
                var scored = scored
                let earlier = taken[scored.candidate.paragraphID] ?? 0
                scored.confidence *= pow(Self.samePassage, Double(earlier))
                return scored
            }
            let index = pool.indices.max { first, second in
                let (a, b) = (adjusted(pool[first]), adjusted(pool[second]))
                return (a.confidence, a.candidate.relevance, b.candidate.sentenceID)
                    < (b.confidence, b.candidate.relevance, a.candidate.sentenceID)
            }!
            let next = adjusted(pool.remove(at: index))
            guard next.confidence >= floor else { break }
            taken[next.candidate.paragraphID, default: 0] += 1
            ranked.append(next)
        }
        return ranked
    }

    /// Terms and readings of texts that many candidates share (paragraphs, headings, titles),
    /// worked out once per ranking. Of a text's terms only those the features look at are read:
    /// the question's terms and verbs and the words that count as them.
    struct Memo {
        /// The highest BM25 relevance among the candidates.
        var bestRelevance = 0.0
        private var matcher: TermMatcher
        var terms: [String: Set<String>] = [:]
        var lowercasedTexts: [String: String] = [:]

        init(looking ranker: AnswerRanker) {
            matcher = TermMatcher(wanted: ranker.lookedFor)
        }

        mutating func lowercased(_ text: String) -> String {
            if let known = lowercasedTexts[text] { return known }
            let lowered = text.lowercased()
            lowercasedTexts[text] = lowered
            return lowered
        }

        var questions: [String: (terms: Set<String>, type: Question.AnswerType)] = [:]

        /// For each word of `text`, in order, the term looked for that it is, or nil.
        mutating func sequence(_ text: String) -> [String?] {
            matcher.terms(in: text)
        }

        /// The terms looked for that `text` holds.
        mutating func terms(_ text: String) -> Set<String> {
            if let known = terms[text] { return known }
            let found = matcher.termSet(in: text)
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
        var memo = Memo(looking: self)
        return model.confidence(RankingFeatures.comparing([features(candidate, memo: &memo)])[0])
    }

    func features(_ candidate: AnswerCandidate, memo: inout Memo) -> RankingFeatures {
        let sentenceTerms = memo.sequence(candidate.text)
        // "this terrorist group" says "ISIS-K" when it stands for it.
        let referred = questionEntities.filter { entity in
            candidate.spans.contains { $0.kind == .reference(id: entity.key) }
        }.values.joined()
        let referredTerms = Set(referred.flatMap { memo.sequence($0).compactMap { $0 } })
        let sentenceSet = Set(sentenceTerms.compactMap { $0 }).union(referredTerms)
        let headingSet = candidate.heading.map { memo.terms($0) } ?? []
        let total = question.terms.reduce(0) { $0 + weight($1) }
        guard total > 0 else { return RankingFeatures() }
        func coverage(_ terms: Set<String>, of wanted: [String]? = nil) -> Double {
            let wanted = wanted ?? question.terms
            let total = wanted.reduce(0) { $0 + weight($1) }
            return total > 0 ? wanted.reduce(0) { $0 + match(terms, $1) * weight($1) } / total : 0
        }
        let inSentence = coverage(
            sentenceSet, of: question.predicateTerms.isEmpty ? question.terms : question.predicateTerms)
        let combined = coverage(sentenceSet.union(headingSet))
        let titleSet = memo.terms(candidate.title)
        let inContext = coverage(
            memo.terms(candidate.paragraph).union(titleSet).union(headingSet).union(referredTerms))
        let entityCoverage =
            questionEntities.isEmpty
            ? combined : entityCoverage(candidate, paragraph: { memo.lowercased(candidate.paragraph) })
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
        let typed = [.person, .organisation, .place, .date, .quantity].contains(question.answerType)
        let kindMissing = typed ? 1 - type : 0
        let shortfall = 1 - Swift.min(1, Swift.max(inContext, asked) / 0.4)
        return RankingFeatures(
            overlap: Swift.max(combined, asked), inSentence: inSentence, inContext: inContext,
            entities: entityCoverage, answerKind: type, kindMissing: kindMissing,
            proximity: proximity(sentenceTerms),
            // Why and how are seldom answered in the question's own phrases: the sentence that
            // repeats them tells what happened, the one that explains it uses other words.
            phrases: [.reason, .manner].contains(question.answerType) ? 0 : phrases(sentenceTerms),
            askedBefore: asked, opening: opening,
            relevance: memo.bestRelevance > 0 ? candidate.relevance / memo.bestRelevance : 0,
            contextShortfall: shortfall,
            // "Telnet was sold to": a sentence that says "sold to" and goes on says what fills the gap.
            fillsGap: question.gap.map {
                !$0.before.isEmpty && Phrase.filling($0, in: Phrase.words(candidate.text)) != nil
            }
                == true ? 1 : 0,
            // "What is ISIS-K?" is best answered by the sentence that says what it is.
            defines: question.defined != nil && defines(candidate) ? 1 : 0,
            isQuestion: candidate.text.hasSuffix("?") ? 1 : 0,
            missingKindOverlap: kindMissing * Swift.max(combined, asked), missingKindContext: kindMissing * inContext,
            verbs: question.verbs.isEmpty ? 0 : coverage(sentenceSet, of: question.verbs))
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

    /// The share of the question's entities the sentence names or stands for; half for one its
    /// paragraph names, or one it names a related entity of ("ISIS" for "ISIS-K").
    func entityCoverage(_ candidate: AnswerCandidate) -> Double {
        entityCoverage(candidate, paragraph: { candidate.paragraph.lowercased() })
    }

    /// The same, with the paragraph lower-cased by `lowercased`: only when a name is looked for in it.
    func entityCoverage(_ candidate: AnswerCandidate, paragraph lowercased: () -> String) -> Double {
        var paragraph: String?
        let found = questionEntities.reduce(0.0) { sum, entity in
            if candidate.entities[entity.key] != nil { return sum + 1 }
            if paragraph == nil { paragraph = lowercased() }
            if entity.value.contains(where: { paragraph!.contains($0) }) { return sum + 0.5 }
            let related = relatedEntities[entity.key] ?? []
            return sum + (related.contains { candidate.entities[$0] != nil } ? 0.5 : 0)
        }
        return found / Double(questionEntities.count)
    }

    /// 1 when the sentence holds what the question asks for, 0 when it cannot, ½ when unsure.
    func typeMatch(_ candidate: AnswerCandidate) -> Double {
        let others = candidate.entities.filter { questionEntities[$0.key] == nil }.values
        var words: Set<String> { Set(TermExtractor.words(candidate.text)) }
        switch question.answerType {
        case .person: return others.contains("person") ? 1 : others.contains("organisation") ? 0.8 : unnamed(candidate)
        case .organisation: return others.contains("organisation") ? 1 : unnamed(candidate)
        case .place:
            // "operating in Afghanistan" says where; "U.S. and Afghan operations" hardly.
            guard others.contains("place") else { return unnamed(candidate) }
            return locatesPlace(candidate) ? 1 : 0.7
        case .date: return candidate.hasDate ? 1 : 0
        case .quantity:
            let hasNumber =
                !candidate.numberUnits.isEmpty || candidate.text.contains(where: \.isNumber)
                || !words.isDisjoint(with: Self.numberWords)
            if let measure = question.measure {
                // "How long is the Rhine?": 1,230 km answers it, the 5th century hardly.
                let units = Set(candidate.numberUnits.map { $0.lowercased() })
                let wanted = Self.measureUnits[measure, default: []].union(
                    measure == .time ? Self.measureUnits[.length, default: []] : [])
                if !units.isDisjoint(with: wanted) { return 1 }
                return hasNumber ? 0.5 : 0
            }
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

    /// Whether a place the question does not name follows a word that places things: "in
    /// Afghanistan", "across Europe", "near the Rhine".
    func locatesPlace(_ candidate: AnswerCandidate) -> Bool {
        let text = candidate.text
        return candidate.spans.contains { span in
            guard case .entity("place", let id) = span.kind, questionEntities[id] == nil else { return false }
            return text.ranges(of: span.text).contains { range in
                let before = text[..<range.lowerBound].split(separator: " ").suffix(2).map { $0.lowercased() }
                return before.contains { Self.placingWords.contains($0) }
            }
        }
    }

    static let placingWords: Set<String> = [
        "in", "at", "near", "across", "throughout", "within", "into", "from", "to", "on", "inside", "outside",
        "around", "between", "along", "beside", "over", "under", "off", "of",
    ]

    /// Half a match for a capitalised word inside the sentence that the question does not use: a
    /// name the recogniser does not know.
    func unnamed(_ candidate: AnswerCandidate) -> Double {
        let asked = Set(question.words)
        let words = candidate.text.split(separator: " ").dropFirst()
        return words.contains { word in
            word.first?.isUppercase == true && !asked.contains(TermExtractor.words(String(word)).first ?? "")
        } ? 0.5 : 0
    }

    /// Whether the sentence defines what a defining question asks about: the thing, or words
    /// that stand for it, followed by "is a", "was the", ", a" and the like.
    func defines(_ candidate: AnswerCandidate) -> Bool {
        guard let defined = question.defined?.lowercased() else { return false }
        var subjects = [defined]
        for span in candidate.spans {
            switch span.kind {
            case .entity(_, let id), .reference(let id):
                if questionEntities[id] != nil { subjects.append(span.text.lowercased()) }
            default: break
            }
        }
        let text = candidate.text.lowercased()
        for subject in subjects {
            for range in text.ranges(of: subject) {
                var after = text[range.upperBound...]
                // "ISIS-K (Islamic State Khorasan) is …"
                if after.hasPrefix(" ("), let close = after.firstIndex(of: ")") {
                    after = after[after.index(after: close)...]
                }
                if Self.definingWords.contains(where: { after.hasPrefix($0) }) { return true }
            }
        }
        return false
    }

    static let definingWords = [
        " is a ", " is an ", " is the ", " was a ", " was an ", " was the ", " are ", " were ", ", a ", ", an ",
        " refers to ", " means ", " is one of ", " was one of ",
    ]

    /// The share of the question's word pairs (consecutive words of the question, small words
    /// left out) that the sentence says in the same order within a few words: "the Rhine
    /// straightening program" is better evidence than "Rhine", "straightening" and "program" apart.
    ///
    /// `sentenceTerms` has, for each word of the sentence, its term when a feature looks for it.
    func phrases(_ sentenceTerms: [String?]) -> Double {
        let terms = question.terms
        guard terms.count >= 2 else { return 0 }
        var positions: [String: [Int]] = [:]
        for (index, term) in sentenceTerms.enumerated() {
            guard let term else { continue }
            positions[questionTerm[term] ?? term, default: []].append(index)
        }
        var found = 0
        for (first, second) in zip(terms, terms.dropFirst()) {
            guard let starts = positions[first], let ends = positions[second] else { continue }
            if starts.contains(where: { start in ends.contains { $0 > start && $0 - start <= 3 } }) { found += 1 }
        }
        return Double(found) / Double(terms.count - 1)
    }

    /// How tightly the question's words sit together in the sentence: matched words over the span
    /// they cover. `sentenceTerms` is as for ``phrases(_:)``.
    func proximity(_ sentenceTerms: [String?]) -> Double {
        let wanted = Set(question.terms)
        // Each word as the question term it counts as, "" for a word that is none.
        let sentenceTerms = sentenceTerms.map { $0.map { questionTerm[$0] ?? $0 } ?? "" }
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

    /// Units that answer a measuring question, as the number recogniser writes them. "How long"
    /// may ask for a length or a time.
    static let measureUnits: [Question.Measure: Set<String>] = [
        .length: [
            "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "mi", "m", "metres",
            "meters", "metre", "meter", "feet", "foot", "ft", "yards", "cm", "mm", "inches", "nautical",
        ],
        .time: [
            "years", "year", "months", "weeks", "days", "hours", "minutes", "seconds", "centuries", "decades",
            "millennia",
        ],
        .size: [
            "km2", "hectares", "acres", "square", "sq", "tonnes", "tons", "kg", "kilograms", "people", "members",
            "inhabitants", "residents",
        ],
        .age: ["years", "year", "months", "centuries", "decades"],
    ]

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
