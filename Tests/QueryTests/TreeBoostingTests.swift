import Foundation
import Testing

@testable import Query
@testable import Store

/// The trees added to the answer ranker's weights: they learn what features say together, the
/// same data gives the same trees, and a tree that cannot be walked is told apart.
@Suite struct TreeBoostingTests {
    /// Lists of four items in which the right one has its first two features alike (both high or
    /// both low) and the others have them unlike: no weight a feature can tell them apart.
    static func alikeLists(count: Int, seed: UInt64) -> [ListwiseFitting.List] {
        var generator = SeededNumbers(seed: seed)
        return (0..<count).map { _ in
            let high = { 0.6 + generator.unit() * 0.4 }
            let low = { generator.unit() * 0.4 }
            let alike = generator.unit() < 0.5 ? [high(), high()] : [low(), low()]
            var items = [alike, [high(), low()], [low(), high()], [low(), high()]]
            for index in items.indices { items[index].append(generator.unit()) }
            let answering = Int(generator.next() % 4)
            items.swapAt(0, answering)
            return ListwiseFitting.List(items: items, right: (0..<4).map { $0 == answering }, weight: 1)
        }
    }

    /// The share of lists whose best-scored item is a right one.
    static func firstIsRight(_ lists: [ListwiseFitting.List], score: ([Double]) -> Double) -> Double {
        let right = lists.count { list in
            let scores = list.items.map(score)
            return list.right[scores.indices.max { scores[$0] < scores[$1] }!]
        }
        return Double(right) / Double(lists.count)
    }

    @Test func treesLearnWhatFeaturesSayTogether() {
        let training = Self.alikeLists(count: 400, seed: 3)
        let unseen = Self.alikeLists(count: 200, seed: 4)
        let weights = ListwiseFitting.weights(training, width: 3, penalty: 0.001, steps: 500, rate: 2)
        let linear = { (item: [Double]) in zip(weights, item).reduce(0) { $0 + $1.0 * $1.1 } }
        // A weight a feature does no better than the two unlike items allow.
        #expect(Self.firstIsRight(unseen, score: linear) < 0.6)
        let trees = TreeBoosting.trees(
            training, base: training.map { $0.items.map(linear) }, settings: .init(rounds: 40, minimumItems: 10))
        #expect(trees.count == 40)
        #expect(trees.allSatisfy { $0.isWellFormed(width: 3) && $0.feature.count <= 13 })
        let boosted = { (item: [Double]) in trees.value(item, startingAt: linear(item)) }
        #expect(Self.firstIsRight(unseen, score: boosted) > 0.95)
    }

    @Test func theSameListsGiveTheSameTrees() {
        let lists = Self.alikeLists(count: 150, seed: 9)
        let base = lists.map { $0.items.map { _ in 0.0 } }
        let settings = TreeBoosting.Settings(rounds: 15, minimumItems: 5)
        #expect(
            TreeBoosting.trees(lists, base: base, settings: settings)
                == TreeBoosting.trees(lists, base: base, settings: settings))
        #expect(TreeBoosting.trees(lists, base: base, settings: .none).isEmpty)
    }

    @Test func noSplitLeavesFewerThanTheMinimumOnASide() {
        let lists = Self.alikeLists(count: 30, seed: 5)
        let trees = TreeBoosting.trees(
            lists, base: lists.map { $0.items.map { _ in 0.0 } }, settings: .init(rounds: 5, minimumItems: 50))
        let items = lists.flatMap(\.items)
        for tree in trees {
            var reached = [Int: Int]()
            for item in items {
                var node = 0
                while tree.feature[node] >= 0 {
                    node = item[tree.feature[node]] <= tree.threshold[node] ? tree.left[node] : tree.right[node]
                }
                reached[node, default: 0] += 1
            }
            #expect(reached.values.allSatisfy { $0 >= 50 })
        }
    }

    @Test func binsLieBetweenTheValuesSeenOrAtTheirQuantiles() {
        let few = FeatureBins([[0], [1], [0.5], [0.5], [1]], width: 1)
        #expect(few.thresholds[0] == [0.25, 0.75])
        #expect((0..<5).map { few.bin(of: $0, feature: 0) } == [0, 2, 1, 1, 2])
        let many = FeatureBins((0..<1000).map { [Double($0) / 999] }, width: 1)
        #expect(many.thresholds[0].count == FeatureBins.limit)
        #expect(many.thresholds[0] == many.thresholds[0].sorted())
        // Each bin holds about as many of the values as another.
        let counts = Dictionary(grouping: 0..<1000) { many.bin(of: $0, feature: 0) }.values.map(\.count)
        #expect(counts.max()! - counts.min()! <= 2)
    }

    @Test func aTreeIsWalkedToItsLeaves() {
        // Is feature 1 at most 0.5? Then is feature 0 at most 0.2?
        let tree = RegressionTree(
            feature: [1, 0, -1, -1, -1], threshold: [0.5, 0.2, 0, 0, 0], left: [1, 3, 0, 0, 0],
            right: [2, 4, 0, 0, 0], value: [0, 0, 3, 1, 2])
        #expect(tree.isWellFormed(width: 2))
        #expect(tree.value([0.1, 0.5]) == 1)
        #expect(tree.value([0.3, 0.1]) == 2)
        #expect(tree.value([0.1, 0.9]) == 3)
        #expect(!tree.isWellFormed(width: 1))
        var loop = tree
        loop.left[1] = 0
        #expect(!loop.isWellFormed(width: 2))
        var short = tree
        short.value.removeLast()
        #expect(!short.isWellFormed(width: 2))
        var outside = tree
        outside.right[1] = 9
        #expect(!outside.isWellFormed(width: 2))
    }

    @Test func theShippedTreesCanBeWalked() throws {
        let shipped = RankerWeights.shipped
        #expect(shipped.trees.allSatisfy { $0.isWellFormed(width: RankingFeatures.count) })
        // A model's trees count in its confidence.
        var model = RankerWeights(bias: 0, weights: RankingFeatures(), threshold: 0, floor: 0)
        #expect(model.confidence(RankingFeatures(overlap: 1)) == 0.5)
        model.trees = [
            RegressionTree(
                feature: [0, -1, -1], threshold: [0.5, 0, 0], left: [1, 0, 0], right: [2, 0, 0], value: [0, -1, 1])
        ]
        #expect(model.confidence(RankingFeatures(overlap: 1)) > 0.7)
        #expect(model.confidence(RankingFeatures(overlap: 0)) < 0.3)
        // The model file keeps the trees, and one that holds a tree that cannot be walked does
        // not decode.
        #expect(try JSONDecoder().decode(RankerWeights.self, from: JSONEncoder().encode(model)) == model)
        model.trees[0].left[0] = 0
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(RankerWeights.self, from: JSONEncoder().encode(model))
        }
    }
}
