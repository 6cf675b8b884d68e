import Ingest
import Store

/// Answers searches, questions and similar-document requests over the cached model.
public struct QueryEngine: Sendable {
    public let store: DocumentStore

    /// Tags the answering sentences' words, to find the phrase that answers; without it, the
    /// words nearest the question's.
    public let tagger: PartOfSpeechTagger?

    /// Verbs and adjectives and the nouns they relate to ("die", "death"; "tall", "height"), which
    /// stand for each other in a question.
    public let derivations: WordDerivations

    public init(store: DocumentStore, tagger: PartOfSpeechTagger? = nil, derivations: WordDerivations = .none) {
        self.tagger = tagger
        self.store = store
        self.derivations = derivations
    }

    public struct SearchResult: Sendable, Equatable {
        public struct Hit: Sendable, Equatable {
            public var path: String
            public var title: String
            public var category: String?
            public var snippet: HighlightedText
            public var score: Double
        }
        public var total: Int
        public var hits: [Hit]
    }

    /// A query in the search language, read; one that cannot be read throws `SearchQuerySyntaxError`.
    public static func compile(_ text: String) throws -> DocumentSearch {
        try SearchQueryCompiler.compile(try SearchQueryParser.parse(text))
    }

    /// Runs a query in the search language; a query that cannot be read throws `SearchQuerySyntaxError`.
    public func search(_ text: String, limit: Int, offset: Int) async throws -> SearchResult {
        let search = try Self.compile(text)
        let page = try await store.search.documents(
            search, limit: limit, offset: offset, highlight: (HighlightedText.open, HighlightedText.close))
        return SearchResult(
            total: page.total,
            hits: page.hits.map { hit in
                SearchResult.Hit(
                    path: hit.path, title: hit.title, category: hit.category,
                    snippet: HighlightedText(marked: hit.snippet), score: hit.score)
            })
    }

    /// What a timeline keeps: `query` (the search language) read as the words its sentences
    /// must match and the documents they must be in.
    public static func timelineFilter(entities: [String], span: DateSpan?, query: String?) throws
        -> TimelineReads.Filter
    {
        var filter = TimelineReads.Filter(entities: entities, span: span)
        if let query, !query.allSatisfy(\.isWhitespace) {
            filter.search = try Self.compile(query)
        }
        return filter
    }

    public struct Answer: Sendable, Equatable {
        public var path: String
        public var title: String
        public var heading: String?
        /// The answer: its best sentence, with the next one when it is too short to stand alone, or
        /// the short reply before it ("Indirectly related."); as the paragraph has it.
        public var text: String
        /// The best sentence itself.
        public var sentence: String
        /// The paragraph the answer comes from.
        public var context: String
        /// Where `text` stands in `context`, in Unicode scalars, end exclusive.
        public var span: Range<Int>
        /// 0 to 1.
        public var confidence: Double
        /// The words that answer the question (a name, a date, a number), when they can be told.
        public var shortAnswer: String?

        /// Whether the two answers share words of the same paragraph.
        func overlaps(_ other: Answer) -> Bool {
            path == other.path && context == other.context && span.overlaps(other.span)
        }
    }

    public struct AskResult: Sendable, Equatable {
        public var question: Question
        /// Best first; empty when nothing in the collection answers the question.
        public var answers: [Answer]
    }

    /// How many candidate sentences are scored for a question.
    static let candidateLimit = 40

    /// The sentences that may answer `question` (at most ``candidateLimit``), and the ranker
    /// that scores them, weighing as `model` says.
    public func candidates(for question: Question, model: RankerWeights = .shipped) async throws
        -> (ranker: AnswerRanker, candidates: [AnswerCandidate])
    {
        let entities = try await store.entities.ids(namedAnyOf: question.names)
        let relatedEntities = try await Self.relatedEntities(of: entities, in: store)
        var stems = Dictionary(
            question.words.map { ($0, TermExtractor.term($0)) }, uniquingKeysWith: { $1 })
        let guessedRelatives = Dictionary(
            question.terms.map { ($0, WordFamily.relatives(of: $0, derivations: derivations)) },
            uniquingKeysWith: { first, _ in first })
        // The stems of the question's words include its terms; relatives are stems already.
        let frequencies = try await store.answers.sentenceFrequencies(
            of: Array(stems.values) + guessedRelatives.values.joined())
        // Only the relatives the collection holds count; the uncommon ones also find candidates,
        // as words of their own. A common relative would only add to the common words that
        // must all be found together.
        let relatives = guessedRelatives.mapValues { Set($0.filter { (frequencies.counts[$0] ?? 0) > 0 }) }
        let common = Self.commonCount(sentences: frequencies.sentences)
        let relativeWords = uniqued(question.terms.flatMap { relatives[$0, default: []].sorted() })
            .filter { stems[$0] == nil && (frequencies.counts[$0] ?? 0) <= common }
        for word in relativeWords { stems[word] = word }
        let retrieval = Self.retrieval(
            words: question.words + relativeWords, frequency: { frequencies.counts[stems[$0] ?? $0] ?? 0 },
            sentences: frequencies.sentences)
        let ranker = AnswerRanker(
            question: question,
            weights: AnswerRanker.weights(
                terms: question.terms, sentences: frequencies.sentences, counts: frequencies.counts),
            questionEntities: entities, relatives: relatives, relatedEntities: relatedEntities, model: model)
        let candidates = try await store.answers.candidates(
            retrieval, entityIDs: Array(entities.keys), limit: Self.candidateLimit)
        return (ranker, candidates)
    }

    public func ask(_ text: String, limit: Int) async throws -> AskResult {
        let question = tagger.map { Question(text, tagger: $0) } ?? Question(text)
        guard !question.terms.isEmpty else {
            throw SearchQuerySyntaxError("the question has no words to look for", column: 1)
        }
        let (ranker, candidates) = try await candidates(for: question)
        let entities = ranker.questionEntities
        let relatives = ranker.relatives
        var answers: [Answer] = []
        // A short sentence is answered with its neighbour, which may itself rank: a few spare,
        // read only when needed.
        let ranked = ranker.rank(candidates, limit: limit + 2)
        var contexts = try await store.answers.contexts(sentenceIDs: ranked.prefix(limit).map(\.candidate.sentenceID))
        for (index, scored) in ranked.enumerated() where answers.count < limit {
            if index == limit {
                contexts.merge(
                    try await store.answers.contexts(sentenceIDs: ranked.dropFirst(limit).map(\.candidate.sentenceID))
                ) { first, _ in first }
            }
            guard let context = contexts[scored.candidate.sentenceID] else { continue }
            var answer = Self.answer(scored, in: context)
            guard !answers.contains(where: { $0.overlaps(answer) }) else { continue }
            answer.shortAnswer = ShortAnswer.of(
                scored.candidate, for: question, questionEntities: Set(entities.keys), relatives: relatives,
                tagger: tagger)
            answers.append(answer)
        }
        return AskResult(question: question, answers: answers)
    }

    /// The entities each of `entities` is a part or a branch of, by the names they go by:
    /// "ISIS" for "ISIS-K", "COVID" for "COVID-19".
    static func relatedEntities(of entities: [Int64: Set<String>], in store: DocumentStore) async throws
        -> [Int64: Set<Int64>]
    {
        let parents = entities.mapValues { Set($0.compactMap(parentName)) }.filter { !$0.value.isEmpty }
        guard !parents.isEmpty else { return [:] }
        // One lookup for all of them; each parent found is related to the entities it is the parent of.
        let found = try await store.entities.ids(namedAnyOf: Array(parents.values.joined()))
            .filter { entities[$0.key] == nil }
        var related: [Int64: Set<Int64>] = [:]
        for (id, names) in parents {
            let ids = found.filter { !$0.value.isDisjoint(with: names) }.keys
            if !ids.isEmpty { related[id] = Set(ids) }
        }
        return related
    }

    /// The name a suffixed name is a branch of: "isis" of "isis-k". A long second part ("Asia-Pacific")
    /// is a name of its own.
    static func parentName(_ name: String) -> String? {
        guard let hyphen = name.lastIndex(of: "-") else { return nil }
        let parent = name[..<hyphen]
        let suffix = name[name.index(after: hyphen)...]
        guard parent.count >= 2, !parent.contains(" "), (1...3).contains(suffix.count) else { return nil }
        return String(parent)
    }

    /// How many of a question's uncommon words find its candidates: the rarest, which say the
    /// most. A long question's other words still weigh in the ranking, but looking sentences up by
    /// every one of them would rank a large share of the collection for little.
    static let retrievalWords = 12

    /// In more sentences than this, a word is common.
    static func commonCount(sentences: Int) -> Int { max(1000, sentences / 100) }

    /// What finds candidate sentences: any of the question's words that are not common (the
    /// ``retrievalWords`` rarest of them), each a part of its own, and the common ones (in more
    /// than 1% of sentences) only all together, as one part. Alone, a common word would have a
    /// large share of the collection ranked for little.
    static func retrieval(words: [String], frequency: (String) -> Int, sentences: Int) -> SentenceRetrieval {
        let common = commonCount(sentences: sentences)
        let frequent = words.filter { frequency($0) > common }
        var rare = words.filter { frequency($0) <= common }
        if rare.count > retrievalWords {
            let rarest = Set(
                rare.enumerated().sorted { (frequency($0.element), $0.offset) < (frequency($1.element), $1.offset) }
                    .prefix(retrievalWords).map(\.offset))
            rare = rare.enumerated().filter { rarest.contains($0.offset) }.map(\.element)
        }
        let word = { SearchQueryCompiler.allWords(of: $0) }
        var parts = rare.map { SentenceRetrieval.Part([word($0)]) }
        if frequent.count >= 2 {
            parts.append(SentenceRetrieval.Part(frequent.map(word)))
        } else if let only = frequent.first, rare.isEmpty {
            parts.append(SentenceRetrieval.Part([word(only)]))
        }
        return SentenceRetrieval(parts: parts)
    }

    /// A sentence of fewer words than this ("Indirectly related.") is answered together with the next.
    static let shortSentence = 6

    static func answer(_ scored: AnswerRanker.Scored, in context: AnswerContext) -> Answer {
        let sentence = scored.candidate.text
        func isShort(_ text: String) -> Bool { text.split(separator: " ").count < shortSentence }
        var sentences = [sentence]
        if isShort(sentence), context.index + 1 < context.sentences.count {
            sentences.append(context.sentences[context.index + 1])
        } else if context.index > 0, isShort(context.sentences[context.index - 1]),
            !context.sentences[context.index - 1].hasSuffix("?")
        {
            // "Indirectly related. According to …": the short reply before the sentence belongs to it.
            sentences.insert(context.sentences[context.index - 1], at: 0)
        }
        // The answer is the stretch of the paragraph from its first sentence to its last, as written.
        let paragraph = context.paragraph
        var text = sentences.joined(separator: " ")
        var span = 0..<paragraph.unicodeScalars.count
        if let first = paragraph.range(of: sentences[0]),
            let last = paragraph.range(of: sentences[sentences.count - 1], range: first.lowerBound..<paragraph.endIndex)
        {
            text = String(paragraph[first.lowerBound..<last.upperBound])
            span =
                paragraph.unicodeScalars.distance(
                    from: paragraph.startIndex, to: first.lowerBound)..<paragraph.unicodeScalars.distance(
                    from: paragraph.startIndex, to: last.upperBound)
        }
        return Answer(
            path: context.path, title: context.title, heading: context.heading, text: text, sentence: sentence,
            context: paragraph, span: span, confidence: (scored.confidence * 1000).rounded() / 1000)
    }

    /// Documents like the one at `path`, or nil when it is not indexed.
    public func similar(to path: String, limit: Int) async throws -> [SimilarDocument]? {
        try await store.similar.documents(like: path, limit: limit)
    }
}
