import Foundation

/// What chooses a short answer among a sentence's phrases (``AnswerPhrases``): one weight a
/// feature (``PhraseFeatures``) and trees (``RegressionTree``) for what features say together.
/// The phrase with the highest sum of its features times their weights and of the leaves it
/// reaches answers; of phrases as high, the first offered (the rules' choice comes first, so
/// that weights of zero and no trees give the rules' answers).
public struct PhraseWeights: Sendable, Equatable {
    public var weights: [Double]
    public var trees: [RegressionTree]

    public init(weights: [Double], trees: [RegressionTree] = []) {
        precondition(weights.count == PhraseFeatures.count, "one weight a feature")
        self.weights = weights
        self.trees = trees
    }

    public func score(_ features: PhraseFeatures) -> Double {
        score(features.values)
    }

    func score(_ values: [Double]) -> Double {
        trees.value(values, startingAt: zip(weights, values).reduce(0) { $0 + $1.0 * $1.1 })
    }

    /// The place of the best of `phrases`, nil when there are none.
    public func best(of phrases: [PhraseFeatures]) -> Int? {
        var best: (index: Int, score: Double)?
        for (index, features) in phrases.enumerated() {
            let score = score(features)
            if best == nil || score > best!.score { best = (index, score) }
        }
        return best?.index
    }
}

extension PhraseWeights: Codable {
    enum CodingKeys: String, CodingKey {
        case weights, trees
    }

    /// Written as an object of weights by feature name, so that the file says what each is, and
    /// the trees; a feature the file does not name weighs nothing, and a name no feature has, or
    /// a tree that cannot be walked, is an error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let byName = try container.decodeIfPresent([String: Double].self, forKey: .weights) ?? [:]
        if let unknown = byName.keys.first(where: { !PhraseFeatures.names.contains($0) }) {
            throw DecodingError.dataCorruptedError(
                forKey: .weights, in: container, debugDescription: "no feature is named \(unknown)")
        }
        self.init(
            weights: PhraseFeatures.names.map { byName[$0] ?? 0 },
            trees: try container.decodeTrees(forKey: .trees, width: PhraseFeatures.count))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Dictionary(uniqueKeysWithValues: zip(PhraseFeatures.names, weights)), forKey: .weights)
        try container.encode(trees, forKey: .trees)
    }
}

extension PhraseWeights {
    /// The weights fitted by `Scripts/fit-ranker`, compiled in (`Resources/answer-phrases.json`).
    public static let shipped = CompiledInWeights.decode(
        PhraseWeights.self, from: PackageResources.answer_phrases_json, file: "answer-phrases.json")
}
