import Foundation

/// Fits the short-answer chooser's weights (``PhraseWeights``) to questions whose answers are
/// known: for each question, the phrases of the best-ranked sentence that holds an answer, those
/// equal to a gold answer the right ones, by a listwise loss (``ListwiseFitting``). Its figures
/// are counted, as `Scripts/eval-answers` counts them, on the sentence answered first.
public enum PhraseFitting {
    /// One question's phrases, and which equal one of its gold answers.
    public struct LabelledQuestion: Sendable {
        public var group: String
        /// How much the question counts in the fit.
        public var weight: Double
        /// The phrases of the sentence the ranker answers with first, nil when it answers nothing.
        public var first: [PhraseFeatures]?
        public var firstRight: [Bool]
        /// The phrases of the best-ranked sentence that holds an answer, if any: what is learned from.
        public var holding: [PhraseFeatures]
        public var holdingRight: [Bool]
        /// For reading the fit: the question, its gold answers, and the phrases' texts.
        public var question = ""
        public var gold: [String] = []
        public var firstTexts: [String] = []
        public var holdingTexts: [String] = []

        public init(
            group: String, weight: Double = 1, first: [PhraseFeatures]?, firstRight: [Bool],
            holding: [PhraseFeatures], holdingRight: [Bool], question: String = "", gold: [String] = [],
            firstTexts: [String] = [], holdingTexts: [String] = []
        ) {
            self.question = question
            self.gold = gold
            self.firstTexts = firstTexts
            self.holdingTexts = holdingTexts
            self.group = group
            self.weight = weight
            self.first = first
            self.firstRight = firstRight
            self.holding = holding
            self.holdingRight = holdingRight
        }
    }

    /// How often the chosen short answer equals a gold one, of how many questions; and how often
    /// one of the phrases chosen among does (what the best choice would reach).
    public struct Figures: Sendable, Equatable, CustomStringConvertible {
        public var questions = 0
        public var right = 0
        public var reachable = 0

        public var description: String {
            func share(_ count: Int) -> String {
                String(format: "%.3f", questions == 0 ? 0 : Double(count) / Double(questions))
            }
            return
                "short answer \(share(right))  of a phrase that could be \(share(reachable))  (\(questions) questions)"
        }

        static func + (left: Figures, right: Figures) -> Figures {
            Figures(
                questions: left.questions + right.questions, right: left.right + right.right,
                reachable: left.reachable + right.reachable)
        }
    }

    public static func fit(_ questions: [LabelledQuestion], penalty: Double = 0.001, steps: Int = 1500)
        -> PhraseWeights
    {
        let lists = questions.map { question in
            ListwiseFitting.List(
                items: question.holding.map(\.values), right: question.holdingRight, weight: question.weight)
        }
        return PhraseWeights(
            weights: ListwiseFitting.weights(
                lists, width: PhraseFeatures.count, penalty: penalty, steps: steps, rate: rate))
    }

    /// The step of gradient descent (features are 0 or 1, or between).
    static let rate = 2.0

    public static func figures(of model: PhraseWeights, on questions: [LabelledQuestion]) -> Figures {
        var figures = Figures()
        for question in questions {
            figures.questions += 1
            guard let first = question.first else { continue }
            if let best = model.best(of: first), question.firstRight[best] { figures.right += 1 }
            if question.firstRight.contains(true) { figures.reachable += 1 }
        }
        return figures
    }

    /// Each group's questions answered by weights fitted to the other groups'.
    public static func crossValidated(_ questions: [LabelledQuestion], penalty: Double = 0.001) -> Figures {
        Set(questions.map(\.group)).sorted().reduce(Figures()) { total, group in
            let model = fit(questions.filter { $0.group != group }, penalty: penalty)
            return total + figures(of: model, on: questions.filter { $0.group == group })
        }
    }
}
