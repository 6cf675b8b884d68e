import DossierTesting
import Foundation
import Testing

/// `dossier-fit-ranker`, the program behind `Scripts/fit-ranker`, on a small file of questions
/// written for the tests: it reports its figures and writes the same weights every time, the
/// ranker's and the short-answer chooser's.
@Suite struct FitRankerTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/squad.json").path

    @Test func fittingTwiceWritesTheSameWeights() throws {
        let work = try TemporaryDirectory()
        var written: [Data] = []
        var phrases: [Data] = []
        for run in 0..<2 {
            let output = work.subpath("weights-\(run).json")
            let phrasesOutput = work.subpath("phrases-\(run).json")
            let (status, printed) = try runCommand([
                DaemonProcess.executable("dossier-fit-ranker"), "--squad", Self.fixture, "--evaluation", "",
                "--output", output, "--phrases-output", phrasesOutput,
            ])
            #expect(status == 0, "\(printed)")
            #expect(printed.contains("8 questions in 2 groups"), "\(printed)")
            #expect(printed.contains("weights alone, left out:"), "\(printed)")
            #expect(printed.contains("with 100 trees, left out:"), "\(printed)")
            #expect(printed.contains("short answers, 8 questions"), "\(printed)")
            written.append(try Data(contentsOf: URL(fileURLWithPath: output)))
            phrases.append(try Data(contentsOf: URL(fileURLWithPath: phrasesOutput)))
        }
        #expect(written[0] == written[1])
        #expect(phrases[0] == phrases[1])
        let chooser = try JSONSerialization.jsonObject(with: phrases[0]) as? [String: Any]
        // A weight for every feature the chooser reads: the features the shipped weights name.
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/Query/Resources/answer-phrases.json")
        let shippedChooser = try JSONSerialization.jsonObject(with: Data(contentsOf: shipped)) as? [String: Any]
        let features = Set((shippedChooser?["weights"] as? [String: Double])?.keys.map { $0 } ?? [])
        #expect(features.count > 50)
        #expect(Set((chooser?["weights"] as? [String: Double])?.keys.map { $0 } ?? []) == features)
        #expect((chooser?["trees"] as? [[String: Any]])?.count == 100)
        let weights = try JSONSerialization.jsonObject(with: written[0]) as? [String: Any]
        #expect(Set((weights?["weights"] as? [String: Double])?.keys.map { $0 } ?? []).count == 24)
        #expect((weights?["threshold"] as? Double).map { $0 > 0 && $0 < 1 } == true)
        #expect((weights?["trees"] as? [[String: Any]])?.count == 100)
        // The model that says whether anything answers, beside the one that ranks.
        let absolute = weights?["absolute"] as? [String: Any]
        #expect((absolute?["weights"] as? [String: Double])?.count == 24)
        #expect((absolute?["trees"] as? [[String: Any]])?.count == 100)

        // The chooser alone: the same weights, and no ranker's written.
        let output = work.subpath("weights-alone.json")
        let phrasesOutput = work.subpath("phrases-alone.json")
        let (status, printed) = try runCommand([
            DaemonProcess.executable("dossier-fit-ranker"), "--squad", Self.fixture, "--evaluation", "",
            "--output", output, "--phrases-output", phrasesOutput, "--phrases-only",
        ])
        #expect(status == 0, "\(printed)")
        #expect(printed.contains("short answers, 8 questions"), "\(printed)")
        #expect(!printed.contains("answer@1"), "\(printed)")
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try Data(contentsOf: URL(fileURLWithPath: phrasesOutput)) == phrases[0])
    }

    @Test func aMissingFileIsAnErrorThatSaysWhich() throws {
        let (status, printed) = try runCommand([
            DaemonProcess.executable("dossier-fit-ranker"), "--squad", "/nonexistent/questions.json", "--evaluation",
            "", "--output", "/dev/null", "--phrases-output", "/dev/null",
        ])
        #expect(status != 0)
        #expect(printed.contains("questions.json"), "\(printed)")
    }
}
