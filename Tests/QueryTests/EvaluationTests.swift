import DossierTesting
import Foundation
import Ingest
import Store
import Testing

@testable import Query

/// Question answering measured on the seed and on Tests/Evaluation: accuracy at 1 and 3 and the
/// mean reciprocal rank of the first right answer. The suite fails when accuracy falls below the
/// levels below. `Scripts/eval` prints the report.
@Suite struct EvaluationTests {
    /// The levels reached; a change that answers fewer questions right fails CI.
    static let minimumAccuracyAt1: [String: Double] = ["seed": 1.0, "corpus": 0.97, "unanswerable": 1.0]

    struct QuestionSet: Decodable {
        struct Item: Decodable {
            var set: String
            var question: String
            var answers: [String]
            var path: String?
        }
        var questions: [Item]
    }

    struct Score {
        var questions = 0
        var atOne = 0
        var atThree = 0
        var reciprocalRanks = 0.0
        var misses: [String] = []

        mutating func add(rank: Int?, question: String, got: String) {
            questions += 1
            if rank == 1 { atOne += 1 }
            if let rank, rank <= 3 { atThree += 1 }
            reciprocalRanks += rank.map { 1 / Double($0) } ?? 0
            if rank != 1 { misses.append("\(question) → \(got)") }
        }

        func ratio(_ count: Int) -> Double { questions == 0 ? 0 : Double(count) / Double(questions) }
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func questionsAreAnsweredFromTheRightPassage() async throws {
        let work = try TemporaryDirectory()
        let store = try DocumentStore(path: work.subpath("cache.sqlite"))
        // As dossierd reads and answers: with the tagger its model ships.
        let model = Self.repository.appendingPathComponent("Sources/DossierService/Resources/Tagger/english-ewt.tagger")
        let tagger = try TaggerModelFile.decode(Array(Data(contentsOf: model)))
        let ingestor = Ingestor(configuration: IngestConfiguration(tagger: tagger))
        var changes: [StoreChange] = []
        for folder in ["seeds", "Tests/Evaluation/corpus"] {
            let directory = Self.repository.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
                let bytes = try Data(contentsOf: directory.appendingPathComponent(name))
                changes.append(
                    .index(
                        path: name,
                        file: FileState(size: 1, modificationTime: 1, inode: UInt64(changes.count), contentHash: name),
                        result: ingestor.ingest(Array(bytes), fileName: name)))
            }
        }
        try await store.writer.apply(changes)
        // And with WordNet's derivations, from the system as dossierd reads them (wordnet-base).
        let wordNet = URL(fileURLWithPath: "/usr/share/wordnet")
        let lines = { (name: String) in
            WordNetDerivations.lines(Array(try Data(contentsOf: wordNet.appendingPathComponent(name))))
        }
        let derivations = WordDerivations(
            wordNetVerbs: try lines("data.verb"), adjectives: try lines("data.adj"), nouns: try lines("data.noun"))
        let engine = QueryEngine(store: store, tagger: tagger, derivations: derivations)
        let set = try JSONDecoder().decode(
            QuestionSet.self,
            from: Data(contentsOf: Self.repository.appendingPathComponent("Tests/Evaluation/questions.json")))

        var scores: [String: Score] = [:]
        for item in set.questions {
            let answers = try await engine.ask(item.question, limit: 3).answers
            let rank: Int?
            if item.answers.isEmpty {
                rank = answers.isEmpty ? 1 : nil
            } else {
                rank = answers.firstIndex { answer in
                    (item.path == nil || answer.path == item.path)
                        && item.answers.contains { answer.text.localizedCaseInsensitiveContains($0) }
                }.map { $0 + 1 }
            }
            scores[item.set, default: Score()].add(
                rank: rank, question: item.question,
                got: answers.isEmpty
                    ? "no answer"
                    : answers.prefix(3).map { "\($0.confidence) \($0.path): \($0.text)" }.joined(separator: " | "))
        }

        var report = ["set           questions  acc@1  acc@3  MRR"]
        for (name, score) in scores.sorted(by: { $0.key > $1.key }) {
            report.append(
                name.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + String(
                        format: "%9d  %5.2f  %5.2f  %4.2f", score.questions, score.ratio(score.atOne),
                        score.ratio(score.atThree), score.reciprocalRanks / Double(max(score.questions, 1))))
        }
        for (name, score) in scores.sorted(by: { $0.key > $1.key }) {
            for miss in score.misses { report.append("miss [\(name)] \(miss)") }
        }
        print(report.map { "evaluation: " + $0 }.joined(separator: "\n"))

        for (name, minimum) in Self.minimumAccuracyAt1 {
            let score = try #require(scores[name])
            #expect(score.ratio(score.atOne) >= minimum, "accuracy at 1 on \(name) fell below \(minimum)")
        }
    }
}
