import Foundation
import Ingest

/// Reads the maintained data that names are typed with, from Debian's packages: `iso-codes`
/// (ISO 3166 countries and their subdivisions, ISO 639 languages), `tzdata` (the cities that name
/// time zones) and a word list (`wamerican` or `wbritish`). What is missing is said, and names are
/// then typed by the lists Ingest ships and by context alone.
public struct NameLexiconFiles: Sendable {
    public var countries = "/usr/share/iso-codes/json/iso_3166-1.json"
    public var subdivisions = "/usr/share/iso-codes/json/iso_3166-2.json"
    /// Countries that no longer exist (ISO 3166-3): news and archives still name them.
    public var formerCountries = "/usr/share/iso-codes/json/iso_3166-3.json"
    /// Languages (ISO 639-2): those of ISO 639-1 too, the languages most written of.
    public var languages = "/usr/share/iso-codes/json/iso_639-2.json"
    public var zones = ["/usr/share/zoneinfo/zone1970.tab", "/usr/share/zoneinfo/zone.tab"]
    public var words = ["/usr/share/dict/words", "/usr/share/dict/american-english", "/usr/share/dict/british-english"]

    /// Subdivision types that people name as places in their own right.
    static let regionTypes: Set<String> = [
        "State", "Province", "Region", "County", "Two-tier county", "Metropolitan county", "Country", "Nation",
        "Autonomous region", "Autonomous province", "Autonomous republic", "Republic", "Territory", "Prefecture",
        "Governorate", "Emirate", "Canton", "Land", "Federal district", "Capital district", "Capital territory",
        "Island", "Islands", "Special administrative region", "Department", "Oblast", "Administrative region",
        "Council area", "Unitary authority", "City", "Metropolitan region", "Autonomous community",
        "Metropolitan district", "London borough", "District", "Municipality", "City with county rights", "Borough",
    ]

    public init() {}

    /// The lexicon, and a line for each data set that could not be read (package and path).
    public func load() -> (lexicon: NameLexicon, missing: [String]) {
        var lexicon = (
            countries: Set<String>(), regions: Set<String>(), cities: Set<String>(), commonWords: Set<String>(),
            properNouns: Set<String>(), languages: Set<String>()
        )
        var missing: [String] = []
        if let entries = Self.isoEntries(countries, key: "3166-1") {
            for entry in entries {
                for field in ["name", "common_name", "official_name"] {
                    if let name = entry[field], let cleaned = Self.placeName(name) { lexicon.countries.insert(cleaned) }
                }
            }
        } else {
            missing.append("iso-codes (\(countries))")
        }
        if let entries = Self.isoEntries(formerCountries, key: "3166-3") {
            // "Yugoslavia, (Socialist) Federal Republic of": the short name is before the comma.
            for name in entries.compactMap({ $0["name"] }) {
                let short = name.split(separator: ",").first.map(String.init) ?? name
                if let cleaned = Self.placeName(short) { lexicon.countries.insert(cleaned) }
            }
        } else {
            missing.append("iso-codes (\(formerCountries))")
        }
        if let entries = Self.isoEntries(subdivisions, key: "3166-2") {
            for entry in entries where entry["type"].map(Self.regionTypes.contains) ?? false {
                if let name = entry["name"], let cleaned = Self.placeName(name) { lexicon.regions.insert(cleaned) }
            }
        } else {
            missing.append("iso-codes (\(subdivisions))")
        }
        if let entries = Self.isoEntries(languages, key: "639-2") {
            // "Dutch; Flemish" is two names, "Greek, Modern (1453-)" is Greek: the names of one
            // word, as they are written of a people.
            for entry in entries where entry["alpha_2"] != nil {
                for name in (entry["name"] ?? "").split(separator: ";") {
                    let word = (name.split(separator: ",").first ?? "").trimmingCharacters(in: .whitespaces)
                    if word.first?.isUppercase == true, word.allSatisfy(\.isLetter) { lexicon.languages.insert(word) }
                }
            }
        } else {
            missing.append("iso-codes (\(languages))")
        }
        if let table = zones.lazy.compactMap({ try? String(contentsOfFile: $0, encoding: .utf8) }).first {
            lexicon.cities = Self.zoneCities(table)
        } else {
            missing.append("tzdata (\(zones[0]))")
        }
        if let list = words.lazy.compactMap({ try? String(contentsOfFile: $0, encoding: .utf8) }).first {
            for line in list.split(separator: "\n") where !line.contains("'") {
                let word = String(line)
                if word.first?.isUppercase == true {
                    lexicon.properNouns.insert(word)
                } else {
                    lexicon.commonWords.insert(word)
                }
            }
        } else {
            missing.append("wamerican or wbritish (\(words[0]))")
        }
        return (
            NameLexicon(
                countries: lexicon.countries, regions: lexicon.regions, cities: lexicon.cities,
                commonWords: lexicon.commonWords, properNouns: lexicon.properNouns, languages: lexicon.languages),
            missing
        )
    }

    private static func isoEntries(_ path: String, key: String) -> [[String: String]]? {
        guard let data = FileManager.default.contents(atPath: path),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let entries = json[key] as? [[String: Any]]
        else { return nil }
        return entries.map { $0.compactMapValues { $0 as? String } }
    }

    /// "Kent" as it is; "Korea, Republic of" and "Isle of Anglesey [Sir Ynys Môn GB-YNM]" are not
    /// how people write them, and are left out or trimmed.
    static func placeName(_ name: String) -> String? {
        var name = name
        if let bracket = name.firstIndex(of: "[") { name = String(name[..<bracket]) }
        if let parenthesis = name.firstIndex(of: "(") { name = String(name[..<parenthesis]) }
        name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains(","), name.first?.isUppercase == true else { return nil }
        return name
    }

    /// The cities of zone names: "Europe/London" is London, "America/Argentina/Buenos_Aires" is Buenos Aires.
    static func zoneCities(_ table: String) -> Set<String> {
        var cities: Set<String> = []
        for line in table.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count >= 3, let city = fields[2].split(separator: "/").last else { continue }
            let name = city.replacingOccurrences(of: "_", with: " ")
            if name.first?.isUppercase == true { cities.insert(name) }
        }
        return cities
    }
}
