import Foundation
import Ingest
import Testing

@testable import Query
@testable import Store

/// The phrases a short answer is chosen among, what the chooser reads of them, and its weights:
/// the shipped tagger reads the sentences, as dossierd does.
@Suite struct AnswerPhraseTests {
    func phrases(_ question: String, _ sentence: String, spans: [AnswerSpan] = []) throws -> [(
        phrase: AnswerPhrase, features: PhraseFeatures
    )] {
        let tagger = try #require(TaggedShortAnswerTests.tagger)
        return ShortAnswer.phrases(
            ShortAnswerTests.candidate(sentence, spans), for: Question(question, tagger: tagger), questionEntities: [],
            relatives: [:], tagger: tagger)
    }

    /// The phrase of `found` with `text`, which must be among them.
    func phrase(_ text: String, in found: [(phrase: AnswerPhrase, features: PhraseFeatures)]) throws -> (
        phrase: AnswerPhrase, features: PhraseFeatures
    ) {
        try #require(found.first { $0.phrase.text == text })
    }

    func texts(_ question: String, _ sentence: String, spans: [AnswerSpan] = []) throws -> [String] {
        try phrases(question, sentence, spans: spans).map(\.phrase.text)
    }

    @Test func onlyPhrasesOfTheKindAskedFor() throws {
        let sentence = "The lighthouse was designed by Alan Stevenson in 1811 for King George."
        let spans = [AnswerSpan(kind: .entity("person", id: 7), text: "Alan Stevenson")]
        let who = try texts("Who designed the lighthouse?", sentence, spans: spans)
        #expect(who.first == "Alan Stevenson")
        #expect(who.contains("King George"))
        #expect(!who.contains("1811"))
        #expect(try texts("When was the lighthouse designed?", sentence) == ["1811"])
        #expect(try texts("How many lighthouses were designed?", sentence) == ["1811"])
        // A reason is no phrase at all.
        #expect(try texts("Why was the lighthouse designed?", sentence).isEmpty)
        // What: any phrase the question does not say.
        let what = try texts("What did Alan Stevenson design?", sentence)
        #expect(what.contains("King George"))
        #expect(!what.contains("Alan Stevenson"))
    }

    @Test func aDateIsNoNameThoughItsMonthIsAProperNoun() throws {
        let sentence = "Colonel Monckton captured the fort in June 1755."
        let spans = [AnswerSpan(kind: .date, text: "June 1755")]
        let who = try texts("Who captured the fort?", sentence, spans: spans)
        #expect(who.contains("Colonel Monckton"))
        #expect(!who.contains("June 1755"))
        #expect(!who.contains("June"))
        #expect(try texts("When was the fort captured?", sentence, spans: spans).contains("June 1755"))
    }

    @Test func phrasesComeWithTheirArticleAndJoinedByAndOrOr() throws {
        let debates = try texts(
            "What members typically open debates?", "Ministers or party leaders typically open the debates.")
        #expect(debates.contains("Ministers"))
        #expect(debates.contains("party leaders"))
        #expect(debates.contains("Ministers or party leaders"))
        let report = try texts(
            "What contains a verbatim transcript?", "The Official Report contains a verbatim transcript of debates.")
        #expect(report.contains("Official Report"))
        #expect(report.contains("The Official Report"))
    }

    @Test func aNameTheQuestionSaysInOtherWordsIsNoAnswer() throws {
        let tagger = try #require(TaggedShortAnswerTests.tagger)
        // The question says "the SP"; the sentence names the same entity in full.
        let sentence = "Members of the police are disqualified from sitting in the Scottish Parliament."
        let spans = [AnswerSpan(kind: .entity("organisation", id: 3), text: "Scottish Parliament")]
        let question = Question(
            "Members of which organisation are disqualified from sitting in the SP?", tagger: tagger)
        let candidate = ShortAnswerTests.candidate(sentence, spans)
        let offered = ShortAnswer.phrases(
            candidate, for: question, questionEntities: [3], relatives: [:], tagger: tagger
        ).map(\.phrase.text)
        #expect(offered.contains("police"))
        #expect(!offered.contains("Scottish Parliament") && !offered.contains("the Scottish Parliament"))
        #expect(
            ShortAnswer.of(candidate, for: question, questionEntities: [3], tagger: tagger) != "Scottish Parliament")
        // Another entity of the same words is an answer.
        let other = ShortAnswer.phrases(
            candidate, for: question, questionEntities: [4], relatives: [:], tagger: tagger
        ).map(\.phrase.text)
        #expect(other.contains("Scottish Parliament"))
    }

    @Test func thePhrasesNestedInANounPhraseAreOffered() throws {
        // Each shorter phrase that ends where the noun phrase ends, none opening on "and".
        let concept = try phrases("What explains the drift?", "The drift is explained by the concept plate tectonics.")
        let texts = concept.map(\.phrase.text)
        #expect(texts.contains("concept plate tectonics"))
        #expect(texts.contains("plate tectonics"))
        #expect(texts.contains("tectonics"))
        #expect(try phrase("plate tectonics", in: concept).phrase.sources.contains(.tail))
        let lakes = try self.texts(
            "What does the lake separate?", "The lake separates the hills of Bavaria and Tyrol from the plain.")
        #expect(!lakes.contains { $0.hasPrefix("and ") || $0.hasPrefix("of ") })
    }

    @Test func noPhraseOpensOnAWordThatJoinsOthers() throws {
        // The name "Leibniz and Euler" without the word the question says is "Euler", not "and Euler".
        let proved = try texts(
            "Besides Leibniz, what other mathematician proved the theorem?",
            "The theorem was proved by Leibniz and Euler.")
        #expect(proved.contains("Euler"))
        #expect(!proved.contains { $0.hasPrefix("and ") })
    }

    @Test func aPhraseWithWhatIsSaidOfItComesWithItsArticle() throws {
        let inspired = try texts(
            "What inspired the composer?", "The composer was inspired by the movements of nature.")
        #expect(inspired.contains("movements of nature"))
        #expect(inspired.contains("the movements of nature"))
    }

    @Test func wordsJoinedByADashAreOnePhrase() throws {
        let test = try phrases(
            "What test did the paper describe?", "The paper described the Miller–Rabin primality test.")
        let named = try phrase("Miller–Rabin primality test", in: test)
        #expect(named.phrase.sources.contains(.nounPhrase))
        #expect(!test.contains { $0.phrase.text.hasPrefix("–") || $0.phrase.text.hasPrefix("Rabin") })
    }

    @Test func aPhraseIsWhereItsWordsWereRead() throws {
        // The same words twice: each phrase keeps its own place, and is read there: the words
        // just before the second are all words the question says.
        let found = try phrases(
            "What did the second report recommend?",
            "The first report recommended new bridges, and the second report recommended new bridges.")
        let bridges = found.filter { $0.phrase.text == "new bridges" }
        #expect(bridges.map(\.phrase.range.lowerBound) == [4, 12])
        let before = try #require(PhraseFeatures.names.firstIndex(of: "askedJustBefore"))
        #expect(bridges.map { $0.features.values[before] } == [2.0 / 3, 1])
    }

    @Test func everySourceIsABitOfItsOwn() {
        let sources: [AnswerPhrase.Sources] = [
            .rules, .person, .organisation, .place, .otherName, .date, .quantity, .number, .nounPhrase, .complement,
            .cued, .naming, .determined, .coordinated, .tail, .part, .adjective, .numberRange, .verbPhrase,
        ]
        #expect(sources.allSatisfy { $0.rawValue.nonzeroBitCount == 1 })
        #expect(Set(sources.map(\.rawValue)).count == sources.count)
    }

    @Test func aNounPhrasesCommonAndProperWordsAndWhatComesBeforeTheWordsAskedAreOffered() throws {
        let historian = try phrases(
            "What profession was John Gallagher?", "The historian John Gallagher wrote the essay in 1953.")
        #expect(try phrase("historian", in: historian).phrase.sources.contains(.part))
        let painter = try texts(
            "What nationality is the painter Maria Lopez?", "The Portuguese painter Maria Lopez opened a studio.")
        #expect(painter.contains("Portuguese"))
        let prize = try texts("What was the prize for the winner?", "The winner received a US$50,000 prize.")
        #expect(prize.contains("US$50,000"))
    }

    @Test func adjectivesAndRangesOfNumbersAreOffered() throws {
        let winters = try phrases(
            "What are the winters like in the valley?", "In the valley, winters are long and harsh.")
        let run = try phrase("long and harsh", in: winters)
        #expect(run.phrase.sources.contains(.adjective))
        let adjective = try #require(PhraseFeatures.names.firstIndex(of: "adjective"))
        #expect(run.features.values[adjective] == 1)
        #expect(
            winters.filter { $0.features.values[adjective] == 1 }.allSatisfy { $0.phrase.sources.contains(.adjective) })
        // Only words the question does not say.
        #expect(!winters.contains { $0.phrase.text == "valley" && $0.phrase.sources.contains(.adjective) })
        let visitors = try texts("How many visitors came each year?", "Each year 12 to 15 million visitors came.")
        #expect(visitors.contains("12 to 15 million"))
    }

    @Test func whatAVerbTheQuestionDoesNotSayDoesIsOfferedForWhat() throws {
        let warning = try phrases(
            "What was the mayor's response to the council?", "The mayor ignored the warning of the council.")
        let ignored = try phrase("ignored the warning", in: warning)
        #expect(ignored.phrase.sources.contains(.verbPhrase))
        let travel = try texts(
            "What did the envoy do after the talks?", "After the talks the envoy returned to Lisbon.")
        #expect(travel.contains("returned to Lisbon"))
        // Not for a question that asks for another kind, nor a verb the question says.
        #expect(
            try !texts("When did the envoy return to Lisbon?", "The envoy returned to Lisbon in 1990.").contains {
                $0.hasPrefix("returned")
            })
        #expect(
            try !texts("What did the envoy return to?", "The envoy returned to Lisbon.").contains {
                $0.hasPrefix("returned")
            })
    }

    @Test func aNameMayEndInANumber() throws {
        let opened = try texts("Who opened the bridge?", "The bridge was opened by Queen Elizabeth II in 1964.")
        #expect(opened.contains("Queen Elizabeth II"))
    }

    @Test func theWordsAroundTheQuestionWordAreReadAndFoundAroundThePhrase() throws {
        let tagger = try #require(TaggedShortAnswerTests.tagger)
        let between = QuestionFrame(
            Question("Lake Geneva lies between Switzerland and what other country?", tagger: tagger))
        #expect(between.before == "and")
        let nationality = QuestionFrame(Question("What nationality is the architect Enric Miralles?", tagger: tagger))
        #expect(nationality.before == nil)
        #expect(nationality.after == TermExtractor.term("architect"))
        let designed = try phrases(
            "Who designed the lighthouse?", "Alan Stevenson designed the lighthouse in 1811 for King George.")
        func value(_ name: String, of text: String) throws -> Double? {
            let index = try #require(PhraseFeatures.names.firstIndex(of: name))
            return try phrase(text, in: designed).features.values[index]
        }
        #expect(try value("framedAfter", of: "Alan Stevenson") == 1)
        #expect(try value("framedAfter", of: "King George") == 0)
        let country = try phrases(
            "Lake Geneva lies between Switzerland and what other country?",
            "Lake Geneva lies between Switzerland and France.")
        let index = try #require(PhraseFeatures.names.firstIndex(of: "framedBefore"))
        #expect(try phrase("France", in: country).features.values[index] == 1)
    }

    @Test func aPhraseOfferedTwiceIsOnePhraseWithBothSources() throws {
        let found = try phrases(
            "When was the abbey founded?", "The abbey was founded in 1132 by monks.",
            spans: [AnswerSpan(kind: .date, text: "1132")])
        #expect(found.count == 1)
        let sources = try #require(found.first?.phrase.sources)
        #expect(sources.contains(.rules) && sources.contains(.date) && sources.contains(.nounPhrase))
    }

    @Test func featuresAreNamedOnceAndLieBetweenZeroAndOne() throws {
        #expect(Set(PhraseFeatures.names).count == PhraseFeatures.count)
        let found = try phrases(
            "What did the engineers find in the bridge (its pillar)?",
            "The engineers found deep cracks, and rust, in the bridge's eastern pillar (built in 1890).")
        #expect(found.count > 2)
        for (_, features) in found {
            #expect(features.values.count == PhraseFeatures.count)
            #expect(features.values.allSatisfy { (0...1).contains($0) })
        }
        // Exactly one phrase, or several as near, is the nearest to the question's words.
        #expect(found.contains { $0.features.values[PhraseFeatures.names.firstIndex(of: "nearest")!] == 1 })
    }

    @Test func weightsOfZeroGiveTheRulesChoice() throws {
        let tagger = try #require(TaggedShortAnswerTests.tagger)
        let zero = PhraseWeights(weights: Array(repeating: 0, count: PhraseFeatures.count))
        for (question, sentence) in [
            ("What did the engineers find in the bridge?", "The engineers found deep cracks in the bridge's pillar."),
            ("Who designed the lighthouse?", "The lighthouse was designed by Alan Stevenson in 1811."),
            ("When was the abbey founded?", "The abbey was founded in the 12th century by monks."),
        ] {
            let candidate = ShortAnswerTests.candidate(sentence, [])
            let asked = Question(question, tagger: tagger)
            let rules = ShortAnswer.rules(
                ShortAnswer.Reading(candidate, question: asked, questionEntities: [], relatives: [:], tagger: tagger))
            #expect(rules != nil)
            #expect(ShortAnswer.of(candidate, for: asked, questionEntities: [], tagger: tagger, model: zero) == rules)
        }
    }

    @Test func weightsChooseThePhraseTheirFeaturesFavour() throws {
        let tagger = try #require(TaggedShortAnswerTests.tagger)
        var weights = Array(repeating: 0.0, count: PhraseFeatures.count)
        weights[try #require(PhraseFeatures.names.firstIndex(of: "determined"))] = 1
        let candidate = ShortAnswerTests.candidate("The Official Report contains a verbatim transcript of debates.", [])
        let question = Question("What contains a verbatim transcript?", tagger: tagger)
        #expect(
            ShortAnswer.of(
                candidate, for: question, questionEntities: [], tagger: tagger, model: PhraseWeights(weights: weights))
                == "The Official Report")
    }

    @Test func weightsAreWrittenByNameAndAnUnknownNameIsAnError() throws {
        var weights = Array(repeating: 0.0, count: PhraseFeatures.count)
        weights[3] = 0.25
        weights[PhraseFeatures.count - 1] = -1.5
        let model = PhraseWeights(weights: weights)
        let data = try JSONEncoder().encode(model)
        #expect(try JSONDecoder().decode(PhraseWeights.self, from: data) == model)
        // A feature the file leaves out weighs nothing.
        let partial = try JSONDecoder().decode(
            PhraseWeights.self, from: Data(#"{"weights": {"nearness": 2}}"#.utf8))
        #expect(partial.weights.filter { $0 != 0 } == [2])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(PhraseWeights.self, from: Data(#"{"weights": {"no such feature": 1}}"#.utf8))
        }
        // Trees are written beside the weights, and one that cannot be walked is an error.
        let split = RegressionTree(
            feature: [3, -1, -1], threshold: [0.5, 0, 0], left: [1, 0, 0], right: [2, 0, 0], value: [0, -1, 2])
        let withTrees = PhraseWeights(weights: weights, trees: [split, RegressionTree(value: 0.5)])
        #expect(try JSONDecoder().decode(PhraseWeights.self, from: JSONEncoder().encode(withTrees)) == withTrees)
        var past = split
        past.feature[0] = PhraseFeatures.count
        for broken in [past, RegressionTree(feature: [0], threshold: [0.5], left: [0], right: [0], value: [0])] {
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(
                    PhraseWeights.self, from: JSONEncoder().encode(PhraseWeights(weights: weights, trees: [broken])))
            }
        }
        // The trees count in the score: a phrase whose fourth feature is above a half gains 3.
        var high = Array(repeating: 0.0, count: PhraseFeatures.count)
        high[3] = 1
        let low = Array(repeating: 0.0, count: PhraseFeatures.count)
        #expect(withTrees.best(of: [PhraseFeatures(values: low), PhraseFeatures(values: high)]) == 1)
        #expect(withTrees.score(PhraseFeatures(values: high)) - withTrees.score(PhraseFeatures(values: low)) == 3.25)
    }

    @Test func theShippedWeightsAreCompiledIn() {
        #expect(PhraseWeights.shipped.weights.count == PhraseFeatures.count)
        #expect(PhraseWeights.shipped.weights.contains { $0 != 0 })
        #expect(!PhraseWeights.shipped.trees.isEmpty)
    }
}

/// Fitting the short-answer chooser: weights that choose the right phrase, the same from the same data.
@Suite struct PhraseFittingTests {
    /// Questions whose right phrase is the one nearest the question's words (`nearness`) and of
    /// the kind asked for, among phrases with noise in their length: the weights must learn the
    /// first two and not the third.
    static func questions(count: Int) -> [PhraseFitting.LabelledQuestion] {
        var generator = SeededNumbers(seed: 5)
        let names = PhraseFeatures.names
        let nearness = names.firstIndex(of: "nearness")!
        let kind = names.firstIndex(of: "kindMatch")!
        let oneWord = names.firstIndex(of: "oneWord")!
        return (0..<count).map { number in
            let right = Int(generator.next() % 4)
            var phrases: [PhraseFeatures] = []
            for index in 0..<4 {
                var values = Array(repeating: 0.0, count: names.count)
                values[nearness] = (index == right ? 0.5 : 0.1) + generator.unit() * 0.5
                values[kind] = index == right || generator.unit() < 0.3 ? 1 : 0
                values[oneWord] = generator.unit() < 0.5 ? 1 : 0
                phrases.append(PhraseFeatures(values: values))
            }
            let sentence = PhraseFitting.LabelledSentence(phrases: phrases, right: (0..<4).map { $0 == right })
            return PhraseFitting.LabelledQuestion(group: "g\(number % 3)", first: sentence, holding: sentence)
        }
    }

    @Test func fittedWeightsChooseTheRightPhrase() {
        let questions = Self.questions(count: 240)
        let model = PhraseFitting.fit(questions)
        let names = PhraseFeatures.names
        let weight = { (name: String) in model.weights[names.firstIndex(of: name)!] }
        #expect(weight("nearness") > 1)
        #expect(weight("kindMatch") > 1)
        #expect(abs(weight("oneWord")) < weight("nearness") / 3)
        let figures = PhraseFitting.figures(of: model, on: questions)
        #expect(figures.questions == 240 && figures.reachable == 240)
        #expect(Double(figures.right) / 240 > 0.85)
        let heldOut = PhraseFitting.crossValidated(questions)
        #expect(heldOut.questions == 240)
        #expect(Double(heldOut.right) / 240 > 0.8)
        // With weights of zero, the first phrase offered: right a quarter of the time here.
        let zero = PhraseFitting.figures(
            of: PhraseWeights(weights: Array(repeating: 0, count: names.count)), on: questions)
        #expect(zero.right < figures.right / 2)
    }

    @Test func aQuestionWithoutAnswerOrRightPhraseCountsAsWrong() {
        var questions = Self.questions(count: 10)
        questions[0].first = nil
        questions[1].first?.right = Array(repeating: false, count: 4)
        let figures = PhraseFitting.figures(of: PhraseFitting.fit(Self.questions(count: 120)), on: questions)
        #expect(figures.questions == 10)
        #expect(figures.reachable == 8)
        #expect(figures.right <= 8)
    }

    @Test func theSameDataGivesTheSameWeights() throws {
        let first = PhraseFitting.fit(Self.questions(count: 90))
        let second = PhraseFitting.fit(Self.questions(count: 90))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(first) == encoder.encode(second))
    }
}

/// Whether a question asks for who or what does something, read with the shipped tagger.
@Suite struct QuestionSubjectTests {
    @Test(
        arguments: [
            ("What stretched across middle Europe in the last ice age?", true),
            ("Which troops attacked Fort William Henry?", true),
            ("Who has led the party since 2010?", true),
            ("What was invented in 1900?", true),
            ("What did Shirley leave at Oswego?", false),
            ("Who did the council appoint?", false),
            ("What is the name of the old branch?", nil),
            ("Where does the river end?", nil),
        ] as [(String, Bool?)])
    func theWordsAfterTheQuestionWordSay(question: String, subject: Bool?) throws {
        let tagger = try #require(TaggedShortAnswerTests.tagger)
        #expect(Question(question, tagger: tagger).asksForSubject == subject)
    }
}
