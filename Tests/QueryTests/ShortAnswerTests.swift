import Foundation
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

/// Short answers read from the shipped tagger's phrases, where no recognised name, date or
/// quantity answers: a phrase of the kind asked for, or none.
@Suite struct TaggedShortAnswerTests {
    static let tagger: PartOfSpeechTagger? = {
        let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/DossierService/Resources/Tagger/english-ewt.tagger")
        return (try? Data(contentsOf: model)).flatMap { try? TaggerModelFile.decode(Array($0)) }
    }()

    func answer(_ question: String, _ sentence: String, spans: [AnswerSpan] = []) throws -> String? {
        let tagger = try #require(Self.tagger)
        return ShortAnswer.of(
            ShortAnswerTests.candidate(sentence, spans), for: Question(question), questionEntities: [], tagger: tagger)
    }

    @Test func whatAsksForTheNounPhraseNextToItsWords() throws {
        #expect(
            try answer(
                "What did the engineers find in the bridge?",
                "The engineers found deep cracks in the bridge's eastern pillar.") == "deep cracks")
        let called = try answer(
            "What is the most basic method of checking primality called?",
            "The most basic method of checking the primality of a given integer is called trial division.")
        #expect(called == "trial division")
    }

    @Test func whoWithoutARecognisedNameTakesAProperNounPhraseOrNothing() throws {
        #expect(
            try answer("Who designed the lighthouse?", "The lighthouse was designed by Alan Stevenson.")
                == "Alan Stevenson")
        // No name in the sentence: a common noun is the wrong kind of answer.
        #expect(try answer("Who designed the lighthouse?", "The lighthouse was designed by a young engineer.") == nil)
    }

    @Test func whenWithoutARecognisedDateTakesAYearOrACentury() throws {
        #expect(
            try answer("When was the abbey founded?", "The abbey was founded in the 12th century by monks.")
                == "12th century")
        #expect(try answer("When was the abbey founded?", "The abbey was founded by monks from France.") == nil)
    }

    @Test func whenTakesATimeWrittenAsHowLongAgoOrInAnEra() throws {
        #expect(
            try answer("When did the ice retreat?", "The ice retreated from the valley about 11,700 years ago.")
                == "11,700 years ago")
        #expect(
            try answer("When did the warming begin?", "Rapid warming and changes of vegetation began about 13,000 BP.")
                == "13,000 BP")
        #expect(
            try answer("When was the town founded?", "The Romans founded the town in 44 BC on the river's bank.")
                == "44 BC")
        #expect(
            try answer(
                "When did people settle the delta?", "People settled the delta around 3000 yr BP, the cores show.")
                == "3000 yr BP")
        // A basis point is no era.
        #expect(try answer("When did the bank raise its rate?", "The bank raised its rate by 25 bp.") == nil)
        // Years that are not how long ago are no date.
        #expect(
            try answer("When was the town founded?", "The town was founded by Romans who stayed for many years.") == nil
        )
    }

    @Test func aNameTheQuestionTypesWithoutItsAccentsIsSaidAndNoAnswer() throws {
        let tagger = try #require(Self.tagger)
        let sentence = "Colonel Monckton captured Fort Beauséjour in June 1755."
        for question in ["Who captured Fort Beausejour?", "Who captured Fort Beauséjour?"] {
            let tagged = TaggedSentence(sentence, tagger: tagger, question: Question(question), relatives: [:])
            let said = tagged.words.indices.filter { tagged.asked[$0] }.map { tagged.words[$0].text }
            #expect(said == ["captured", "Fort", "Beauséjour"], "\(question)")
        }
        let unaccented = TaggedSentence(
            "Monckton captured Fort Beausejour.", tagger: tagger, question: Question("Who took Beauséjour?"),
            relatives: [:])
        #expect(unaccented.asked == [false, false, false, true, false])
        // A recognised name the question writes without its accents is not its answer either.
        let place = AnswerSpan(kind: .entity("place", id: 7), text: "Fort Beauséjour")
        let person = AnswerSpan(kind: .entity("person", id: 8), text: "Colonel Monckton")
        let reading = ShortAnswer.Reading(
            ShortAnswerTests.candidate(sentence, [place, person]), question: Question("Who captured Fort Beausejour?"),
            questionEntities: [], relatives: [:], tagger: nil)
        #expect(reading.fresh.map(\.text) == ["Colonel Monckton"])
    }

    @Test func howManyTakesTheNumberOfWhatItCounts() throws {
        let counted = try answer(
            "How many otters live in the river?", "Scientists say twelve otters live in the river.")
        #expect(counted == "twelve")
        #expect(try answer("How many otters live in the river?", "Otters live in the river again.") == nil)
    }

    @Test func anOfPhraseBelongsToTheAnswerWhenItSaysSomethingNew() throws {
        #expect(
            try answer(
                "What theorem holds in such domains?",
                "In such domains the fundamental theorem of arithmetic still holds.")
                == "fundamental theorem of arithmetic")
        // The question already says what the "of" phrase says.
        #expect(
            try answer(
                "What aspects of numbers does the theory study?",
                "The theory studies the algebraic aspects of numbers.") == "algebraic aspects")
        // The noun asked about is not the answer: what it is said of is.
        #expect(
            try answer(
                "What profession did she pursue?", "She pursued the profession of journalism instead.")
                == "journalism")
    }

    @Test func whatTypeOfAsksForTheWordsThatSayWhichKind() throws {
        #expect(
            try answer("What type of sanctions did the council impose?", "The council imposed new economic sanctions.")
                == "new economic")
        // Of a name, or of a word joined by a hyphen, the whole phrase.
        #expect(
            try answer("What type of membership do pastors hold?", "Retired pastors hold Associate Membership.")
                == "Associate Membership")
        #expect(
            try answer("What kinds of sciences were these theories?", "These theories were pseudo-sciences.")
                == "pseudo-sciences")
    }

    @Test func aNameKeepsTheWordTheQuestionSays() throws {
        #expect(
            try answer("What lake does the river reach?", "The river then reaches Lake Constance near Bregenz.")
                == "Lake Constance")
    }

    @Test func aRecognisedSpanStillComesFirst() throws {
        let spans = [AnswerSpan(kind: .date, text: "14 March 1998")]
        #expect(
            try answer("When did the bridge open?", "The bridge opened on 14 March 1998 after a decade.", spans: spans)
                == "14 March 1998")
    }
}
