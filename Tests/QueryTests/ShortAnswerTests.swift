import Ingest
import Testing

@testable import Query
@testable import Store

/// The words that answer a question, from the names, dates and quantities of its sentence.
@Suite struct ShortAnswerTests {
    static func candidate(_ text: String, _ spans: [AnswerSpan]) -> AnswerCandidate {
        var candidate = AnswerCandidate(
            sentenceID: 1, documentID: 1, sectionID: 1, paragraphID: 1, ordinal: 0, positionInSection: 0, text: text,
            heading: nil, paragraph: text, previous: nil, title: "", relevance: 1, entities: [:], hasDate: false)
        candidate.spans = spans
        return candidate
    }

    static let sentence = candidate(
        "In 2015 former ISIS-K leader Omar Khorasani sent 2,000 fighters from Nangarhar to Kunar.",
        [
            AnswerSpan(kind: .entity("organisation", id: 1), text: "ISIS-K"),
            AnswerSpan(kind: .entity("person", id: 2), text: "Omar Khorasani"),
            AnswerSpan(kind: .entity("place", id: 3), text: "Kunar"),
            AnswerSpan(kind: .entity("place", id: 4), text: "Nangarhar"),
            AnswerSpan(kind: .date, text: "2015"),
            AnswerSpan(kind: .quantity(unit: "fighters"), text: "2,000 fighters"),
        ])

    @Test(arguments: [
        ("Who led ISIS-K?", "Omar Khorasani"),
        ("Where did the fighters come from?", "Nangarhar"),
        ("When did Khorasani send fighters?", "2015"),
        ("How many fighters did Khorasani send?", "2,000"),
    ])
    func theQuestionsKindPicksTheWords(question: String, expected: String) {
        #expect(ShortAnswer.of(Self.sentence, for: Question(question), questionEntities: [1]) == expected)
    }

    @Test func whatTheQuestionSaysIsNotItsAnswer() {
        // The person the question names is not who answers it.
        #expect(
            ShortAnswer.of(Self.sentence, for: Question("Who is Omar Khorasani?"), questionEntities: [2]) == "ISIS-K")
        #expect(
            ShortAnswer.of(Self.sentence, for: Question("Why did ISIS-K send fighters?"), questionEntities: [1]) == nil)
    }
}
