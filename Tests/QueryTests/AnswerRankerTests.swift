import Testing

@testable import Query
@testable import Store

@Suite struct AnswerRankerTests {
    func candidate(
        _ text: String, id: Int64 = 1, paragraph: Int64 = 1, heading: String? = nil, position: Int = 3,
        entities: [Int64: String] = [:], hasDate: Bool = false, title: String = ""
    ) -> AnswerCandidate {
        AnswerCandidate(
            sentenceID: id, documentID: 1, sectionID: 1, paragraphID: paragraph, ordinal: position,
            positionInSection: position, text: text, heading: heading, paragraph: text, previous: nil, title: title,
            relevance: 1, entities: entities, hasDate: hasDate)
    }

    func ranker(_ question: String, entities: [Int64: Set<String>] = [:]) -> AnswerRanker {
        let question = Question(question)
        return AnswerRanker(
            question: question, weights: Dictionary(uniqueKeysWithValues: question.terms.map { ($0, 1.0) }),
            questionEntities: entities)
    }

    @Test func theKindOfAnswerAskedForCounts() {
        let when = ranker("When was the lighthouse built?")
        let dated = candidate("The lighthouse was built in 1867.", hasDate: true)
        let undated = candidate("The lighthouse was built of granite.", id: 2, paragraph: 2)
        #expect(when.typeMatch(dated) == 1 && when.typeMatch(undated) == 0)
        #expect(when.confidence(dated) > when.confidence(undated))

        let who = ranker("Who built the lighthouse?")
        #expect(who.typeMatch(candidate("Maria Keane built it.", entities: [7: "person"])) == 1)
        #expect(who.typeMatch(candidate("It was built long ago.")) == 0)
    }

    @Test func aQuantityOfTheThingAskedAboutBeatsAnotherQuantity() {
        let howMany = ranker("How many homes will the solar farm power?")
        #expect(howMany.question.counted == "home")
        var homes = candidate("It will supply 11,000 homes.")
        homes.numberUnits = ["homes"]
        var megawatts = candidate("It is a 40-megawatt farm.", id: 2, paragraph: 2)
        megawatts.numberUnits = ["megawatt"]
        #expect(howMany.typeMatch(homes) == 1)
        #expect(howMany.typeMatch(megawatts) < howMany.typeMatch(candidate("It has 40 of them.", id: 3)))
        #expect(howMany.typeMatch(candidate("It is large.", id: 4)) == 0)
        #expect(ranker("What percentage of voters turned out?").question.counted == "percent")
        // Without a counted thing, any number will do.
        #expect(ranker("How often do the trains run?").typeMatch(megawatts) == 1)
    }

    @Test func aMeasuringQuestionWantsAMeasure() {
        let howLong = ranker("How long is the Rhine?")
        #expect(howLong.question.measure == .time)
        var length = candidate("The Rhine is 1,230 km long.")
        length.numberUnits = ["km"]
        var century = candidate("Tribes crossed the Rhine in the 5th century.", id: 2, paragraph: 2)
        century.numberUnits = [""]
        #expect(howLong.typeMatch(length) == 1)
        #expect(howLong.typeMatch(century) < 1)
        #expect(ranker("How old is the bridge?").question.measure == .age)
        #expect(ranker("How many bridges are there?").question.measure == nil)
    }

    @Test func wordsCloseTogetherScoreHigher() {
        let asked = ranker("harbour council budget")
        let close = asked.proximity(["the", "harbour", "council", "budget", "pass"])
        let apart = asked.proximity(["harbour", "a", "b", "c", "d", "e", "council", "f", "g", "budget"])
        #expect(close == 1)
        #expect(apart < close && apart > 0)
    }

    @Test func aHeadingThatAsksTheQuestionLiftsTheSentenceUnderIt() {
        // The heading leaves out what the title says.
        let asked = ranker("Why is the Shannon Street bridge closing?")
        let title = "Shannon Street bridge to close for repairs"
        let answer = candidate(
            "Inspectors found corrosion in the steel supports.", heading: "Why is the bridge closing?", position: 0,
            title: title)
        let restatement = candidate(
            "The Shannon Street bridge will close on 4 May.", id: 2, paragraph: 2, heading: nil, position: 0,
            title: title)
        #expect(asked.confidence(answer) > asked.confidence(restatement))
    }

    @Test func nothingAboveTheThresholdMeansNoAnswer() {
        let asked = ranker("What is the capital of Mongolia?")
        #expect(asked.rank([candidate("Rivers carry water to the sea.")]).isEmpty)
        // The better sentence first.
        let flood = ranker("Why do rivers flood?")
        let ranked = flood.rank([
            candidate("Rivers are long.", id: 2),
            candidate("Rivers flood because heavy rain raises them.", id: 1),
        ])
        #expect(ranked.first?.candidate.sentenceID == 1)
    }

    @Test func aDefiningQuestionPrefersTheSentenceThatDefines() {
        let asked = ranker("What is the Korrin Front?", entities: [7: ["korrin front"]])
        #expect(asked.question.defined == "Korrin Front")
        var defining = candidate("Formed in 2011, this militant group is an offshoot of the Northern League.")
        defining.spans = [AnswerSpan(kind: .reference(id: 7), text: "this militant group")]
        defining.entities = [7: "organisation"]
        var naming = candidate("The Korrin Front and the Vale Union are rivals.", id: 2, paragraph: 2)
        naming.spans = [AnswerSpan(kind: .entity("organisation", id: 7), text: "Korrin Front")]
        naming.entities = [7: "organisation"]
        #expect(asked.defines(defining) && !asked.defines(naming))
        #expect(asked.confidence(defining) > asked.confidence(naming))
        #expect(ranker("What is the name of the river?").question.defined == nil)
    }

    @Test func aWhereQuestionWantsAPlaceThatSaysWhere() {
        let asked = ranker("Where does the Korrin Front operate?", entities: [7: ["korrin front"]])
        var placed = candidate("The group operates in Tessaly.", entities: [7: "organisation", 8: "place"])
        placed.spans = [AnswerSpan(kind: .entity("place", id: 8), text: "Tessaly")]
        var modifying = candidate("Tessaly forces fought the group.", id: 2, entities: [7: "organisation", 8: "place"])
        modifying.spans = [AnswerSpan(kind: .entity("place", id: 8), text: "Tessaly")]
        #expect(asked.typeMatch(placed) == 1)
        #expect(asked.typeMatch(modifying) < 1)
    }

    @Test func aRelatedNameCountsHalf() {
        // "ISIS" for "ISIS-K": related, not the same.
        let asked = AnswerRanker(
            question: Question("What does Korrin-K want?"), weights: [:], questionEntities: [7: ["korrin-k"]],
            relatedEntities: [7: [8]])
        #expect(asked.entityCoverage(candidate("Korrin-K wants war.", entities: [7: "organisation"])) == 1)
        #expect(asked.entityCoverage(candidate("Korrin wants war.", entities: [8: "organisation"])) == 0.5)
        #expect(QueryEngine.parentName("ISIS-K") == "ISIS")
        #expect(QueryEngine.parentName("Asia-Pacific") == nil)
    }
}
