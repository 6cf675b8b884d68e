import ArgumentParser
import DossierService
import Foundation
import Ingest
import Query
import Store

/// Fits the answer ranker's weights to questions whose answers are known and writes them.
@main
struct FitRanker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier-fit-ranker",
        abstract: "Fit the answer ranker's weights to questions with known answers, and write them.",
        discussion: """
            Each SQuAD file's articles become documents (one an article, as Scripts/eval-answers writes
            them), and so do the seed and Tests/Evaluation's corpus; every question's candidate sentences
            are read as dossierd reads them, labelled by whether they hold a gold answer, and a logistic
            model is fitted to them. Prints the figures of the weights compiled in and of the new ones,
            each on questions of articles left out of the fit (one article at a time) and on all.
            The same files give the same weights.
            """)

    @Option(name: .customLong("squad"), help: "A file of questions in the SQuAD v1.1 layout (repeatable).")
    var squadFiles: [String] = []

    @Option(help: "A folder with questions.json and corpus/, in the layout of Tests/Evaluation (\"\" for none).")
    var evaluation = "Tests/Evaluation"

    @Option(help: "The seed documents Tests/Evaluation's questions also ask about.")
    var seeds = "seeds"

    @Option(help: "The part-of-speech model questions are read with, as dossierd reads them.")
    var tagger = "Sources/DossierService/Resources/Tagger/english-ewt.tagger"

    @Option(help: "Where to write the weights.")
    var output = "Sources/Query/Resources/answer-ranker.json"

    @Option(help: "The L2 penalty on the ranking weights.")
    var penalty = 0.001

    @Option(help: "Also write every candidate's features and label to this CSV file.")
    var features: String?

    func run() async throws {
        let lexicon = NameLexiconFiles().load().lexicon
        let tagger = try TaggerModelFile.decode(Array(Data(contentsOf: URL(fileURLWithPath: self.tagger))))
        let ingestor = Ingestor(configuration: IngestConfiguration(lexicon: lexicon, tagger: tagger))
        var sources: [[RankerFitting.LabelledQuestion]] = []
        for file in squadFiles {
            sources.append(try await Self.squadQuestions(file, ingestor: ingestor, tagger: tagger))
        }
        if !evaluation.isEmpty {
            sources.append(
                try await Self.evaluationQuestions(evaluation, seeds: seeds, ingestor: ingestor, tagger: tagger))
        }
        // Each source counts as much as another in the fit, however many questions it has: the
        // project's own documents (reports, notes, pages with headings that ask) as much as the
        // encyclopedia's.
        let largest = sources.map { $0.count { $0.answerable } }.max() ?? 1
        let questions = sources.flatMap { source in
            let weight = Double(largest) / Double(max(1, source.count { $0.answerable }))
            return source.map { question in
                var question = question
                question.weight = weight
                return question
            }
        }
        let groups = Set(questions.map(\.group)).count
        print(
            "\(questions.count) questions in \(groups) groups, \(questions.reduce(0) { $0 + $1.candidates.count }) candidates"
        )

        if let features {
            var csv = "group,question,answerable,holds," + RankingFeatures.names.joined(separator: ",") + "\n"
            for (number, question) in questions.enumerated() {
                let row =
                    "\(question.group.replacingOccurrences(of: ",", with: " ")),\(number),\(question.answerable ? 1 : 0),"
                for (values, holds) in zip(question.features, question.holdsAnswer) {
                    csv += row + "\(holds ? 1 : 0)," + values.values.map { String($0) }.joined(separator: ",") + "\n"
                }
                // A question without candidates: one row that says so.
                if question.candidates.isEmpty {
                    csv += row + "-1" + String(repeating: ",0", count: RankingFeatures.count) + "\n"
                }
            }
            try Data(csv.utf8).write(to: URL(fileURLWithPath: features))
        }
        let fitted = RankerFitting.model(questions, penalty: penalty)
        print("compiled in, on all:       \(RankerFitting.figures(of: .shipped, on: questions))")
        print("fitted, on all:            \(RankerFitting.figures(of: fitted, on: questions))")
        print("fitted, groups left out:   \(RankerFitting.crossValidated(questions, penalty: penalty))")
        for (name, weight) in zip(RankingFeatures.names, fitted.weights.values) {
            print(String(format: "  %-17@ %+.3f", name as NSString, weight))
        }
        print(String(format: "  bias %+.3f, threshold %.3f, floor %.3f", fitted.bias, fitted.threshold, fitted.floor))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try (encoder.encode(fitted) + Data("\n".utf8)).write(to: URL(fileURLWithPath: output), options: .atomic)
        print("written to \(output)")
    }

    /// Labelled questions over `documents` (name and text), asked through the query engine as dossierd asks.
    static func labelled(
        documents: [(name: String, bytes: [UInt8])], questions: [(group: String, text: String, gold: [String])],
        ingestor: Ingestor, tagger: PartOfSpeechTagger
    ) async throws -> [RankerFitting.LabelledQuestion] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-fit-ranker-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try DocumentStore(path: folder.appendingPathComponent("cache.sqlite").path)
        var changes: [StoreChange] = []
        for (index, document) in documents.enumerated() {
            changes.append(
                .index(
                    path: document.name,
                    file: FileState(size: 1, modificationTime: 1, inode: UInt64(index + 1), contentHash: document.name),
                    result: ingestor.ingest(document.bytes, fileName: document.name)))
        }
        try await store.writer.apply(changes)
        let engine = QueryEngine(store: store, tagger: tagger)
        var labelled: [RankerFitting.LabelledQuestion] = []
        for item in questions {
            let question = Question(item.text, tagger: tagger)
            guard !question.terms.isEmpty else { continue }
            let (ranker, candidates) = try await engine.candidates(for: question)
            let gold = item.gold.map { $0.lowercased() }
            labelled.append(
                RankerFitting.LabelledQuestion(
                    group: item.group, text: item.text, candidates: candidates, features: ranker.features(candidates),
                    holdsAnswer: candidates.map { candidate in
                        let text = candidate.text.lowercased()
                        return gold.contains { text.contains($0) }
                    }, answerable: !gold.isEmpty))
        }
        return labelled
    }

    struct Squad: Decodable {
        struct Article: Decodable {
            var title: String
            var paragraphs: [Paragraph]
        }
        struct Paragraph: Decodable {
            var context: String
            var qas: [Item]
        }
        struct Item: Decodable {
            var question: String
            var answers: [Answer]
        }
        struct Answer: Decodable { var text: String }
        var data: [Article]
    }

    /// A SQuAD file's articles, each one document (its title, then its paragraphs), and its
    /// questions grouped by article.
    static func squadQuestions(_ file: String, ingestor: Ingestor, tagger: PartOfSpeechTagger) async throws
        -> [RankerFitting.LabelledQuestion]
    {
        let squad = try JSONDecoder().decode(Squad.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        var documents: [(name: String, bytes: [UInt8])] = []
        var questions: [(group: String, text: String, gold: [String])] = []
        for article in squad.data {
            let title = article.title.replacingOccurrences(of: "_", with: " ")
            let text =
                title + "\n\n"
                + article.paragraphs.map { $0.context.trimmingCharacters(in: .whitespacesAndNewlines) }
                .joined(separator: "\n\n") + "\n"
            documents.append((article.title + ".txt", Array(text.utf8)))
            for paragraph in article.paragraphs {
                for item in paragraph.qas {
                    questions.append(
                        (
                            article.title, item.question,
                            item.answers.map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
                        ))
                }
            }
        }
        return try await labelled(documents: documents, questions: questions, ingestor: ingestor, tagger: tagger)
    }

    struct QuestionSet: Decodable {
        struct Item: Decodable {
            var set: String
            var question: String
            var answers: [String]
        }
        var questions: [Item]
    }

    /// Tests/Evaluation's questions over the seed and its corpus, grouped by set.
    static func evaluationQuestions(_ folder: String, seeds: String, ingestor: Ingestor, tagger: PartOfSpeechTagger)
        async throws
        -> [RankerFitting.LabelledQuestion]
    {
        var documents: [(name: String, bytes: [UInt8])] = []
        for directory in [seeds, folder + "/corpus"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
                let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
                documents.append((name, Array(data)))
            }
        }
        let set = try JSONDecoder().decode(
            QuestionSet.self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/questions.json")))
        return try await labelled(
            documents: documents,
            questions: set.questions.map { ("evaluation/" + $0.set, $0.question, $0.answers) }, ingestor: ingestor,
            tagger: tagger)
    }
}
