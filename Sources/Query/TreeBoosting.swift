import Foundation

/// Grows regression trees that improve a ranking score, by gradient boosting on the listwise
/// loss of ``ListwiseFitting`` (for each list, the share of a softmax over its items that falls on
/// the right ones): each tree is fitted, by Newton's step, to how far each item's score should
/// move, and added, shrunk by the learning rate, to the scores the next one starts from.
///
/// Trees grow best leaf first. A split asks whether a feature is at most one of a few dozen
/// thresholds read from the data (between the values seen, or at their quantiles when there are
/// many), and must leave enough items and enough weight on each side. Nothing is random and ties
/// go to the first feature and the lowest threshold: the same lists always give the same trees.
public enum TreeBoosting {
    public struct Settings: Sendable, Equatable {
        /// How many trees.
        public var rounds: Int
        /// What each tree's leaves are multiplied by.
        public var learningRate: Double
        /// How many leaves a tree grows at most.
        public var leaves: Int
        /// How many items each side of a split keeps at least.
        public var minimumItems: Int
        /// The L2 penalty on a leaf's value.
        public var penalty: Double

        public init(
            rounds: Int = 100, learningRate: Double = 0.1, leaves: Int = 7, minimumItems: Int = 20, penalty: Double = 1
        ) {
            self.rounds = rounds
            self.learningRate = learningRate
            self.leaves = leaves
            self.minimumItems = minimumItems
            self.penalty = penalty
        }

        /// No trees: the linear model alone.
        public static let none = Settings(rounds: 0)
    }

    /// The trees that, added to `base` (each item's score before them, in the lists' order),
    /// rank each list's right items first.
    static func trees(_ lists: [ListwiseFitting.List], base: [[Double]], settings: Settings) -> [RegressionTree] {
        let kept = zip(lists, base).filter { $0.0.right.contains(true) && $0.0.weight > 0 }
        guard settings.rounds > 0, let width = kept.first?.0.items.first?.count else { return [] }
        let items = kept.flatMap { $0.0.items }
        let bins = FeatureBins(items, width: width)
        var scores = kept.flatMap { $0.1 }
        // Where each list's items start in the flattened items.
        var starts: [Int] = []
        var start = 0
        for (list, _) in kept {
            starts.append(start)
            start += list.items.count
        }
        var trees: [RegressionTree] = []
        for _ in 0..<settings.rounds {
            var gradients = [Double](repeating: 0, count: items.count)
            var hessians = [Double](repeating: 0, count: items.count)
            for ((list, _), first) in zip(kept, starts) {
                let range = first..<(first + list.items.count)
                let top = scores[range].max() ?? 0
                let exponents = scores[range].map { exp($0 - top) }
                let all = exponents.reduce(0, +)
                let right = zip(exponents, list.right).reduce(0) { $0 + ($1.1 ? $1.0 : 0) }
                for (offset, exponent) in exponents.enumerated() {
                    let share = exponent / all
                    let rightShare = list.right[offset] ? exponent / right : 0
                    gradients[first + offset] = list.weight * (share - rightShare)
                    hessians[first + offset] = list.weight * max(share * (1 - share), 1e-6)
                }
            }
            let tree = grow(
                bins: bins, gradients: gradients, hessians: hessians, settings: settings
            ).scaled(by: settings.learningRate)
            for index in items.indices { scores[index] += tree.value(items[index]) }
            trees.append(tree)
        }
        return trees
    }

    /// One tree fitted to the items' gradients and hessians.
    static func grow(bins: FeatureBins, gradients: [Double], hessians: [Double], settings: Settings)
        -> RegressionTree
    {
        var tree = RegressionTree(value: 0)
        struct Leaf {
            var node: Int
            var items: [Int]
            var split: Split?
        }
        func leaf(node: Int, items: [Int]) -> Leaf {
            Leaf(
                node: node, items: items,
                split: bestSplit(of: items, bins: bins, gradients: gradients, hessians: hessians, settings: settings))
        }
        func newtonStep(_ items: [Int]) -> Double {
            let gradient = items.reduce(0) { $0 + gradients[$1] }
            let hessian = items.reduce(0) { $0 + hessians[$1] }
            return -gradient / (hessian + settings.penalty)
        }
        var leaves = [leaf(node: 0, items: Array(gradients.indices))]
        while leaves.count < settings.leaves {
            // The leaf whose split gains most; of equal gains, the one grown first.
            var chosen: (index: Int, split: Split)?
            for (index, leaf) in leaves.enumerated() {
                if let split = leaf.split, split.gain > chosen?.split.gain ?? 0 { chosen = (index, split) }
            }
            guard let (index, split) = chosen else { break }
            let parent = leaves.remove(at: index)
            let (leftItems, rightItems) = parent.items.partitioned {
                bins.bin(of: $0, feature: split.feature) <= split.bin
            }
            let leftNode = tree.feature.count
            let rightNode = leftNode + 1
            tree.feature[parent.node] = split.feature
            tree.threshold[parent.node] = bins.thresholds[split.feature][split.bin]
            tree.left[parent.node] = leftNode
            tree.right[parent.node] = rightNode
            for _ in 0..<2 {
                tree.feature.append(-1)
                tree.threshold.append(0)
                tree.left.append(0)
                tree.right.append(0)
                tree.value.append(0)
            }
            leaves.append(leaf(node: leftNode, items: leftItems))
            leaves.append(leaf(node: rightNode, items: rightItems))
        }
        for leaf in leaves { tree.value[leaf.node] = newtonStep(leaf.items) }
        return tree
    }

    struct Split {
        var feature: Int
        /// The last bin that goes left.
        var bin: Int
        var gain: Double
    }

    /// The split of `items` that lowers the loss most by Newton's estimate, nil when none does
    /// while leaving enough on each side.
    static func bestSplit(
        of items: [Int], bins: FeatureBins, gradients: [Double], hessians: [Double], settings: Settings
    ) -> Split? {
        guard items.count >= 2 * settings.minimumItems else { return nil }
        let totalGradient = items.reduce(0) { $0 + gradients[$1] }
        let totalHessian = items.reduce(0) { $0 + hessians[$1] }
        func score(_ gradient: Double, _ hessian: Double) -> Double {
            gradient * gradient / (hessian + settings.penalty)
        }
        let whole = score(totalGradient, totalHessian)
        var best: Split?
        for feature in 0..<bins.width {
            let count = bins.thresholds[feature].count + 1
            guard count > 1 else { continue }
            var gradient = [Double](repeating: 0, count: count)
            var hessian = [Double](repeating: 0, count: count)
            var number = [Int](repeating: 0, count: count)
            for item in items {
                let bin = bins.bin(of: item, feature: feature)
                gradient[bin] += gradients[item]
                hessian[bin] += hessians[item]
                number[bin] += 1
            }
            var (leftGradient, leftHessian, leftNumber) = (0.0, 0.0, 0)
            for bin in 0..<(count - 1) {
                leftGradient += gradient[bin]
                leftHessian += hessian[bin]
                leftNumber += number[bin]
                guard leftNumber >= settings.minimumItems else { continue }
                guard items.count - leftNumber >= settings.minimumItems else { break }
                let gain =
                    score(leftGradient, leftHessian)
                    + score(totalGradient - leftGradient, totalHessian - leftHessian) - whole
                if gain > (best?.gain ?? 1e-12) { best = Split(feature: feature, bin: bin, gain: gain) }
            }
        }
        return best
    }
}

/// Each item's features put in bins: for each feature, the thresholds a split may ask about
/// (midway between neighbouring values seen, or at most ``limit`` of them at the values' quantiles)
/// and the bin each item's value falls in.
struct FeatureBins {
    static let limit = 48

    let width: Int
    /// For each feature, its thresholds in ascending order.
    let thresholds: [[Double]]
    /// Item by item, feature by feature: the first threshold the value is at most, or the
    /// number of thresholds when it is above them all.
    private let bins: [UInt8]

    init(_ items: [[Double]], width: Int) {
        self.width = width
        var thresholds: [[Double]] = []
        for feature in 0..<width {
            let values = items.map { $0[feature] }.sorted()
            var distinct: [Double] = []
            for value in values where distinct.last != value { distinct.append(value) }
            if distinct.count <= Self.limit + 1 {
                thresholds.append(zip(distinct, distinct.dropFirst()).map { ($0 + $1) / 2 })
            } else {
                // Values at evenly spaced ranks, each threshold midway to the next greater value.
                var chosen: [Double] = []
                for step in 1...Self.limit {
                    let value = values[step * (values.count - 1) / (Self.limit + 1)]
                    guard let next = values.first(where: { $0 > value }) else { continue }
                    let threshold = (value + next) / 2
                    if chosen.last != threshold { chosen.append(threshold) }
                }
                thresholds.append(chosen)
            }
        }
        self.thresholds = thresholds
        var bins = [UInt8](repeating: 0, count: items.count * width)
        for (index, item) in items.enumerated() {
            for feature in 0..<width {
                bins[index * width + feature] = UInt8(Self.bin(of: item[feature], in: thresholds[feature]))
            }
        }
        self.bins = bins
    }

    func bin(of item: Int, feature: Int) -> Int { Int(bins[item * width + feature]) }

    /// The first of `thresholds` `value` is at most, or their count.
    static func bin(of value: Double, in thresholds: [Double]) -> Int {
        var (low, high) = (0, thresholds.count)
        while low < high {
            let middle = (low + high) / 2
            if value <= thresholds[middle] { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

extension Array {
    /// The elements that satisfy `belongs`, then those that do not, each in their order.
    fileprivate func partitioned(_ belongs: (Element) -> Bool) -> ([Element], [Element]) {
        var yes: [Element] = []
        var no: [Element] = []
        for element in self {
            if belongs(element) { yes.append(element) } else { no.append(element) }
        }
        return (yes, no)
    }
}
