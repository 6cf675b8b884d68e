/// Names and words from maintained data sets, handed to Ingest by whoever reads them (the daemon
/// reads Debian's `iso-codes`, `tzdata` and word lists at start): country and region names, city
/// names, the names of languages, and the common words of the language, which tell a capitalised
/// word at a sentence's start from a name. Empty, Ingest still types names by the lists it ships
/// and by context.
public struct NameLexicon: Sendable, Equatable {
    /// Countries, by their short, common and official names ("Bolivia", "Czech Republic").
    public let countries: Set<String>
    /// States, provinces, regions and counties ("Ohio", "British Columbia", "Kent").
    public let regions: Set<String>
    /// Cities ("Buenos Aires", "Kolkata").
    public let cities: Set<String>
    /// Words of the dictionary in lower case ("bank", "major").
    public var commonWords: Set<String>
    /// Capitalised words of the dictionary: names of people, places and things ("Aaron", "Ohio").
    public var properNouns: Set<String>
    /// Languages' names of one word ("Dutch", "Greek", "Swahili"): a language's name is also its
    /// people's adjective ("a Dutch campsite"), as English writes it.
    public let languages: Set<String>
    /// The nationalities formed from the countries' names, singular and plural, and the languages'
    /// names that name no place.
    let nationalities: Set<String>
    /// Every place name of the lexicon and the shipped lists, with the kind of place it names:
    /// a name is looked up once, whichever kinds of place are asked about.
    private let places: [String: PlaceKind]

    /// The kind of place a name names; a name of two kinds counts as the wider.
    enum PlaceKind: Equatable {
        case country, region, city
    }

    public init(
        countries: Set<String> = [], regions: Set<String> = [], cities: Set<String> = [],
        commonWords: Set<String> = [], properNouns: Set<String> = [], languages: Set<String> = []
    ) {
        self.countries = countries
        self.regions = regions
        self.cities = cities
        self.commonWords = commonWords
        self.properNouns = properNouns
        self.languages = languages
        var places: [String: PlaceKind] = [:]
        for name in cities.union(Gazetteer.cities) { places[name] = .city }
        for name in regions { places[name] = .region }
        for name in countries.union(Gazetteer.countries) { places[name] = .country }
        self.places = places
        nationalities = Self.nationalities(of: countries.union(Gazetteer.countries))
            .union(languages.filter { places[$0] == nil })
    }

    public static let empty = NameLexicon()

    /// A country, a region or a city.
    func isPlace(_ name: String) -> Bool { places[name] != nil }

    /// The kind of place `name` names, if it names one.
    func place(_ name: String) -> PlaceKind? { places[name] }

    /// Whether `word` names the people of a country the lexicon knows, formed from the country's
    /// name as most are ("Chilean", "Belgian", "Algerians", "Iraqi", "Japanese", "Serb"), or is a
    /// language's name that names no place ("Dutch", "Welsh"; not "Nauru").
    func isNationality(_ word: String) -> Bool { nationalities.contains(word) }

    /// Each country's name with its ending replaced by a nationality's: "Chile" gives "Chilean",
    /// "Belgium" "Belgian", "Iraq" "Iraqi", "China" "Chinese", "Serbia" "Serb"; and their plurals.
    static func nationalities(of countries: Set<String>) -> Set<String> {
        var forms: Set<String> = []
        for country in countries {
            for (suffix, endings) in nationalitySuffixes {
                for ending in endings where country.hasSuffix(ending) {
                    let stem = country.dropLast(ending.count)
                    guard stem.count >= 3, stem.last?.isLetter == true else { continue }
                    let form = String(stem) + suffix
                    guard form != country, form.count >= 4 else { continue }
                    forms.insert(form)
                    forms.insert(form + "s")
                }
            }
        }
        return forms
    }

    /// How a nationality ends, and the endings of the country's name its stem takes the place of.
    private static let nationalitySuffixes: [(String, [String])] = [
        ("ian", ["ia", "y", "a", "e"]), ("an", ["", "a", "um", "o", "e"]), ("n", ["", "a"]),
        ("ese", ["", "a", "on", "e"]), ("i", ["", "istan", "land"]), ("ish", ["ey", "and", "en", "istan", "eland"]),
        ("", ["ia", "istan", "stan"]),
    ]

    /// A capitalised `word` that is an ordinary word of the language, not a name, when it starts a
    /// sentence: its lower case is in the dictionary and its capitalised form is not.
    func isCommonWord(_ word: String) -> Bool {
        guard !commonWords.isEmpty else { return false }
        return commonWords.contains(word.lowercased()) && !properNouns.contains(word) && !isPlace(word)
            && !Gazetteer.firstNames.contains(word)
    }
}
