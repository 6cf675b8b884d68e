import Foundation
import Testing

@testable import Query
@testable import Store

/// Fitting the answer ranker: weights that rank the sentences holding the answer first, the same
/// from the same data, and a threshold that declines what nothing answers.
@Suite struct RankerFittingTests {
    static func candidate(_ id: Int64, paragraph: Int64? = nil) -> AnswerCandidate {
        AnswerCandidate(
            sentenceID: id, documentID: 1, sectionID: 1, paragraphID: paragraph ?? id, ordinal: 0,
            positionInSection: 0, text: "sentence \(id)", heading: nil, paragraph: "", previous: nil, title: "",
            relevance: 1, entities: [:], hasDate: false)
    }

    /// Questions whose answering sentence has more of the question's words (`overlap`) and the
    /// kind of answer asked for, among sentences with noise in `relevance`: the weights must
    /// learn that overlap and kind matter and relevance does not.
    static func questions(count: Int, group: (Int) -> String = { "g\($0 % 3)" }) -> [RankerFitting.LabelledQuestion] {
        var generator = SeededNumbers(seed: 11)
        return (0..<count).map { number in
            let answering = Int(generator.next() % 5)
            var features: [RankingFeatures] = []
            for index in 0..<5 {
                let right = index == answering
                features.append(
                    RankingFeatures(
                        overlap: (right ? 0.5 : 0.2) + generator.unit() * 0.4,
                        answerKind: right ? 1 : (generator.unit() < 0.3 ? 1 : 0),
                        relevance: generator.unit()))
            }
            return RankerFitting.LabelledQuestion(
                group: group(number), text: "question \(number)",
                candidates: (0..<5).map { candidate(Int64(number * 10 + $0)) }, features: features,
                holdsAnswer: (0..<5).map { $0 == answering }, answerable: true)
        }
    }

    @Test func fittedWeightsRankTheAnsweringSentencesFirst() {
        let questions = Self.questions(count: 300)
        let model = RankerFitting.model(questions)
        #expect(model.weights.overlap > 1)
        #expect(model.weights.answerKind > 1)
        #expect(abs(model.weights.relevance) < model.weights.overlap / 3)
        let figures = RankerFitting.figures(of: model, on: questions)
        #expect(Double(figures.atOne) / Double(figures.questions) > 0.85)
        // Fitted on two groups, asked the third: as good on questions it never saw.
        let heldOut = RankerFitting.crossValidated(questions)
        #expect(heldOut.questions == 300)
        #expect(Double(heldOut.atOne) / Double(heldOut.questions) > 0.8)
    }

    @Test func theSameDataGivesTheSameWeights() throws {
        let first = RankerFitting.model(Self.questions(count: 120))
        let second = RankerFitting.model(Self.questions(count: 120))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(try encoder.encode(first) == encoder.encode(second))
    }

    @Test func theThresholdSilencesFewAnswerableQuestionsAndDeclinesTheRest() {
        var questions = Self.questions(count: 200)
        // Questions nothing answers: every sentence has little of the question.
        for number in 0..<10 {
            questions.append(
                RankerFitting.LabelledQuestion(
                    group: "none", text: "unanswerable \(number)",
                    candidates: (0..<3).map { Self.candidate(Int64(10_000 + number * 10 + $0)) },
                    features: (0..<3).map { _ in RankingFeatures(overlap: 0.05) },
                    holdsAnswer: [false, false, false], answerable: false))
        }
        let model = RankerFitting.model(questions)
        let figures = RankerFitting.figures(of: model, on: questions)
        #expect(figures.silent <= 2)
        #expect(figures.declined == 10)
        #expect(model.floor < model.threshold)
    }

    @Test func theShippedWeightsAreCompiledIn() {
        let shipped = RankerWeights.shipped
        #expect(shipped.threshold > 0 && shipped.threshold < 1)
        #expect(shipped.floor > 0 && shipped.floor <= shipped.threshold)
        // More of the question's words in the sentence and its passage is better evidence.
        let weak = RankingFeatures(overlap: 0.2, inSentence: 0.2, inContext: 0.3)
        let strong = RankingFeatures(overlap: 0.9, inSentence: 0.9, inContext: 0.9)
        #expect(shipped.confidence(strong) > shipped.confidence(weak))
    }

    @Test func linearSystemsAreSolvedOrFoundSingular() throws {
        let x = try #require(RankerFitting.solve([[2, 1], [1, 3]], [3, 5]))
        #expect(abs(x[0] - 0.8) < 1e-12 && abs(x[1] - 1.4) < 1e-12)
        #expect(RankerFitting.solve([[1, 2], [2, 4]], [1, 2]) == nil)
    }
}

/// splitmix64, for test data that is the same in every run.
struct SeededNumbers {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
