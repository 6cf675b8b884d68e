import Foundation

/// What the answer ranker weighs of a candidate sentence: each a number from 0 to 1, most of
/// them shares ("how much of the question's weighted words"), some of them yes (1) or no (0).
/// The same record holds the weights of a fitted ranker (``RankerWeights``).
public struct RankingFeatures: Sendable, Equatable, Codable {
    /// How much of the question's words (weighted by rarity) the sentence and its heading hold,
    /// or how well a heading or the sentence before asks the question, whichever is more.
    public var overlap: Double
    /// The same for the sentence alone, of what the question says about its names.
    public var inSentence: Double
    /// The same for the paragraph, the title and the heading.
    public var inContext: Double
    /// The share of the question's names the sentence names or stands for.
    public var entities: Double
    /// Whether the sentence holds the kind of answer asked for (a name, a date, a number…).
    public var answerKind: Double
    /// For a question that wants a name, a date or a number: how far the sentence lacks one.
    public var kindMissing: Double
    /// How tightly the question's words sit together in the sentence.
    public var proximity: Double
    /// The share of the question's word pairs the sentence says in order (not for why and how).
    public var phrases: Double
    /// How well a heading or the sentence before, itself a question, asks this one.
    public var askedBefore: Double
    /// 1 for a section's first sentence, less for the next two.
    public var opening: Double
    /// The sentence's full-text relevance over the best candidate's.
    public var relevance: Double
    /// How far the passage falls short of holding 40% of what the question asks about.
    public var contextShortfall: Double
    /// Whether the sentence says what precedes a fill-in question's gap and goes on.
    public var fillsGap: Double
    /// Whether the sentence defines what a defining question asks about ("ISIS-K is a …").
    public var defines: Double
    /// Whether the sentence is itself a question.
    public var isQuestion: Double
    /// ``kindMissing`` times ``overlap`` and times ``inContext``: a sentence that lacks the kind
    /// of answer asked for answers less the more it otherwise looks like an answer (a sentence
    /// that repeats a who-question's words without naming anyone restates it).
    public var missingKindOverlap: Double
    public var missingKindContext: Double
    /// Whether the sentence says a verb the question turns on (or a relative of it): "Teacher
    /// Niamh Quinn, who coaches the team" for "Who coaches the team?".
    public var verbs: Double
    /// ``overlap`` over the most that any of the question's candidates holds: 1 for the sentences
    /// that hold the most of the question, however little that is. This and the five below compare
    /// a sentence with the others (``comparing(_:)``): they rank, and never say whether anything
    /// answers at all (``alone``).
    public var overlapShare: Double
    /// ``inSentence`` over the most among the question's candidates.
    public var inSentenceShare: Double
    /// ``inContext`` over the most among the question's candidates.
    public var contextShare: Double
    /// ``proximity`` over the most among the question's candidates.
    public var proximityShare: Double
    /// ``entities`` over the most among the question's candidates.
    public var entitiesShare: Double
    /// ``overlap`` over the most among the candidates that hold the kind of answer asked for; 0
    /// for a sentence without it.
    public var kindOverlapShare: Double

    public init(
        overlap: Double = 0, inSentence: Double = 0, inContext: Double = 0, entities: Double = 0,
        answerKind: Double = 0, kindMissing: Double = 0, proximity: Double = 0, phrases: Double = 0,
        askedBefore: Double = 0, opening: Double = 0, relevance: Double = 0, contextShortfall: Double = 0,
        fillsGap: Double = 0, defines: Double = 0, isQuestion: Double = 0, missingKindOverlap: Double = 0,
        missingKindContext: Double = 0, verbs: Double = 0, overlapShare: Double = 0, inSentenceShare: Double = 0,
        contextShare: Double = 0, proximityShare: Double = 0, entitiesShare: Double = 0, kindOverlapShare: Double = 0
    ) {
        self.overlap = overlap
        self.inSentence = inSentence
        self.inContext = inContext
        self.entities = entities
        self.answerKind = answerKind
        self.kindMissing = kindMissing
        self.proximity = proximity
        self.phrases = phrases
        self.askedBefore = askedBefore
        self.opening = opening
        self.relevance = relevance
        self.contextShortfall = contextShortfall
        self.fillsGap = fillsGap
        self.defines = defines
        self.isQuestion = isQuestion
        self.missingKindOverlap = missingKindOverlap
        self.missingKindContext = missingKindContext
        self.verbs = verbs
        self.overlapShare = overlapShare
        self.inSentenceShare = inSentenceShare
        self.contextShare = contextShare
        self.proximityShare = proximityShare
        self.entitiesShare = entitiesShare
        self.kindOverlapShare = kindOverlapShare
    }

    /// Each feature's name and place, in the one fixed order the arithmetic, the model file's
    /// columns and ``values`` share.
    static let fields: [(name: String, value: WritableKeyPath<RankingFeatures, Double> & Sendable)] = [
        ("overlap", \.overlap), ("inSentence", \.inSentence), ("inContext", \.inContext), ("entities", \.entities),
        ("answerKind", \.answerKind), ("kindMissing", \.kindMissing), ("proximity", \.proximity),
        ("phrases", \.phrases), ("askedBefore", \.askedBefore), ("opening", \.opening), ("relevance", \.relevance),
        ("contextShortfall", \.contextShortfall), ("fillsGap", \.fillsGap), ("defines", \.defines),
        ("isQuestion", \.isQuestion), ("missingKindOverlap", \.missingKindOverlap),
        ("missingKindContext", \.missingKindContext), ("verbs", \.verbs),
        ("overlapShare", \.overlapShare), ("inSentenceShare", \.inSentenceShare), ("contextShare", \.contextShare),
        ("proximityShare", \.proximityShare), ("entitiesShare", \.entitiesShare),
        ("kindOverlapShare", \.kindOverlapShare),
    ]

    /// A feature that compares a sentence with the question's other candidates: what it holds of
    /// another feature (`of`) over the most any of them holds, or any of those that hold the kind
    /// of answer asked for (`amongKind`; 0 for a sentence without it).
    struct Comparison: Sendable {
        var share: WritableKeyPath<RankingFeatures, Double> & Sendable
        var of: KeyPath<RankingFeatures, Double> & Sendable
        var amongKind = false
    }

    static let comparisons = [
        Comparison(share: \.overlapShare, of: \.overlap), Comparison(share: \.inSentenceShare, of: \.inSentence),
        Comparison(share: \.contextShare, of: \.inContext), Comparison(share: \.proximityShare, of: \.proximity),
        Comparison(share: \.entitiesShare, of: \.entities),
        Comparison(share: \.kindOverlapShare, of: \.overlap, amongKind: true),
    ]

    /// The places in ``values`` of the features that compare.
    static let comparisonIndices = fields.indices.filter { index in
        comparisons.contains { $0.share == fields[index].value }
    }

    /// The features of one question's candidates, with those that compare each with the others
    /// filled in.
    public static func comparing(_ features: [RankingFeatures]) -> [RankingFeatures] {
        var features = features
        for comparison in comparisons {
            let compared = features.indices.filter { !comparison.amongKind || features[$0].answerKind > 0 }
            let most = compared.map { features[$0][keyPath: comparison.of] }.max() ?? 0
            for index in compared {
                features[index][keyPath: comparison.share] =
                    most > 0 ? features[index][keyPath: comparison.of] / most : 0
            }
        }
        return features
    }

    /// What is read of the sentence by itself, without comparing it with the others: what says
    /// whether it answers at all.
    public var alone: RankingFeatures { RankingFeatures(values: Self.alone(values)) }

    /// `values` (in the order of ``values``) with the features that compare set to 0.
    static func alone(_ values: [Double]) -> [Double] {
        var alone = values
        for index in comparisonIndices { alone[index] = 0 }
        return alone
    }

    public static var count: Int { fields.count }
    /// The features' names in the order of ``values``.
    public static var names: [String] { fields.map(\.name) }

    /// The features in that order, for arithmetic.
    public var values: [Double] { Self.fields.map { self[keyPath: $0.value] } }

    public init(values: [Double]) {
        precondition(values.count == Self.count)
        self.init()
        for (field, value) in zip(Self.fields, values) { self[keyPath: field.value] = value }
    }
}

/// A fitted ranker: the chance that a sentence holds the answer is the logistic function of the
/// bias, plus each feature times its weight, plus the leaf the sentence's features reach in each
/// tree (``RegressionTree``: features that count together); and the confidences below which the
/// best sentence is no answer (`threshold`) and a later sentence is not offered (`floor`).
///
/// What compares a sentence with the question's other candidates ranks it, but cannot say
/// whether anything answers: the best of every list is the best of its list. So whether the best
/// sentence answers at all is the chance another model (`absolute`), which reads each sentence
/// by itself (``RankingFeatures/alone``), gives it, against `threshold` (``answering(_:)``).
/// `Scripts/fit-ranker` fits them; they ship as `answer-ranker.json`.
public struct RankerWeights: Sendable, Equatable, Codable {
    /// The model that ranks, and whose chance is the confidence an answer is given with.
    public var ranking: SentenceModel
    public var threshold: Double
    public var floor: Double
    /// The model that says whether the best sentence answers; without one, `ranking` does.
    public var absolute: SentenceModel?

    public var bias: Double {
        get { ranking.bias }
        set { ranking.bias = newValue }
    }
    public var weights: RankingFeatures {
        get { ranking.weights }
        set { ranking.weights = newValue }
    }
    public var trees: [RegressionTree] {
        get { ranking.trees }
        set { ranking.trees = newValue }
    }

    public init(
        bias: Double, weights: RankingFeatures, trees: [RegressionTree] = [], threshold: Double, floor: Double,
        absolute: SentenceModel? = nil
    ) {
        ranking = SentenceModel(bias: bias, weights: weights, trees: trees)
        self.threshold = threshold
        self.floor = floor
        self.absolute = absolute
    }

    /// The chance, by this model, that a sentence with `features` holds the answer.
    public func confidence(_ features: RankingFeatures) -> Double {
        ranking.confidence(features)
    }

    /// The same, of the features' ``RankingFeatures/values``.
    func confidence(values: [Double]) -> Double {
        ranking.confidence(values: values)
    }

    /// The chance that the best of the sentences with `features` answers, each read by itself:
    /// nothing answers below `threshold`.
    public func answering(_ features: [RankingFeatures]) -> Double {
        answering(values: features.map(\.values))
    }

    /// The same, of the features' ``RankingFeatures/values``.
    func answering(values: [[Double]]) -> Double {
        guard let absolute else { return values.map { confidence(values: $0) }.max() ?? 0 }
        return values.map { absolute.confidence(values: RankingFeatures.alone($0)) }.max() ?? 0
    }

    /// The ranking model's bias, weights and trees stand beside the thresholds in the file.
    enum CodingKeys: String, CodingKey {
        case bias, weights, trees, threshold, floor, absolute
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bias, forKey: .bias)
        try container.encode(weights, forKey: .weights)
        try container.encode(trees, forKey: .trees)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(floor, forKey: .floor)
        try container.encodeIfPresent(absolute, forKey: .absolute)
    }

    /// A model file whose trees cannot be walked does not decode.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            bias: try container.decode(Double.self, forKey: .bias),
            weights: try container.decode(RankingFeatures.self, forKey: .weights),
            trees: try container.decodeTrees(forKey: .trees, width: RankingFeatures.count),
            threshold: try container.decode(Double.self, forKey: .threshold),
            floor: try container.decode(Double.self, forKey: .floor),
            absolute: try container.decodeIfPresent(SentenceModel.self, forKey: .absolute))
    }
}

/// Weights, trees and a bias over the ranking features: the chance that a sentence holds the
/// answer is the logistic function of the bias, each feature times its weight, and the leaf the
/// features reach in each tree.
public struct SentenceModel: Sendable, Equatable, Codable {
    public var bias: Double
    public var weights: RankingFeatures {
        didSet { weightValues = weights.values }
    }
    /// `weights` as ``RankingFeatures/values``.
    private var weightValues: [Double]
    public var trees: [RegressionTree]

    public init(bias: Double, weights: RankingFeatures, trees: [RegressionTree] = []) {
        self.bias = bias
        self.weights = weights
        self.weightValues = weights.values
        self.trees = trees
    }

    public func confidence(_ features: RankingFeatures) -> Double {
        confidence(values: features.values)
    }

    /// The same, of the features' ``RankingFeatures/values``.
    func confidence(values: [Double]) -> Double {
        1 / (1 + exp(-(bias + score(values))))
    }

    /// The weighted features and the trees' leaves, before the bias.
    func score(_ values: [Double]) -> Double {
        trees.value(values, startingAt: zip(weightValues, values).reduce(0) { $0 + $1.0 * $1.1 })
    }

    enum CodingKeys: String, CodingKey {
        case bias, weights, trees
    }

    /// Trees that cannot be walked do not decode.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            bias: try container.decode(Double.self, forKey: .bias),
            weights: try container.decode(RankingFeatures.self, forKey: .weights),
            trees: try container.decodeTrees(forKey: .trees, width: RankingFeatures.count))
    }
}

extension RankerWeights {
    /// The weights fitted by `Scripts/fit-ranker`, compiled in (`Resources/answer-ranker.json`).
    public static let shipped = CompiledInWeights.decode(
        RankerWeights.self, from: PackageResources.answer_ranker_json, file: "answer-ranker.json")
}
