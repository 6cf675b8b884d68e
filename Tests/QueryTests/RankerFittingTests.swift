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
                candidates: (0..<5).map { candidate(Int64(number * 10 + $0)) },
                features: RankingFeatures.comparing(features), holdsAnswer: (0..<5).map { $0 == answering },
                answerable: true)
        }
    }

    /// Fewer trees than the fitter grows: enough to fit these questions, quick in a debug build.
    static let boosting = TreeBoosting.Settings(rounds: 20)

    @Test func fittedWeightsRankTheAnsweringSentencesFirst() {
        let questions = Self.questions(count: 150)
        let model = RankerFitting.model(questions, boosting: Self.boosting)
        #expect(model.weights.overlap > 1)
        #expect(model.weights.answerKind > 1)
        #expect(abs(model.weights.relevance) < model.weights.overlap / 3)
        let figures = RankerFitting.figures(of: model, on: questions)
        #expect(Double(figures.atOne) / Double(figures.questions) > 0.85)
        // Fitted on two groups, asked the third: as good on questions it never saw.
        let heldOut = RankerFitting.crossValidated(questions, boosting: Self.boosting)
        #expect(heldOut.questions == 150)
        #expect(Double(heldOut.atOne) / Double(heldOut.questions) > 0.8)
    }

    @Test func theSameDataGivesTheSameWeights() throws {
        let first = RankerFitting.model(Self.questions(count: 120), boosting: Self.boosting)
        let second = RankerFitting.model(Self.questions(count: 120), boosting: Self.boosting)
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
                    features: RankingFeatures.comparing((0..<3).map { _ in RankingFeatures(overlap: 0.05) }),
                    holdsAnswer: [false, false, false], answerable: false))
        }
        let model = RankerFitting.model(questions, boosting: Self.boosting)
        let figures = RankerFitting.figures(of: model, on: questions)
        #expect(figures.silent <= 2)
        #expect(figures.declined == 10)
        #expect(model.floor < model.threshold)
    }

    /// Lists in which the answer is the sentence with the most of the question's words and of
    /// its passage's, each taken as a share of the most any sentence of its list holds, while
    /// those most differ from list to list.
    static func comparedQuestions(count: Int) -> [RankerFitting.LabelledQuestion] {
        var generator = SeededNumbers(seed: 5)
        return (0..<count).map { number in
            let (mostWords, mostPassage) = (exp(-3 * generator.unit()), exp(-3 * generator.unit()))
            let features = RankingFeatures.comparing(
                (0..<5).map { _ in
                    RankingFeatures(overlap: mostWords * generator.unit(), inContext: mostPassage * generator.unit())
                })
            let shares = features.map { $0.overlapShare + $0.contextShare }
            let answering = shares.indices.max { shares[$0] < shares[$1] }!
            return RankerFitting.LabelledQuestion(
                group: "g\(number % 3)", text: "question \(number)",
                candidates: (0..<5).map { candidate(Int64(number * 10 + $0)) }, features: features,
                holdsAnswer: (0..<5).map { $0 == answering }, answerable: true)
        }
    }

    @Test func onlyTheModelThatRanksComparesSentences() throws {
        let questions = Self.comparedQuestions(count: 150)
        let model = RankerFitting.model(questions, boosting: TreeBoosting.Settings(rounds: 30))
        let absolute = try #require(model.absolute)
        #expect(model.trees.count == 30 && absolute.trees.count == 30)
        // The model that says whether anything answers reads each sentence by itself.
        let comparing = Set(
            RankingFeatures.fields.indices.filter { index in
                RankingFeatures.comparisons.contains { $0.share == RankingFeatures.fields[index].value }
            })
        #expect(comparing.count == RankingFeatures.comparisons.count)
        #expect(absolute.trees.allSatisfy { $0.feature.allSatisfy { !comparing.contains($0) } })
        #expect(absolute.weights.values.enumerated().allSatisfy { !comparing.contains($0.offset) || $0.element == 0 })
        #expect(model.trees.contains { $0.feature.contains { comparing.contains($0) } })
        func atOne(_ model: RankerWeights) -> Double {
            let figures = RankerFitting.figures(of: model, on: questions)
            return Double(figures.atOne) / Double(figures.questions)
        }
        let alone = RankerWeights(
            bias: absolute.bias, weights: absolute.weights, trees: absolute.trees, threshold: model.threshold,
            floor: model.floor, absolute: absolute)
        #expect(atOne(model) > 0.95)
        #expect(atOne(model) >= atOne(alone))
    }

    @Test func sharesAreOfTheMostInTheListAndNeverSayWhetherAnythingAnswers() {
        let features = RankingFeatures.comparing([
            RankingFeatures(overlap: 0.2, inSentence: 0, inContext: 0.5),
            RankingFeatures(overlap: 0.4, inSentence: 0, inContext: 0.25),
        ])
        #expect(features.map(\.overlapShare) == [0.5, 1])
        #expect(features.map(\.inSentenceShare) == [0, 0])
        #expect(features.map(\.contextShare) == [1, 0.5])
        #expect(features[1].alone == RankingFeatures(overlap: 0.4, inSentence: 0, inContext: 0.25))
        // Of the question's words, also the share among the sentences of the kind asked for.
        let typed = RankingFeatures.comparing([
            RankingFeatures(overlap: 0.8), RankingFeatures(overlap: 0.4, answerKind: 1),
            RankingFeatures(overlap: 0.2, answerKind: 1),
        ])
        #expect(typed.map(\.kindOverlapShare) == [0, 1, 0.5])
        #expect(typed.map(\.overlapShare) == [1, 0.5, 0.25])
        // Ranked by how it compares; whether it answers by what it holds.
        let model = RankerWeights(
            bias: -1, weights: RankingFeatures(overlapShare: 2), threshold: 0.5, floor: 0.3,
            absolute: SentenceModel(bias: -1, weights: RankingFeatures(overlap: 2, overlapShare: 5)))
        #expect(model.confidence(features[1]) > model.confidence(features[0]))
        #expect(abs(model.answering(features) - 1 / (1 + exp(1 - 0.8))) < 1e-12)
        #expect(model.answering(features) == model.answering([features[1].alone]))
    }

    @Test func aModelFileMayHoldTheModelThatSaysWhetherAnythingAnswers() throws {
        let model = RankerWeights(bias: -1, weights: RankingFeatures(overlap: 2), threshold: 0.5, floor: 0.3)
        // Without one, the chance that the best answers is its confidence.
        let best = RankingFeatures(overlap: 0.7)
        #expect(model.answering([RankingFeatures(overlap: 0.1), best]) == model.confidence(best))
        #expect(model.answering([]) == 0)
        var both = model
        both.absolute = SentenceModel(
            bias: 0.5, weights: RankingFeatures(inContext: 1), trees: [RegressionTree(value: 1)])
        for model in [model, both] {
            #expect(try JSONDecoder().decode(RankerWeights.self, from: JSONEncoder().encode(model)) == model)
        }
        // Its trees are checked as the ranking model's are.
        var object = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(both)) as? [String: Any])
        var absolute = try #require(object["absolute"] as? [String: Any])
        absolute["trees"] = [
            [
                "feature": [99, -1, -1], "threshold": [0, 0, 0], "left": [1, 0, 0], "right": [2, 0, 0],
                "value": [0, 0, 0],
            ]
        ]
        object["absolute"] = absolute
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RankerWeights.self, from: JSONSerialization.data(withJSONObject: object))
        }
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
