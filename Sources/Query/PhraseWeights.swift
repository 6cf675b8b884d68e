import Foundation

/// The weights that choose a short answer among a sentence's phrases (``AnswerPhrases``), one a
/// feature (``PhraseFeatures``): the phrase with the highest sum of its features times their
/// weights answers; of phrases as high, the first offered (the rules' choice comes first, so
/// that weights of zero give the rules' answers).
public struct PhraseWeights: Sendable, Equatable {
    public var weights: [Double]

    public init(weights: [Double]) {
        precondition(weights.count == PhraseFeatures.count, "one weight a feature")
        self.weights = weights
    }

    public func score(_ features: PhraseFeatures) -> Double {
        zip(weights, features.values).reduce(0) { $0 + $1.0 * $1.1 }
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
    /// Written as an object of weights by feature name, so that the file says what each is; a
    /// feature the file does not name weighs nothing, and a name no feature has is an error.
    public init(from decoder: any Decoder) throws {
        let byName = try decoder.singleValueContainer().decode([String: [String: Double]].self)["weights"] ?? [:]
        if let unknown = byName.keys.first(where: { !PhraseFeatures.names.contains($0) }) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "no feature is named \(unknown)"))
        }
        self.init(weights: PhraseFeatures.names.map { byName[$0] ?? 0 })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(["weights": Dictionary(uniqueKeysWithValues: zip(PhraseFeatures.names, weights))])
    }
}

extension PhraseWeights {
    /// The weights fitted by `Scripts/fit-ranker`, compiled in (`Resources/answer-phrases.json`).
    public static let shipped = CompiledInWeights.decode(
        PhraseWeights.self, from: PackageResources.answer_phrases_json, file: "answer-phrases.json")
}
