import Ingest
import Testing

@testable import Query
@testable import Store

/// Questions as people ask them, answered from a real SQLite cache: through the words that stand
/// for a name, through word families, in the shape of a statement, and with the words that answer.
@Suite struct QuestionShapeTests {
    let cache: QueryCache

    init() throws {
        cache = try QueryCache()
    }

    static let front = """
        Why does the Korrin Front fight the Vale Union?

        Formed in 2011, this militant group is an offshoot of the Northern League operating in Tessaly and Varn.

        The Korrin Front and the Vale Union still see each other as rivals. The Korrin Front wants to keep \
        fighting, and its attacks go on.

        After taking Dunmore, the Vale Union also jailed former Korrin Front leader Tomas Brell.
        """

    static let harbour = """
        Harbour news

        The harbour board met on Monday. The board said three ferries would be added next year.
        Ferries were late all winter.

        In 1979 Telnet was sold to Ganmore Holdings, which kept its name.
        """

    @Test func aDefiningQuestionFindsTheSentenceThatDefinesThroughADescription() async throws {
        try await cache.add(["front.txt": Self.front, "harbour.txt": Self.harbour])
        let answer = try await cache.engine.ask("What is the Korrin Front?", limit: 3).answers.first
        #expect(answer?.sentence.contains("offshoot of the Northern League") == true, "\(String(describing: answer))")
        let place = try await cache.engine.ask("Where does the Korrin Front operate?", limit: 3).answers.first
        #expect(place?.sentence.contains("operating in Tessaly") == true, "\(String(describing: place))")
        #expect(place?.shortAnswer == "Tessaly")
    }

    @Test func aDerivedWordFindsItsBase() async throws {
        try await cache.add(["front.txt": Self.front, "harbour.txt": Self.harbour])
        let answer = try await cache.engine.ask("Who leads the Korrin Front?", limit: 3).answers.first
        #expect(answer?.sentence.contains("leader Tomas Brell") == true, "\(String(describing: answer))")
        #expect(answer?.shortAnswer == "Tomas Brell")
    }

    @Test func digitsFindNumberWords() async throws {
        try await cache.add(["front.txt": Self.front, "harbour.txt": Self.harbour])
        let answer = try await cache.engine.ask("When will the 3 ferries be added?", limit: 3).answers.first
        #expect(answer?.sentence.contains("three ferries") == true, "\(String(describing: answer))")
        #expect(answer?.shortAnswer == "next year")
    }

    @Test func aStatementShapedQuestionIsAnsweredWithWhatFillsIt() async throws {
        try await cache.add(["front.txt": Self.front, "harbour.txt": Self.harbour])
        let answer = try await cache.engine.ask("Telnet was sold to", limit: 3).answers.first
        #expect(answer?.sentence.contains("Ganmore Holdings") == true, "\(String(describing: answer))")
        #expect(answer?.shortAnswer == "Ganmore Holdings")
    }

    @Test func threeAnswersComeFromThreePlacesUnlessOnePlaceSaysItClearlyBetter() {
        let question = Question("Why do rivers flood?")
        let ranker = AnswerRanker(
            question: question, weights: Dictionary(uniqueKeysWithValues: question.terms.map { ($0, 1.0) }),
            questionEntities: [:])
        func candidate(_ text: String, id: Int64, paragraph: Int64) -> AnswerCandidate {
            AnswerCandidate(
                sentenceID: id, documentID: 1, sectionID: 1, paragraphID: paragraph, ordinal: Int(id),
                positionInSection: 3, text: text, heading: nil, paragraph: text, previous: nil, title: "",
                relevance: 1, entities: [:], hasDate: false)
        }
        let ranked = ranker.rank([
            candidate("Rivers flood because heavy rain raises them.", id: 1, paragraph: 1),
            candidate("Rivers flood because snow melts in spring.", id: 2, paragraph: 1),
            candidate("Rivers flood because the ground is frozen.", id: 3, paragraph: 2),
        ])
        #expect(ranked.map(\.candidate.sentenceID) == [1, 3, 2])
        #expect(ranker.rank([candidate("Lakes are deep.", id: 4, paragraph: 3)]).isEmpty)
    }
}

/// Words that stand for one another when a question is matched.
@Suite struct WordFamilyTests {
    @Test(arguments: [
        ("leader", "lead"), ("lead", "leader"), ("leadership", "lead"), ("founder", "found"), ("writer", "write"),
        ("3", "three"), ("three", "3"), ("3rd", "third"), ("want", "seek"),
    ])
    func relatives(term: String, relative: String) {
        let stem = { (word: String) in
            word.allSatisfy(\.isNumber) || word.hasSuffix("rd") ? word : PorterStemmer.stem(word)
        }
        #expect(
            WordFamily.relatives(of: stem(term)).contains(stem(relative)), "\(WordFamily.relatives(of: stem(term)))")
    }

    @Test func aRelatedWordIsWeakerEvidenceThanTheWord() {
        let when = AnswerRanker(
            question: Question("When did the guild lead the march?"), weights: [:], questionEntities: [:],
            relatives: ["lead": ["leader"]])
        #expect(when.match(["lead"], "lead") == 1)
        #expect(when.match(["leader"], "lead") == AnswerRanker.relatedMatch)
        #expect(when.match(["guild"], "lead") == 0)
        // Except the one who does it, for a who-question: "guild leader Ann Forde".
        let who = AnswerRanker(
            question: Question("Who leads the guild?"), weights: [:], questionEntities: [:],
            relatives: ["lead": ["leader"]])
        #expect(who.match(["leader"], "lead") == 1)
    }
}

/// The words that answer a question when no name, date or number does.
@Suite struct PhraseTests {
    @Test(
        arguments: [
            ("What is the weakest interaction?", "The weakest interaction is gravity.", "gravity"),
            (
                "What method is used to allocate seats?", "Seats are allocated using the d'Hondt method.",
                "d'Hondt method"
            ),
            (
                "Telnet was sold to", "In 1979 Telnet was sold to Ganmore Holdings, which kept its name.",
                "Ganmore Holdings"
            ),
            ("___ was the first keeper of the lighthouse", "Maria Keane was the first keeper of it.", "Maria Keane"),
            (
                "Although not a fuel, ___ is burned in lamps", "Although not a fuel, whale oil is burned in lamps.",
                "whale oil"
            ),
        ] as [(String, String, String?)])
    func theOpenWordsAnswer(question: String, sentence: String, expected: String?) {
        #expect(Phrase.nearest(in: sentence, to: Question(question), relatives: [:]) == expected)
    }
}
