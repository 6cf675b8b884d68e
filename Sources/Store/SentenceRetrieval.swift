import Foundation

/// What finds the sentences that may answer a question: parts of a full-text expression, each
/// looked up by itself. A sentence counts the rarity of each part it holds.
///
/// The sentence index keeps which sentences hold a word, not where in them: sentences are short,
/// and their positions would double the index. Without positions FTS5 can neither rank nor find
/// a phrase, so a word is all of its pieces (`("isis" AND "k")` for "ISIS-K"), and sentences are
/// ranked by ``BM25`` from the parts they hold.
public struct SentenceRetrieval: Sendable, Equatable {
    /// Words a sentence must hold all of, each an FTS5 expression without phrases. The part
    /// weighs the sum of their rarities in the index.
    public struct Part: Sendable, Equatable {
        public var words: [String]

        public init(_ words: [String]) {
            self.words = words
        }

        /// The part as one FTS5 expression.
        public var expression: String {
            words.count == 1 ? words[0] : "(" + words.joined(separator: " AND ") + ")"
        }
    }

    public var parts: [Part]

    public init(parts: [Part]) {
        self.parts = parts
    }

    /// Every part as one expression: a text that holds any of them.
    public var anyPart: String {
        parts.map(\.expression).joined(separator: " OR ")
    }
}

/// BM25 as FTS5's `bm25()` computes it, for rows in which each part counts once.
enum BM25 {
    static let k1 = 1.2
    static let b = 0.75

    /// The inverse document frequency of a term that `count` of `total` rows hold. A term in
    /// more than half of them still counts a little, as in FTS5.
    static func idf(count: Int, total: Int) -> Double {
        let idf = log((Double(total - count) + 0.5) / (Double(count) + 0.5))
        return idf > 0 ? idf : 1e-6
    }

    /// What a part counts, for its weight, in a row `lengthRatio` times the average length.
    static func saturation(lengthRatio: Double) -> Double {
        (k1 + 1) / (1 + k1 * (1 - b + b * max(0, lengthRatio)))
    }

    /// The most ``saturation(lengthRatio:)`` gives: in the shortest rows.
    static let mostSaturation = saturation(lengthRatio: 0)
}

/// The best sentences by ``BM25``: each sentence's parts' weights summed, times what its length
/// leaves of them. Lengths are read only for the sentences that can still rank among the best.
struct SentenceRanking {
    /// The summed weights of the parts each sentence holds.
    var weights: [Int64: Double]

    /// How many sentences' lengths are read at a time.
    static let batch = 100

    /// The `limit` best sentences, best first (ties by id), and their relevance. `lengths` gives
    /// the length of each of the sentences asked for; one it leaves out counts as average.
    func best(
        _ limit: Int, averageLength: Double, lengths: ([Int64]) throws -> [Int64: Int]
    ) rethrows -> [(id: Int64, relevance: Double)] {
        guard limit > 0 else { return [] }
        let ordered = weights.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        var best: [(id: Int64, relevance: Double)] = []
        var start = 0
        while start < ordered.count {
            // No sentence after this one can rank: even the shortest would score less.
            if best.count == limit, ordered[start].value * BM25.mostSaturation < best[limit - 1].relevance { break }
            let chunk = ordered[start..<min(start + Self.batch, ordered.count)]
            let read = try lengths(chunk.map(\.key))
            for (id, weight) in chunk {
                let ratio = read[id].map { averageLength > 0 ? Double($0) / averageLength : 1 } ?? 1
                let relevance = weight * BM25.saturation(lengthRatio: ratio)
                let place = best.firstIndex { ($0.relevance, id) < (relevance, $0.id) } ?? best.count
                if place < limit {
                    best.insert((id, relevance), at: place)
                    if best.count > limit { best.removeLast() }
                }
            }
            start += Self.batch
        }
        return best
    }
}
