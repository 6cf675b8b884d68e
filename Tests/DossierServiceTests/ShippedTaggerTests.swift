import Foundation
import Ingest
import Logging
import Testing

@testable import DossierService

/// The tagger's model as the daemon reads it at start: found beside the built executable, and
/// right on sentences it was not trained on.
@Suite struct ShippedTaggerTests {
    @Test func theShippedModelLoadsAndTagsSentencesItNeverSaw() throws {
        let tagger = try #require(ShippedTagger.load(logger: Logger(label: "test")))
        #expect(tagger.featureCount > 50_000)
        // The tests' own small treebank, written for them: none of it is in the training data.
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../IngestTests/Fixtures/tagger.conllu")
        let sentences = try Treebank.sentences(String(contentsOf: fixture, encoding: .utf8))
        #expect(TaggerTrainer.accuracy(of: tagger, on: sentences) >= 0.93)
        #expect(
            tagger.tag(WordSplitter.words("The minister didn't sign the new law in Berlin.").map(\.text))
                == [
                    .determiner, .noun, .auxiliary, .particle, .verb, .determiner, .adjective, .noun, .adposition,
                    .properNoun, .punctuation,
                ])
    }

    @Test func theModelIsLookedForInstalledThenBuilt() {
        #expect(
            ShippedTagger.candidates(executable: "/usr/local/bin/dossierd") == [
                "/usr/local/bin/../share/dossier/english-ewt.tagger",
                "/usr/local/bin/Dossier_DossierService.resources/Tagger/english-ewt.tagger",
                "/usr/local/bin/Dossier_DossierService.resources/english-ewt.tagger",
            ])
    }
}
