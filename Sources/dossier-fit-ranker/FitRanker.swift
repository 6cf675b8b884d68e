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
        abstract: "Fit the answer ranker's and the short answers' weights to questions with known answers.",
        discussion: """
            Each SQuAD file's articles become documents (one an article, as Scripts/eval-answers writes
            them), and so do the seed and Tests/Evaluation's corpus; every question's candidate sentences
            are read as dossierd reads them, labelled by whether they hold a gold answer, and weights
            and regression trees are fitted to them. Then the phrases of the sentences that answer
            SQuAD's questions, labelled by whether they equal a gold answer, fit the weights and trees
            that choose the short answer.
            Prints the figures of the weights compiled in and of the new ones, each on questions of
            articles left out of the fit (one article at a time) and on all. The same files give the
            same weights.
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

    @Option(help: "Where to write the short-answer chooser's weights.")
    var phrasesOutput = "Sources/Query/Resources/answer-phrases.json"

    @Option(help: "The L2 penalty on the ranking weights.")
    var penalty = 0.001

    @Option(
        help: """
            How many regression trees to add to the chooser's weights, and to each of the ranker's two \
            models' (the one that ranks, and the one that says whether anything answers); 0 for none.
            """)
    var trees = TreeBoosting.Settings().rounds

    @Option(help: "How many leaves each tree grows at most.")
    var treeLeaves = TreeBoosting.Settings().leaves

    @Option(help: "What each tree's leaves are multiplied by.")
    var treeRate = TreeBoosting.Settings().learningRate

    @Option(help: "How many candidates (or phrases) each side of a tree's split keeps at least.")
    var treeMinimum = TreeBoosting.Settings().minimumItems

    @Option(help: "Also write every candidate's features and label to this CSV file.")
    var features: String?

    @Option(help: "The L2 penalty on the short-answer chooser's weights.")
    var phrasePenalty = 0.001

    @Option(help: "Also write every phrase's features and label to this CSV file.")
    var phraseFeatures: String?

    @Flag(help: "Fit the short-answer chooser alone, against the ranker compiled in; write no ranker weights.")
    var phrasesOnly = false

    func run() async throws {
        let lexicon = NameLexiconFiles().load().lexicon
        let tagger = try TaggerModelFile.decode(Array(Data(contentsOf: URL(fileURLWithPath: self.tagger))))
        let ingestor = Ingestor(configuration: IngestConfiguration(lexicon: lexicon, tagger: tagger))
        var sources: [[RankerFitting.LabelledQuestion]] = []
        // Only SQuAD's answers are short answers: the phrases are fitted to its questions alone.
        var phraseQuestions: [PhraseFitting.LabelledQuestion] = []
        for file in squadFiles {
            let labelled = try await Self.squadQuestions(file, ingestor: ingestor, tagger: tagger)
            sources.append(labelled.ranking)
            phraseQuestions += labelled.phrases
        }
        if !evaluation.isEmpty {
            sources.append(
                try await Self.evaluationQuestions(evaluation, seeds: seeds, ingestor: ingestor, tagger: tagger).ranking
            )
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
        let boosting = TreeBoosting.Settings(
            rounds: trees, learningRate: treeRate, leaves: treeLeaves, minimumItems: treeMinimum)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        if phrasesOnly { return try fitPhrases(phraseQuestions, boosting: boosting, encoder: encoder) }
        let fitted = RankerFitting.model(questions, penalty: penalty, boosting: boosting)
        print("compiled in, on all:       \(RankerFitting.figures(of: .shipped, on: questions))")
        print("fitted, on all:            \(RankerFitting.figures(of: fitted, on: questions))")
        let linear = RankerFitting.crossValidated(questions, penalty: penalty, boosting: .none)
        print("weights alone, left out:   \(linear)")
        if trees > 0 {
            print(
                "with \(trees) trees, left out: "
                    + "\(RankerFitting.crossValidated(questions, penalty: penalty, boosting: boosting))")
        }
        for (name, weight) in zip(RankingFeatures.names, fitted.weights.values) {
            print(String(format: "  %-17@ %+.3f", name as NSString, weight))
        }
        print(
            String(
                format: "  bias %+.3f, %d trees, threshold %.3f, floor %.3f", fitted.bias, fitted.trees.count,
                fitted.threshold, fitted.floor))
        try (encoder.encode(fitted) + Data("\n".utf8)).write(to: URL(fileURLWithPath: output), options: .atomic)
        print("written to \(output)")

        if !phraseQuestions.isEmpty { try fitPhrases(phraseQuestions, boosting: boosting, encoder: encoder) }
    }

    /// Fits the short-answer chooser to `questions`, prints its figures and writes its weights.
    func fitPhrases(
        _ questions: [PhraseFitting.LabelledQuestion], boosting: TreeBoosting.Settings, encoder: JSONEncoder
    ) throws {
        print("short answers, \(questions.count) questions, on the sentence answered first:")
        if let phraseFeatures {
            try Data(Self.phraseCSV(questions).utf8).write(to: URL(fileURLWithPath: phraseFeatures))
        }
        let fitted = PhraseFitting.fit(questions, penalty: phrasePenalty, boosting: boosting)
        let rules = PhraseWeights(weights: Array(repeating: 0, count: PhraseFeatures.count))
        print("  the rules alone, on all:   \(PhraseFitting.figures(of: rules, on: questions))")
        print("  compiled in, on all:       \(PhraseFitting.figures(of: .shipped, on: questions))")
        print("  fitted, on all:            \(PhraseFitting.figures(of: fitted, on: questions))")
        let linear = PhraseFitting.crossValidated(questions, penalty: phrasePenalty, boosting: .none)
        print("  weights alone, left out:   \(linear)")
        if boosting.rounds > 0 {
            print(
                "  with \(boosting.rounds) trees, left out: "
                    + "\(PhraseFitting.crossValidated(questions, penalty: phrasePenalty, boosting: boosting))")
        }
        for (name, weight) in zip(PhraseFeatures.names, fitted.weights) {
            print(String(format: "  %-17@ %+.3f", name as NSString, weight))
        }
        try (encoder.encode(fitted) + Data("\n".utf8)).write(
            to: URL(fileURLWithPath: phrasesOutput), options: .atomic)
        print("written to \(phrasesOutput)")
    }

    /// Every phrase of the sentences answered first and of those learned from, with its
    /// features, its label, its text, the question and the gold answers.
    static func phraseCSV(_ questions: [PhraseFitting.LabelledQuestion]) -> String {
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var csv = "group,question,sentence,right," + PhraseFeatures.names.joined(separator: ",") + ",text,asked,gold\n"
        for (number, question) in questions.enumerated() {
            let row = "\(question.group.replacingOccurrences(of: ",", with: " ")),\(number),"
            let end = "," + quoted(question.question) + "," + quoted(question.gold.joined(separator: " | ")) + "\n"
            for (name, sentence) in [("first", question.first), ("holding", question.holding)] {
                guard let sentence else { continue }
                for (values, (right, text)) in zip(sentence.phrases, zip(sentence.right, sentence.texts)) {
                    csv +=
                        row + "\(name),\(right ? 1 : 0)," + values.values.map { String($0) }.joined(separator: ",")
                        + "," + quoted(text) + end
                }
            }
        }
        return csv
    }

    /// Labelled questions over `documents` (name and text), asked through the query engine as
    /// dossierd asks: their candidate sentences, and the phrases of the sentences that answer.
    static func labelled(
        documents: [(name: String, bytes: [UInt8])], questions: [(group: String, text: String, gold: [String])],
        ingestor: Ingestor, tagger: PartOfSpeechTagger
    ) async throws -> (ranking: [RankerFitting.LabelledQuestion], phrases: [PhraseFitting.LabelledQuestion]) {
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
        let engine = QueryEngine(store: store, tagger: tagger, derivations: derivations)
        var labelled: [RankerFitting.LabelledQuestion] = []
        var phrases: [PhraseFitting.LabelledQuestion] = []
        for item in questions {
            let question = Question(item.text, tagger: tagger)
            guard !question.terms.isEmpty else { continue }
            let (ranker, candidates) = try await engine.candidates(for: question)
            let gold = item.gold.map { $0.lowercased() }
            let features = ranker.features(candidates)
            if !gold.isEmpty {
                phrases.append(
                    Self.phrases(
                        of: question, candidates, features: features, ranker: ranker, gold: gold, group: item.group,
                        tagger: tagger))
            }
            labelled.append(
                RankerFitting.LabelledQuestion(
                    group: item.group, text: item.text, candidates: candidates, features: features,
                    holdsAnswer: candidates.map { candidate in
                        let text = candidate.text.lowercased()
                        return gold.contains { text.contains($0) }
                    }, answerable: !gold.isEmpty))
        }
        return (labelled, phrases)
    }

    /// The phrases of the sentence the ranker puts first and of the best-ranked one that holds a
    /// gold answer, each labelled by whether it is one (trimmed, in any case, as
    /// Scripts/eval-answers compares them).
    static func phrases(
        of question: Question, _ candidates: [AnswerCandidate], features: [RankingFeatures], ranker: AnswerRanker,
        gold: [String], group: String, tagger: PartOfSpeechTagger
    ) -> PhraseFitting.LabelledQuestion {
        let ranked = ranker.rank(candidates, features: features, limit: candidates.count).map(\.candidate)
        func read(_ candidate: AnswerCandidate) -> PhraseFitting.LabelledSentence {
            let phrases = ShortAnswer.phrases(
                candidate, for: question, questionEntities: Set(ranker.questionEntities.keys),
                relatives: ranker.relatives, tagger: tagger)
            return PhraseFitting.LabelledSentence(
                phrases: phrases.map(\.features),
                right: phrases.map { gold.contains($0.phrase.text.trimmingCharacters(in: .whitespaces).lowercased()) },
                texts: phrases.map(\.phrase.text))
        }
        let holding = ranked.first { candidate in gold.contains { candidate.text.lowercased().contains($0) } }
        return PhraseFitting.LabelledQuestion(
            group: group, first: ranked.first.map(read), holding: holding.map(read), question: question.text,
            gold: gold)
    }

    /// WordNet's relations, as dossierd reads them: read once, for every set of questions.
    static let derivations = WordNetFiles().load() ?? .none

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
        -> (ranking: [RankerFitting.LabelledQuestion], phrases: [PhraseFitting.LabelledQuestion])
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
        -> (ranking: [RankerFitting.LabelledQuestion], phrases: [PhraseFitting.LabelledQuestion])
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
