import Foundation

/// Fits the short-answer chooser's weights (``PhraseWeights``) to questions whose answers are
/// known: for each question, the phrases of the best-ranked sentence that holds an answer, those
/// equal to a gold answer the right ones, by a listwise loss (``ListwiseFitting``). Its figures
/// are counted, as `Scripts/eval-answers` counts them, on the sentence answered first.
public enum PhraseFitting {
    /// One question's phrases in two of its sentences, and which equal one of its gold answers.
    public struct LabelledQuestion: Sendable {
        public var group: String
        /// How much the question counts in the fit.
        public var weight: Double
        /// The phrases of the sentence the ranker answers with first, nil when it answers nothing.
        public var first: LabelledSentence?
        /// The phrases of the best-ranked sentence that holds an answer, if any: what is learned from.
        public var holding: LabelledSentence?
        /// For reading the fit: the question and its gold answers.
        public var question: String
        public var gold: [String]

        public init(
            group: String, weight: Double = 1, first: LabelledSentence?, holding: LabelledSentence?,
            question: String = "", gold: [String] = []
        ) {
            self.group = group
            self.weight = weight
            self.first = first
            self.holding = holding
            self.question = question
            self.gold = gold
        }
    }

    /// A sentence's phrases: what the chooser reads of each, whether it equals a gold answer, and
    /// its text (for reading the fit).
    public struct LabelledSentence: Sendable {
        public var phrases: [PhraseFeatures]
        public var right: [Bool]
        public var texts: [String]

        public init(phrases: [PhraseFeatures], right: [Bool], texts: [String] = []) {
            self.phrases = phrases
            self.right = right
            self.texts = texts
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

    /// The weights, then the trees that improve on them (``TreeBoosting``), by the same loss.
    public static func fit(
        _ questions: [LabelledQuestion], penalty: Double = 0.001, steps: Int = 1500,
        boosting: TreeBoosting.Settings = .init()
    ) -> PhraseWeights {
        let lists = questions.compactMap { question in
            question.holding.map {
                ListwiseFitting.List(items: $0.phrases.map(\.values), right: $0.right, weight: question.weight)
            }
        }
        let linear = PhraseWeights(
            weights: ListwiseFitting.weights(
                lists, width: PhraseFeatures.count, penalty: penalty, steps: steps, rate: rate))
        let trees = TreeBoosting.trees(lists, base: lists.map { $0.items.map(linear.score) }, settings: boosting)
        return PhraseWeights(weights: linear.weights, trees: trees)
    }

    /// The step of gradient descent (features are 0 or 1, or between).
    static let rate = 2.0

    public static func figures(of model: PhraseWeights, on questions: [LabelledQuestion]) -> Figures {
        var figures = Figures()
        for question in questions {
            figures.questions += 1
            guard let first = question.first else { continue }
            if let best = model.best(of: first.phrases), first.right[best] { figures.right += 1 }
            if first.right.contains(true) { figures.reachable += 1 }
        }
        return figures
    }

    /// Each group's questions answered by weights fitted to the other groups'.
    public static func crossValidated(
        _ questions: [LabelledQuestion], penalty: Double = 0.001, boosting: TreeBoosting.Settings = .init()
    ) -> Figures {
        Set(questions.map(\.group)).sorted().reduce(Figures()) { total, group in
            let model = fit(questions.filter { $0.group != group }, penalty: penalty, boosting: boosting)
            return total + figures(of: model, on: questions.filter { $0.group == group })
        }
    }
}
