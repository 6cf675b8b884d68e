import GRDB
import Testing

@testable import Store

@Suite struct SentenceRankingTests {
    @Test func bm25IsFTS5sForRowsThatHoldEachWordOnce() throws {
        let database = try DatabaseQueue()
        let rows = [
            "the harbour opened", "the harbour council met on monday", "ferries left the harbour at dawn",
            "the council voted", "nothing here", "rain", "the lamp was lit", "a ferry sank",
        ]
        let scores = try database.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(text)")
            for (id, text) in rows.enumerated() {
                try db.execute(sql: "INSERT INTO t(rowid, text) VALUES (?, ?)", arguments: [id, text])
            }
            return try Row.fetchAll(
                db, sql: "SELECT rowid, -bm25(t) AS score FROM t WHERE t MATCH 'harbour OR council' ORDER BY rowid")
        }
        let lengths = rows.map { Double($0.split(separator: " ").count) }
        let average = lengths.reduce(0, +) / Double(rows.count)
        func idf(_ word: String) -> Double {
            BM25.idf(count: rows.count { $0.split(separator: " ").contains(Substring(word)) }, total: rows.count)
        }
        for row in scores {
            let id: Int = row["rowid"]
            let words = rows[id].split(separator: " ")
            let weight = ["harbour", "council"].filter { words.contains(Substring($0)) }.map(idf).reduce(0, +)
            let expected = weight * BM25.saturation(lengthRatio: lengths[id] / average)
            #expect(abs(expected - row["score"]) < 1e-9, "\(rows[id])")
        }
        #expect(scores.count == 4)
        // A word in most rows still counts a little.
        #expect(BM25.idf(count: 7, total: 8) == 1e-6)
        #expect(BM25.idf(count: 0, total: 0) == 1e-6)
    }

    @Test func theHeaviestShortestSentencesRankFirstTiesByID() {
        let ranking = SentenceRanking(weights: [1: 2, 2: 2, 3: 2, 4: 5, 5: 0.5])
        let lengths: [Int64: Int] = [1: 100, 2: 20, 3: 20, 4: 300, 5: 10]
        let best = ranking.best(4, averageLength: 50) { ids in lengths.filter { ids.contains($0.key) } }
        // The heaviest sentence is six times the average length: two short ones outrank it.
        #expect(best.map(\.id) == [2, 3, 4, 1])
        #expect(best[0].relevance == 2 * BM25.saturation(lengthRatio: 0.4))
        #expect(ranking.best(0, averageLength: 50) { _ in [:] }.isEmpty)
        // A length not read counts as average.
        #expect(ranking.best(1, averageLength: 50) { _ in [:] }.first?.relevance == 5 * BM25.saturation(lengthRatio: 1))
    }

    @Test func lengthsAreReadOnlyForSentencesThatCanStillRank() {
        var weights: [Int64: Double] = [1: 10]
        for id in Int64(2)...1000 { weights[id] = 1 }
        var asked: [Int64] = []
        let best = SentenceRanking(weights: weights).best(1, averageLength: 10) { ids in
            asked += ids
            return Dictionary(uniqueKeysWithValues: ids.map { ($0, 10) })
        }
        #expect(best.map(\.id) == [1])
        #expect(asked.count == SentenceRanking.batch)
        // When the best could still be beaten by a short sentence, more are read.
        asked = []
        let close = SentenceRanking(weights: weights.mapValues { $0 == 10 ? 1.5 : $0 }).best(1, averageLength: 10) {
            ids in
            asked += ids
            return Dictionary(uniqueKeysWithValues: ids.map { ($0, $0 == 1 ? 40 : 10) })
        }
        #expect(asked.count > SentenceRanking.batch)
        #expect(close.map(\.id) == [2])
    }
}
