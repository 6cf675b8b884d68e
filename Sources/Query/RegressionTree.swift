/// A binary tree of yes-or-no questions about features, each leaf a number: the answer ranker's
/// models (``SentenceModel``) and the short-answer chooser (``PhraseWeights``) add the leaves a
/// candidate reaches in each of their trees to its linear score, so that features can count
/// together ("many of the question's words, but not the kind of answer asked for") in ways one
/// weight a feature cannot say. ``TreeBoosting`` grows them.
///
/// Node 0 is the root. A node splits when `feature` holds a feature's place in the model's
/// values (``RankingFeatures/values``, ``PhraseFeatures/values``; a value at most `threshold` goes
/// to `left`, a greater one to `right`), and is a leaf worth `value` when `feature` is -1. The layout keeps the model file
/// short: five lists a tree, one place a node.
public struct RegressionTree: Sendable, Equatable, Codable {
    public var feature: [Int]
    public var threshold: [Double]
    public var left: [Int]
    public var right: [Int]
    public var value: [Double]

    /// A tree of one leaf.
    public init(value: Double) {
        self.init(feature: [-1], threshold: [0], left: [0], right: [0], value: [value])
    }

    public init(feature: [Int], threshold: [Double], left: [Int], right: [Int], value: [Double]) {
        self.feature = feature
        self.threshold = threshold
        self.left = left
        self.right = right
        self.value = value
    }

    /// Whether the lists agree, every split asks about one of `width` features and every branch
    /// leads forward to a node that exists: a tree that can be walked without a loop or a fall off
    /// its end.
    public func isWellFormed(width: Int) -> Bool {
        let count = feature.count
        guard count > 0, [threshold.count, left.count, right.count, value.count].allSatisfy({ $0 == count })
        else { return false }
        return (0..<count).allSatisfy { node in
            feature[node] == -1
                || (feature[node] >= 0 && feature[node] < width && left[node] > node && left[node] < count
                    && right[node] > node
                    && right[node] < count)
        }
    }

    /// The leaf `features` (in the order of the model's values) reach.
    public func value(_ features: [Double]) -> Double {
        var node = 0
        while feature[node] >= 0 {
            node = features[feature[node]] <= threshold[node] ? left[node] : right[node]
        }
        return value[node]
    }

    /// The same tree with every leaf multiplied by `factor`.
    func scaled(by factor: Double) -> RegressionTree {
        var tree = self
        tree.value = value.map { $0 * factor }
        return tree
    }
}

extension [RegressionTree] {
    /// `start` plus the leaves `features` reach in every tree, added in order.
    func value(_ features: [Double], startingAt start: Double = 0) -> Double {
        reduce(start) { $0 + $1.value(features) }
    }
}

extension KeyedDecodingContainer {
    /// The trees at `key` (none when the file has none); a tree that cannot be walked over
    /// `width` features is a decoding error, so that a model that decodes can be used.
    func decodeTrees(forKey key: Key, width: Int) throws -> [RegressionTree] {
        let trees = try decodeIfPresent([RegressionTree].self, forKey: key) ?? []
        guard trees.allSatisfy({ $0.isWellFormed(width: width) }) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "a tree that cannot be walked")
        }
        return trees
    }
}
