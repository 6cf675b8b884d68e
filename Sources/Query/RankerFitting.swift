import Foundation
import Store

/// Fits the answer ranker's weights to questions whose answers are known, in three steps:
///
/// 1. the weights that rank each question's sentences, by a listwise loss (``ListwiseFitting``):
///    for each question, the share of a softmax over its candidates that falls on those holding
///    an answer, as high as can be;
/// 2. trees for what the weights leave (``TreeBoosting``), by the same loss;
/// 3. a scale and a bias that turn the ranking score into the chance that a sentence holds an
///    answer (logistic regression of the labels on the score, by Newton's method).
///
/// It fits two such models: one that ranks, and one that reads each sentence by itself, without
/// comparing it with the others (``RankingFeatures/alone``), and says whether the best answers.
/// Then the threshold below which nothing answers, for the second's chance of the best
/// sentence: the one that makes the fewest mistakes (an
/// answerable question left without answer, or an unanswerable one answered, each counting its
/// weight), of those that leave at most `allowedSilence` of the answerable questions without one;
/// of several as good, the highest.
public enum RankerFitting {
    /// One question: its candidate sentences, what the ranker reads of each, and which hold an
    /// answer. A question with no answers (`answerable` false) should get none.
    public struct LabelledQuestion: Sendable {
        public var group: String
        public var text: String
        public var candidates: [AnswerCandidate]
        public var features: [RankingFeatures]
        public var holdsAnswer: [Bool]
        public var answerable: Bool
        /// How much the question counts in the fit (questions of a small set may count more, so
        /// that each set counts as much as another).
        public var weight: Double

        public init(
            group: String, text: String, candidates: [AnswerCandidate], features: [RankingFeatures],
            holdsAnswer: [Bool], answerable: Bool, weight: Double = 1
        ) {
            self.weight = weight
            self.group = group
            self.text = text
            self.candidates = candidates
            self.features = features
            self.holdsAnswer = holdsAnswer
            self.answerable = answerable
        }
    }

    /// How a model does on questions, as the daemon would answer them (limit 3).
    public struct Figures: Sendable, Equatable, CustomStringConvertible {
        public var questions = 0
        public var atOne = 0
        public var atThree = 0
        public var silent = 0
        public var unanswerable = 0
        public var declined = 0

        public var description: String {
            func share(_ count: Int, _ total: Int) -> String {
                String(format: "%.3f", total == 0 ? 0 : Double(count) / Double(total))
            }
            return "answer@1 \(share(atOne, questions))  answer@3 \(share(atThree, questions))  "
                + "no answer \(share(silent, questions))  (\(questions) questions; "
                + "\(declined) of \(unanswerable) unanswerable declined)"
        }
    }

    /// The model (bias, one weight a feature, trees) that fits `questions`, its threshold and
    /// floor not yet set, with the model that reads each sentence by itself beside it.
    public static func fit(
        _ questions: [LabelledQuestion], penalty: Double = 0.001, steps: Int = 3000,
        boosting: TreeBoosting.Settings = .init()
    ) -> RankerWeights {
        let ranking = fit(questions, values: \.values, penalty: penalty, steps: steps, boosting: boosting)
        let absolute = fit(
            questions, values: { RankingFeatures.alone($0.values) }, penalty: penalty, steps: steps, boosting: boosting)
        return RankerWeights(
            bias: ranking.bias, weights: ranking.weights, trees: ranking.trees, threshold: 0, floor: 0,
            absolute: absolute)
    }

    /// The model that fits `questions`, reading of each candidate the `values` of its features.
    static func fit(
        _ questions: [LabelledQuestion], values: (RankingFeatures) -> [Double], penalty: Double, steps: Int,
        boosting: TreeBoosting.Settings
    ) -> SentenceModel {
        // Only questions with a sentence that holds the answer say how to rank.
        let answerable = questions.filter(\.answerable)
        let ranking = answerable.map { question in
            ListwiseFitting.List(
                items: question.features.map(values), right: question.holdsAnswer, weight: question.weight)
        }
        let weights = ListwiseFitting.weights(
            ranking, width: RankingFeatures.count, penalty: penalty, steps: steps, rate: rate)
        guard ranking.contains(where: { $0.right.contains(true) }) else {
            return SentenceModel(bias: 0, weights: RankingFeatures(values: weights))
        }
        // Trees for what the weights leave, from the scores they give.
        let linear = SentenceModel(bias: 0, weights: RankingFeatures(values: weights))
        let trees = TreeBoosting.trees(
            ranking, base: ranking.map { $0.items.map(linear.score) }, settings: boosting)
        let unscaled = SentenceModel(bias: 0, weights: linear.weights, trees: trees)
        // The score as a chance: labels on the score, by Newton's method over scale and bias.
        var points: [(score: Double, holds: Double)] = []
        for (list, question) in zip(ranking, answerable) {
            for (items, holds) in zip(list.items, question.holdsAnswer) {
                points.append((unscaled.score(items), holds ? 1 : 0))
            }
        }
        let (scale, bias) = calibration(points)
        return SentenceModel(
            bias: bias, weights: RankingFeatures(values: weights.map { $0 * scale }),
            trees: trees.map { $0.scaled(by: scale) })
    }

    /// The scale and bias that make each point's score the chance that its label is 1: logistic
    /// regression of the labels on the score, by Newton's method.
    static func calibration(_ points: [(score: Double, holds: Double)]) -> (scale: Double, bias: Double) {
        // From zero, where every chance is one half, Newton's method converges on data no line separates.
        var scale = 0.0
        var bias = 0.0
        for _ in 0..<50 {
            var (gScale, gBias, hSS, hSB, hBB) = (0.0, 0.0, 1e-9, 0.0, 1e-9)
            for point in points {
                let p = 1 / (1 + exp(-(scale * point.score + bias)))
                let slope = p * (1 - p)
                gScale += (p - point.holds) * point.score
                gBias += p - point.holds
                hSS += slope * point.score * point.score
                hSB += slope * point.score
                hBB += slope
            }
            guard let step = solve([[hSS, hSB], [hSB, hBB]], [gScale, gBias]) else { break }
            scale -= step[0]
            bias -= step[1]
            if abs(step[0]) + abs(step[1]) < 1e-12 { break }
        }
        return (scale, bias)
    }

    /// The step of gradient descent on the listwise loss (features lie between 0 and 1).
    static let rate = 2.0

    /// The threshold and floor for weights already fitted (see the type's description).
    public static func thresholds(
        for questions: [LabelledQuestion], model: RankerWeights, allowedSilence: Double = 0.025
    ) -> (threshold: Double, floor: Double) {
        let best = questions.map { (confidence: model.answering($0.features), question: $0) }
        let answerable = questions.count(where: \.answerable)
        guard answerable > 0 else { return (0.5, 0.5 * floorShare) }
        // Every place a threshold could go: below each question's best sentence.
        let places = ([0] + best.map(\.confidence).filter { $0 > 0 }).sorted()
        var chosen = (threshold: 0.0, cost: Double.infinity)
        for threshold in places {
            let silenced = best.filter { $0.question.answerable && $0.confidence < threshold }
            guard Double(silenced.count) <= allowedSilence * Double(answerable) else { break }
            let answered = best.filter { !$0.question.answerable && $0.confidence >= threshold }
            let cost = (silenced + answered).reduce(0) { $0 + $1.question.weight }
            // Of thresholds that make as few mistakes, the highest: it also declines whatever is
            // weaker than every answer seen.
            if cost <= chosen.cost { chosen = (threshold, cost) }
        }
        return (chosen.threshold, chosen.threshold * floorShare)
    }

    /// A later answer must reach this share of the threshold the best one must reach.
    static let floorShare = 0.7

    /// How `model` answers `questions`: the first answer, the first three (one a paragraph
    /// unless one says it clearly better), and how often nothing answers.
    public static func figures(of model: RankerWeights, on questions: [LabelledQuestion]) -> Figures {
        var figures = Figures()
        for question in questions {
            let ranked = AnswerRanker.rank(question.candidates, features: question.features, model: model, limit: 3)
            let holding = Dictionary(
                zip(question.candidates.map(\.sentenceID), question.holdsAnswer), uniquingKeysWith: { $0 || $1 })
            if question.answerable {
                figures.questions += 1
                if let first = ranked.first, holding[first.candidate.sentenceID] == true { figures.atOne += 1 }
                if ranked.contains(where: { holding[$0.candidate.sentenceID] == true }) { figures.atThree += 1 }
                if ranked.isEmpty { figures.silent += 1 }
            } else {
                figures.unanswerable += 1
                if ranked.isEmpty { figures.declined += 1 }
            }
        }
        return figures
    }

    /// The model fitted to all of `questions`.
    public static func model(
        _ questions: [LabelledQuestion], penalty: Double = 0.001, boosting: TreeBoosting.Settings = .init()
    ) -> RankerWeights {
        var model = fit(questions, penalty: penalty, boosting: boosting)
        (model.threshold, model.floor) = thresholds(for: questions, model: model)
        return model
    }

    /// Each group's questions answered by a model fitted to the other groups': figures for
    /// questions no weight was fitted to.
    public static func crossValidated(
        _ questions: [LabelledQuestion], penalty: Double = 0.001, boosting: TreeBoosting.Settings = .init()
    ) -> Figures {
        var total = Figures()
        for group in Set(questions.map(\.group)).sorted() {
            let model = model(questions.filter { $0.group != group }, penalty: penalty, boosting: boosting)
            let figures = figures(of: model, on: questions.filter { $0.group == group })
            total.questions += figures.questions
            total.atOne += figures.atOne
            total.atThree += figures.atThree
            total.silent += figures.silent
            total.unanswerable += figures.unanswerable
            total.declined += figures.declined
        }
        return total
    }

    /// Solves `matrix` × x = `vector` by Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double]? {
        var a = matrix
        var b = vector
        let n = b.count
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                abs(a[pivot][column]) > 1e-12
            else { return nil }
            a.swapAt(column, pivot)
            b.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = a[row][column] / a[column][column]
                guard factor != 0 else { continue }
                for k in column..<n { a[row][k] -= factor * a[column][k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            let rest = ((row + 1)..<n).reduce(0) { $0 + a[row][$1] * x[$1] }
            x[row] = (b[row] - rest) / a[row][row]
        }
        return x
    }
}
