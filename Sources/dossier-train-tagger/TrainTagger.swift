import ArgumentParser
import Foundation
import Ingest

/// Trains the part-of-speech tagger on a Universal Dependencies treebank and writes the model.
@main
struct TrainTagger: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier-train-tagger",
        abstract: "Train the part-of-speech tagger on a CoNLL-U treebank and write its model.",
        discussion: """
            Reads <prefix>-train.conllu, -dev.conllu and -test.conllu from the folder; trains on train,
            reports accuracy on dev and test and the speed of tagging, and writes the model.
            The same files and options always give the same model file. With --measure, reports
            the figures of a model already made.
            """)

    @Argument(help: "The treebank's folder.")
    var folder: String

    @Option(help: "The files' common prefix.")
    var prefix = "en_ewt-ud"

    @Option(help: "Where to write the model.")
    var output: String?

    @Option(help: "Measure this model on dev and test, and its speed, instead of training one.")
    var measure: String?

    @Option(help: "Passes over the training sentences.")
    var iterations = 8

    @Option(help: "Averaged weights smaller than this are left out.")
    var smallest: Float = 0.1

    @Option(help: "Seeds the order of sentences.")
    var seed: UInt64 = 1

    func run() throws {
        func read(_ part: String) throws -> [Treebank.Sentence] {
            let path = "\(folder)/\(prefix)-\(part).conllu"
            return try Treebank.sentences(String(contentsOfFile: path, encoding: .utf8))
        }
        let dev = try read("dev")
        let test = try read("test")
        let loaded: PartOfSpeechTagger
        if let measure {
            loaded = try TaggerModelFile.decode(Array(Data(contentsOf: URL(fileURLWithPath: measure))))
            print("model: \(loaded.featureCount) features, read from \(measure)")
        } else {
            guard let output else {
                throw ValidationError("Say where to write the model (--output), or --measure one.")
            }
            let train = try read("train")
            print("train: \(train.count) sentences, \(train.reduce(0) { $0 + $1.words.count }) words")
            let trainer = TaggerTrainer(iterations: iterations, seed: seed, smallest: smallest)
            let tagger = trainer.train(train) { pass, accuracy in
                print(String(format: "pass %d: %.2f%% on train (while learning)", pass, accuracy * 100))
            }
            let bytes = TaggerModelFile.encode(tagger)
            try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
            loaded = try TaggerModelFile.decode(bytes)
            print("model: \(loaded.featureCount) features, \(bytes.count) bytes, written to \(output)")
        }
        print(String(format: "dev:  %.2f%% UPOS", TaggerTrainer.accuracy(of: loaded, on: dev) * 100))
        print(String(format: "test: %.2f%% UPOS", TaggerTrainer.accuracy(of: loaded, on: test) * 100))
        // Speed: the test file's text, split into words and tagged, sentence by sentence, on one core.
        let texts = test.map { $0.words.joined(separator: " ") }
        let size = texts.reduce(0) { $0 + $1.utf8.count }
        let words = texts.map { WordSplitter.words($0).map(\.text) }
        let splitAndTagged = Self.speed(bytes: size) {
            texts.reduce(0) { $0 + loaded.tag(WordSplitter.words($1).map(\.text)).count }
        }
        print(
            String(
                format: "speed: %.1f MB/s (split and tagged, one core; the fastest of 5, median %.1f)",
                splitAndTagged.fastest, splitAndTagged.median))
        let tagged = Self.speed(bytes: size) { words.reduce(0) { $0 + loaded.tag($1).count } }
        print(
            String(
                format: "speed: %.1f MB/s (tagged alone, words already split; the fastest of 5, median %.1f)",
                tagged.fastest,
                tagged.median))
    }

    /// Megabytes a second `pass` reads of `bytes`, in five timings of as many passes as fill half
    /// a second: the fastest (what the code can do; a busy machine only slows it) and the median.
    static func speed(bytes: Int, _ pass: () -> Int) -> (fastest: Double, median: Double) {
        var rates: [Double] = []
        for _ in 0..<5 {
            let start = ContinuousClock.now
            var passes = 0
            var elapsed = Duration.zero
            repeat {
                precondition(pass() > 0)
                passes += 1
                elapsed = ContinuousClock.now - start
            } while elapsed < .milliseconds(500)
            let seconds = Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)
            rates.append(Double(bytes * passes) / seconds / 1e6)
        }
        let sorted = rates.sorted()
        return (sorted.last!, sorted[sorted.count / 2])
    }
}
