import Foundation
import Testing

@testable import Ingest

/// Names read with the shipped part-of-speech tagger, as dossierd reads them: one sentence
/// written for each rule, and where the tagger decides, the same sentence read without it.
@Suite struct TaggedNameTests {
    static let tagger: PartOfSpeechTagger? = {
        let model = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(
                "Sources/DossierService/Resources/Tagger/english-ewt.tagger")
        return try? TaggerModelFile.decode(Array(Data(contentsOf: model)))
    }()

    /// A few words as the maintained dictionary has them.
    static let lexicon = NameLexicon(
        countries: ["Germany", "Panama", "United States", "Mexico"], regions: [], cities: ["Bergamo"],
        commonWords: ["attendance", "amber", "current", "august", "economist"],
        properNouns: ["August"])

    func entities(_ text: String, tagged: Bool = true) throws -> [Entity] {
        let tagger = try #require(Self.tagger, "the shipped model loads")
        let configuration = IngestConfiguration(lexicon: Self.lexicon, tagger: tagged ? tagger : nil)
        guard
            case .document(let document) = Ingestor(configuration: configuration).ingest(
                Array(("Notes\n\n" + text).utf8), fileName: "t.txt")
        else { return [] }
        return document.annotations.entities
    }

    func names(_ text: String, tagged: Bool = true) throws -> [String] {
        try entities(text, tagged: tagged).map(\.name)
    }

    @Test func aDictionaryWordStartingASentenceIsANameOnlyWhenTheTaggerSaysSo() throws {
        #expect(try names("Attendance 12,000.") == [])
        #expect(try names("Attendance 12,000.", tagged: false) == ["Attendance"])
        #expect(try names("Amber Rudd met the press.") == ["Amber Rudd"])
        #expect(try names("Amber Rudd met the press.", tagged: false) == ["Rudd"])
        #expect(try names("Current rates rose, said Alan Greenspan.") == ["Alan Greenspan"])
        // A role starting a sentence is not the name it goes before.
        let economist = try entities("Economist Joel Naroff expects more.")
        #expect(economist.map(\.name) == ["Joel Naroff"])
        #expect(economist.first?.kind == .person)
    }

    @Test func wordsBesideANameAreNotPartOfIt() throws {
        #expect(try names("Bergamo-based Atalanta beat Milan.").contains("Atalanta"))
        #expect(try names("Greg Norman won the Greater Milwaukee Open Thursday.").contains("Greater Milwaukee Open"))
        #expect(
            try names("The August National Association of Purchasing Management report came out.") == [
                "National Association of Purchasing Management"
            ])
    }

    @Test func aNationalityBeforeANameIsNotTheName() throws {
        #expect(try names("American Dennis Mitchell won the race.") == ["Dennis Mitchell"])
        // A first name that is also a word for a faith stays.
        #expect(try names("Christian Cullen scored twice.") == ["Christian Cullen"])
        // As do names of firms and events that start with a nationality.
        #expect(try names("Shares of British Airways rose.") == ["British Airways"])
    }

    @Test func anAffiliationAndATitleBeforeAPersonAreTheirOwn() throws {
        let found = try entities("Panamanian Boxing Association President Ramon Manzanares said the fight was off.")
        #expect(found.map(\.name) == ["Panamanian Boxing Association", "Ramon Manzanares"])
        #expect(found.map(\.kind) == [.organisation, .person])
        #expect(found.last?.titles == ["Panamanian Boxing Association President"])
        let general = try entities("Major-General Nikolai Sherbatov said the troops would stay.")
        #expect(general.map(\.name) == ["Nikolai Sherbatov"])
        #expect(general.first?.titles == ["Major-General"])
    }

    @Test func organisationsByWhatIsSaidOfThem() throws {
        let result = try entities("Montrose 2 Ross County 1")
        #expect(Set(result.map(\.name)) == ["Montrose", "Ross County"])
        #expect(result.allSatisfy { $0.kind == .organisation })
        #expect(try entities("The news agency Interfax said so.").first?.kind == .organisation)
        // A noun before a comma says nothing of the name after it.
        #expect(try entities("According to state television, Viljoen told reporters.").first?.kind != .organisation)
    }

    @Test func aLongSentenceIsTaggedAFewTimesOverAtMost() throws {
        let tagger = try #require(Self.tagger)
        let sentence = TokenizedSentence(String(repeating: "Current rates rose: ", count: 5_000))
        var tags = TokenTags(sentence, tagger: tagger)
        let byParts = sentence.tokens.indices.map { tags.tag(at: $0) }
        // Each token asked for in turn: read again from the start only as often as the length doubles.
        #expect(tags.tokensRead <= 3 * sentence.tokens.count)
        // The tags read part by part are those of the whole sentence read at once.
        var whole = TokenTags(sentence, tagger: tagger)
        _ = whole.tag(at: sentence.tokens.count - 1)
        #expect(byParts == sentence.tokens.indices.map { whole.tag(at: $0) })
        #expect(whole.tokensRead == sentence.tokens.count)
    }
}
