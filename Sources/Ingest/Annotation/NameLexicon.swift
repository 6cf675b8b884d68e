/// Names and words from maintained data sets, handed to Ingest by whoever reads them (the daemon
/// reads Debian's `iso-codes`, `tzdata` and word lists at start): country and region names, city
/// names, and the common words of the language, which tell a capitalised word at a sentence's
/// start from a name. Empty, Ingest still types names by the lists it ships and by context.
public struct NameLexicon: Sendable, Equatable {
    /// Countries, by their short, common and official names ("Bolivia", "Czech Republic").
    public var countries: Set<String>
    /// States, provinces, regions and counties ("Ohio", "British Columbia", "Kent").
    public var regions: Set<String>
    /// Cities ("Buenos Aires", "Kolkata").
    public var cities: Set<String>
    /// Words of the dictionary in lower case ("bank", "major").
    public var commonWords: Set<String>
    /// Capitalised words of the dictionary: names of people, places and things ("Aaron", "Ohio").
    public var properNouns: Set<String>

    public init(
        countries: Set<String> = [], regions: Set<String> = [], cities: Set<String> = [],
        commonWords: Set<String> = [], properNouns: Set<String> = []
    ) {
        self.countries = countries
        self.regions = regions
        self.cities = cities
        self.commonWords = commonWords
        self.properNouns = properNouns
    }

    public static let empty = NameLexicon()

    func isCountry(_ name: String) -> Bool { countries.contains(name) || Gazetteer.countries.contains(name) }

    func isPlace(_ name: String) -> Bool {
        isCountry(name) || regions.contains(name) || cities.contains(name) || Gazetteer.cities.contains(name)
    }

    /// A capitalised `word` that is an ordinary word of the language, not a name, when it starts a
    /// sentence: its lower case is in the dictionary and its capitalised form is not.
    func isCommonWord(_ word: String) -> Bool {
        guard !commonWords.isEmpty else { return false }
        return commonWords.contains(word.lowercased()) && !properNouns.contains(word) && !isPlace(word)
            && !Gazetteer.firstNames.contains(word)
    }
}
