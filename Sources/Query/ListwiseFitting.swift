import Foundation

/// Weights that rank each list's right items above the others, by a listwise loss: for each
/// list, the share of a softmax over its items that falls on the right ones, as high as can be.
/// Gradient descent from zero, a fixed number of steps and a small L2 penalty: the same lists
/// always give the same weights. Features should lie between 0 and 1.
enum ListwiseFitting {
    struct List {
        /// Each item's features, all of one width.
        var items: [[Double]]
        var right: [Bool]
        /// How much the list counts.
        var weight: Double
    }

    static func weights(_ lists: [List], width: Int, penalty: Double, steps: Int, rate: Double) -> [Double] {
        let lists = lists.filter { $0.right.contains(true) }
        var weights = [Double](repeating: 0, count: width)
        let totalWeight = lists.reduce(0) { $0 + $1.weight }
        guard totalWeight > 0 else { return weights }
        for _ in 0..<steps {
            var gradient = [Double](repeating: 0, count: width)
            for list in lists {
                let scores = list.items.map { zip(weights, $0).reduce(0) { $0 + $1.0 * $1.1 } }
                let top = scores.max() ?? 0
                let exponents = scores.map { exp($0 - top) }
                let all = exponents.reduce(0, +)
                let right = zip(exponents, list.right).reduce(0) { $0 + ($1.1 ? $1.0 : 0) }
                for (index, features) in list.items.enumerated() {
                    let share = exponents[index] / all - (list.right[index] ? exponents[index] / right : 0)
                    for k in 0..<width where features[k] != 0 { gradient[k] += list.weight * share * features[k] }
                }
            }
            for k in 0..<width {
                weights[k] -= rate * (gradient[k] / totalWeight + penalty * weights[k])
            }
        }
        return weights
    }
}
