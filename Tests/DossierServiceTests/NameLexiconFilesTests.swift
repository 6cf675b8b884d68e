import DossierService
import Foundation
import Ingest
import Testing

/// The data names are typed with, read from files in the layouts Debian's iso-codes, tzdata and
/// word-list packages use.
@Suite struct NameLexiconFilesTests {
    func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lexicon-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func readsCountriesRegionsCitiesAndWords() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
        {"3166-1": [
          {"alpha_2": "CZ", "name": "Czechia", "official_name": "Czech Republic"},
          {"alpha_2": "KR", "name": "Korea, Republic of", "common_name": "South Korea"}
        ]}
        """.write(toFile: folder + "/3166-1.json", atomically: true, encoding: .utf8)
        try """
        {"3166-2": [
          {"code": "US-OH", "name": "Ohio", "type": "State"},
          {"code": "GB-AGY", "name": "Isle of Anglesey [Sir Ynys Môn GB-YNM]", "type": "Unitary authority"},
          {"code": "XX-1", "name": "Obscure Ward", "type": "Ward"}
        ]}
        """.write(toFile: folder + "/3166-2.json", atomically: true, encoding: .utf8)
        try """
        {"3166-3": [{"alpha_4": "YUCS", "name": "Yugoslavia, (Socialist) Federal Republic of"}]}
        """.write(toFile: folder + "/3166-3.json", atomically: true, encoding: .utf8)
        try """
        {"639-2": [
          {"alpha_2": "nl", "alpha_3": "dut", "name": "Dutch; Flemish"},
          {"alpha_2": "cy", "alpha_3": "wel", "name": "Welsh"},
          {"alpha_3": "yao", "name": "Yao"},
          {"alpha_2": "km", "alpha_3": "khm", "name": "Central Khmer"},
          {"alpha_2": "el", "alpha_3": "gre", "name": "Greek, Modern (1453-)"}
        ]}
        """.write(toFile: folder + "/639-2.json", atomically: true, encoding: .utf8)
        try "# comment\nAR\t-3436-05827\tAmerica/Argentina/Buenos_Aires\nGB\t+513030-0000731\tEurope/London\n"
            .write(toFile: folder + "/zone1970.tab", atomically: true, encoding: .utf8)
        try "Aaron\nOhio\nbank\nbank's\nmajor\n".write(toFile: folder + "/words", atomically: true, encoding: .utf8)

        var files = NameLexiconFiles()
        files.countries = folder + "/3166-1.json"
        files.subdivisions = folder + "/3166-2.json"
        files.formerCountries = folder + "/3166-3.json"
        files.languages = folder + "/639-2.json"
        files.zones = [folder + "/zone1970.tab"]
        files.words = [folder + "/words"]
        let (lexicon, missing) = files.load()
        #expect(missing.isEmpty)
        #expect(lexicon.countries == ["Czechia", "Czech Republic", "South Korea", "Yugoslavia"])
        #expect(lexicon.regions == ["Ohio", "Isle of Anglesey"], "a ward is not named like a place")
        #expect(lexicon.cities == ["Buenos Aires", "London"])
        #expect(lexicon.commonWords == ["bank", "major"])
        #expect(lexicon.properNouns == ["Aaron", "Ohio"])
        #expect(
            lexicon.languages == ["Dutch", "Flemish", "Welsh", "Greek"], "names of one word, of ISO 639-1's languages")
    }

    @Test func saysWhatIsMissingAndStillWorks() {
        var files = NameLexiconFiles()
        files.countries = "/nonexistent/iso_3166-1.json"
        files.subdivisions = "/nonexistent/iso_3166-2.json"
        files.formerCountries = "/nonexistent/iso_3166-3.json"
        files.languages = "/nonexistent/iso_639-2.json"
        files.zones = ["/nonexistent/zone1970.tab"]
        files.words = ["/nonexistent/words"]
        let (lexicon, missing) = files.load()
        #expect(lexicon == .empty)
        #expect(missing.count == 6)
        #expect(missing.contains { $0.hasPrefix("iso-codes") && $0.contains("/nonexistent/iso_3166-1.json") })
        #expect(missing.contains { $0.hasPrefix("tzdata") })
        #expect(missing.contains { $0.hasPrefix("wamerican or wbritish") })
    }

    /// What the daemon reads on a machine set up by Scripts/setup.
    @Test func theInstalledDataIsThere() {
        let (lexicon, missing) = NameLexiconFiles().load()
        #expect(missing.isEmpty, "Scripts/setup installs iso-codes, tzdata and wamerican: \(missing)")
        #expect(lexicon.countries.contains("New Zealand") && lexicon.regions.contains("British Columbia"))
        #expect(lexicon.cities.contains("London") && lexicon.commonWords.contains("bank"))
        #expect(lexicon.languages.isSuperset(of: ["Dutch", "Welsh", "Swahili"]))
    }

    /// With the installed data, the seed's names are what they are without it: the same names, the
    /// same kinds, nothing more.
    @Test func theSeedKeepsItsNamesAndKindsWithTheInstalledData() throws {
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("seeds/000_8ce81ff0f6d118bf.txt")
        let bytes = try Data(contentsOf: seed)
        let ingestor = Ingestor(configuration: IngestConfiguration(lexicon: NameLexiconFiles().load().lexicon))
        guard case .document(let document) = ingestor.ingest(bytes, fileName: "seed.txt") else {
            Issue.record("the seed is not a document")
            return
        }
        let kinds = Dictionary(uniqueKeysWithValues: document.annotations.entities.map { ($0.name, $0.kind) })
        let expected: [String: Entity.Kind] = [
            "Sajjan Gohel": .person, "Jennifer Cafarella": .person, "Kenneth McKenzie": .person,
            "Omar Khorasani": .person, "ISIS-K": .organisation, "Taliban": .organisation,
            "Islamic State": .organisation, "ISIS": .organisation, "Haqqani network": .organisation,
            "Asia-Pacific Foundation": .organisation, "Institute for the Study of War": .organisation,
            "US Central Command": .organisation, "Insider": .organisation, "Afghanistan": .place,
            "Pakistan": .place, "Kabul": .place, "United States": .place, "West": .place,
        ]
        #expect(kinds == expected)
    }
}
