import Testing

@testable import Ingest

/// One small text for each rule of typing names in news.
@Suite struct NameTypingTests {
    /// A few names as the maintained data sets have them.
    static let lexicon = NameLexicon(
        countries: [
            "Czech Republic", "Iraq", "Japan", "Syria", "Chile", "Belgium", "Algeria", "South Korea", "Serbia",
        ],
        regions: ["Ohio", "British Columbia", "Kent"], cities: ["Buenos Aires"],
        commonWords: [
            "leading", "federal", "reserve", "soccer", "win", "rain", "police", "league", "fax", "arsenal",
        ],
        properNouns: ["Ohio"])

    func entities(_ text: String, lexicon: NameLexicon = lexicon) -> [Entity] {
        let configuration = IngestConfiguration(lexicon: lexicon)
        guard
            case .document(let document) = Ingestor(configuration: configuration).ingest(
                Array(("Notes\n\n" + text).utf8), fileName: "t.txt")
        else { return [] }
        return document.annotations.entities
    }

    func kind(_ name: String, in text: String, lexicon: NameLexicon = lexicon) -> Entity.Kind? {
        entities(text, lexicon: lexicon).first { $0.name == name }?.kind
    }

    @Test(arguments: [
        ("Bernd Zobel said the talks would resume.", "Bernd Zobel", Entity.Kind.person),
        ("The reply came from striker Davis Love on Sunday.", "Davis Love", .person),
        ("Beth Daniel, 39, won the title.", "Beth Daniel", .person),
        ("Phil Simmons (Japan) took four wickets.", "Phil Simmons", .person),
        ("It was P. Simmons who bowled last.", "P. Simmons", .person),
        ("Shares of Ratner Holdings rose.", "Ratner Holdings", .organisation),
        ("He joined Sheffield Wednesday FC in May.", "Sheffield Wednesday FC", .organisation),
        ("Interfax news agency reported the attack.", "Interfax", .organisation),
        ("Leicestershire beat Somerset by an innings.", "Somerset", .organisation),
        ("The match ended Leicestershire 216, Kent 180.", "Kent", .organisation),
        ("Rain fell in Tunbridge Wells all day.", "Tunbridge Wells", .place),
        ("Troops entered the Kurdish city of Arbil on Saturday.", "Arbil", .place),
        ("The Federal Reserve left rates alone.", "Federal Reserve", .organisation),
        ("They played the World Cup qualifier.", "World Cup", .other),
    ])
    func contextTypesAName(text: String, name: String, kind: Entity.Kind) {
        #expect(self.kind(name, in: text) == kind, "\(entities(text).map { "\($0.name): \($0.kind)" })")
    }

    /// A language's name is its people's adjective ("a Dutch campsite"), not a place; one that is
    /// also a country's name is still the place.
    @Test func aLanguageNameBeforeANounIsNoName() {
        let lexicon = NameLexicon(countries: ["Netherlands", "Nauru"], languages: ["Dutch", "Welsh", "Nauru"])
        let text = "The girl was found at a Dutch campsite. Welsh farmers met in Cardiff. Ships sailed to Nauru."
        let names = entities(text, lexicon: lexicon).map(\.name)
        #expect(!names.contains("Dutch") && !names.contains("Welsh"), "\(names)")
        #expect(kind("Nauru", in: text, lexicon: lexicon) == .place)
        #expect(kind("Dutch", in: "The girl was found at a Dutch campsite.") != nil, "without the language, as before")
    }

    /// "1400 GMT": a time zone after a time is no name.
    @Test func aTimeZoneAfterATimeIsNoName() {
        let text = "Trading ends at 1400 EDT / 1800 GMT on Friday. The talks began at 10 a.m. CET in Geneva."
        let names = entities(text).map(\.name)
        for zone in ["EDT", "GMT", "CET"] { #expect(!names.contains(zone), "\(names)") }
        #expect(names.contains("Geneva"))
    }

    @Test func oneKindThroughTheDocument() {
        let found = entities(
            "Arbil was quiet on Friday. Troops entered the city of Arbil on Saturday. Arbil has a market.")
        #expect(found.filter { $0.name == "Arbil" }.map(\.kind) == [.place])
    }

    @Test func maintainedPlaceNamesTypePlaces() {
        let text = "Storms hit Ohio and British Columbia. Visitors from the Czech Republic came to Buenos Aires."
        for place in ["Ohio", "British Columbia", "Czech Republic", "Buenos Aires"] {
            #expect(kind(place, in: text) == .place, "\(place)")
        }
        // Without the data, a name with no evidence is "other" rather than a guess.
        #expect(kind("Ohio", in: text, lexicon: .empty) == .other)
    }

    @Test func headlinesAndDatelinesAreNotNamesByTheirCapitals() {
        let found = entities(
            """
            SOCCER - JAPAN GET LUCKY WIN AGAINST SYRIA

            LONDON 1996-08-30

            The match was played in Japan.
            """)
        #expect(Set(found.map(\.name)) == ["Japan", "Syria", "London"], "\(found.map(\.name))")
        let london = found.first { $0.name == "London" }
        #expect(london?.kind == .place)
        #expect(london?.aliases == ["LONDON"])
    }

    @Test func namesAreWholeAndTitlesApart() {
        let found = entities(
            """
            New Zealand Prime Minister Jim Bolger flew to St. Louis. British Prime Minister John Major met \
            Conservative MP Sir John Gorst in New York.
            """)
        let names = Set(found.map(\.name))
        for name in ["New Zealand", "Jim Bolger", "St. Louis", "John Major", "John Gorst", "New York"] {
            #expect(names.contains(name), "\(name) in \(names)")
        }
        #expect(!names.contains("Zealand") && !names.contains("Louis") && !names.contains("York"))
        let major = found.first { $0.name == "John Major" }
        #expect(major?.kind == .person)
        #expect(major?.titles == ["British Prime Minister"])
        #expect(major?.aliases.isEmpty == true, "no alias with the title in it")
        #expect(found.first { $0.name == "John Gorst" }?.titles == ["Conservative MP Sir"])
        #expect(found.first { $0.name == "St. Louis" }?.kind != .person)
    }

    @Test func aCommonWordStartingASentenceIsNotPartOfAName() {
        let found = entities("Leading Ohio farmers met on Monday.")
        #expect(found.map(\.name) == ["Ohio"])
        // A title is a common word too, and stays the person's title.
        let general = entities("General Kenneth McKenzie spoke.", lexicon: Self.lexicon.adding(common: ["general"]))
        #expect(general.first?.name == "Kenneth McKenzie")
        #expect(general.first?.titles == ["General"])
    }

    @Test func nationalitiesAreNotNames() {
        let found = entities(
            "Chilean officials met Belgian, Algerian and Iraqi envoys. The South Korean side and Bosnian Serbs left.")
        #expect(found.isEmpty, "\(found.map(\.name))")
    }

    @Test func aWordOfTheDictionaryAloneIsNotAName() {
        let found = entities("Police said the League would meet. A FAX came. Arsenal 2, Chelsea 1.")
        #expect(Set(found.map(\.name)) == ["Arsenal", "Chelsea"], "\(found.map(\.name))")
        #expect(found.allSatisfy { $0.kind == .organisation }, "teams, by their scores")
    }

    @Test func aliasesAreFormsTheTextUses() {
        let found = entities("The U.S. envoy arrived. U.S. officials said little.")
        let place = found.first { $0.kind == .place }
        #expect(place?.name == "United States", "a canonical name is welcome")
        #expect(place?.aliases == ["U.S."], "but the aliases are what the text says")
    }
}

extension NameLexicon {
    func adding(common words: Set<String>) -> NameLexicon {
        var lexicon = self
        lexicon.commonWords.formUnion(words)
        return lexicon
    }
}
