import Foundation
import Ingest
import Logging
import Query
import Testing

@testable import DossierService

/// WordNet's verbs and adjectives and their nouns, read from the database Debian's wordnet-base
/// installs.
@Suite struct WordNetFilesTests {
    /// Read once for the suite.
    static let installed = WordNetFiles().load()

    @Test(arguments: [
        ("die", "death"), ("invade", "invasion"), ("marry", "marriage"), ("grow", "growth"), ("tall", "height"),
        ("far", "distance"),
    ])
    func theInstalledDatabaseRelatesAVerbAndItsNoun(verb: String, noun: String) throws {
        let derivations = try #require(Self.installed)
        #expect(derivations.relatives(of: TermExtractor.term(verb)).contains(TermExtractor.term(noun)))
        #expect(derivations.relatives(of: TermExtractor.term(noun)).contains(TermExtractor.term(verb)))
    }

    @Test func linesCutBetweenThePartsReadAreReadWhole() throws {
        let whole = try #require(Self.installed)
        // 15 MB in parts of 97 bytes: lines cut everywhere, parts that are all one line's middle.
        var files = WordNetFiles()
        files.partSize = 97
        #expect(files.load() == whole)
    }

    @Test func aMissingDatabaseIsSaidAndQuestionsGoOnWithoutIt() async throws {
        var files = WordNetFiles()
        files.folder = FileManager.default.temporaryDirectory.appendingPathComponent("wordnet-\(UUID())").path
        #expect(files.load() == nil)
        let loader = DerivationsLoader(files: files, logger: Logger(label: "test"))
        #expect(await loader.derivations == .none)
        #expect(loader.missing == ["wordnet-base (\(files.folder))"])
    }
}
