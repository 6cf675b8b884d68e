import Foundation
import Testing

@testable import Ingest

/// Golden tests: what the seed document names, dates, counts and quotes.
@Suite struct SeedAnnotationTests {
    let annotations: Annotations

    init() throws {
        let bytes = try Data(contentsOf: SeedDocumentTests.seedURL)
        guard case .document(let document) = Ingestor().ingest(bytes, fileName: "seed.txt") else {
            throw CancellationError()
        }
        annotations = document.annotations
    }

    func entity(_ name: String) -> Entity? { annotations.entities.first { $0.name == name } }

    @Test(arguments: [
        ("Sajjan Gohel", Entity.Kind.person), ("Jennifer Cafarella", .person), ("Kenneth McKenzie", .person),
        ("Omar Khorasani", .person), ("ISIS-K", .organisation), ("Taliban", .organisation),
        ("Islamic State", .organisation), ("ISIS", .organisation), ("Haqqani network", .organisation),
        ("Asia-Pacific Foundation", .organisation), ("Institute for the Study of War", .organisation),
        ("US Central Command", .organisation), ("Insider", .organisation), ("Afghanistan", .place),
        ("Pakistan", .place), ("Kabul", .place), ("United States", .place),
    ])
    func everyNameIsFoundWithItsKind(name: String, kind: Entity.Kind) {
        #expect(entity(name)?.kind == kind, "\(name)")
    }

    @Test func noFragmentsOrCommonWordsAreNames() {
        let allowed: Set<String> = [
            "Sajjan Gohel", "Jennifer Cafarella", "Kenneth McKenzie", "Omar Khorasani", "ISIS-K", "Taliban",
            "Islamic State", "ISIS", "Haqqani network", "Asia-Pacific Foundation", "Institute for the Study of War",
            "US Central Command", "Insider", "Afghanistan", "Pakistan", "Kabul", "United States", "West",
        ]
        #expect(
            Set(annotations.entities.map(\.name)).subtracting(allowed).isEmpty, "\(annotations.entities.map(\.name))")
    }

    @Test func aliasesFoldIntoOneEntity() {
        #expect(entity("Kenneth McKenzie")?.titles == ["General"], "a title is the person's, not a name")
        #expect(entity("Sajjan Gohel")?.titles == ["Dr"])
        #expect(entity("Islamic State")?.aliases.contains("IS") == true)
        #expect(entity("Islamic State")?.mentions.count == 2, "IS in 'the IS movement' is the Islamic State")
        #expect(entity("Taliban")?.mentions.count ?? 0 >= 10, "the possessive Taliban’s is the Taliban")
    }

    @Test func allThreeQuotesAreAttributed() {
        let quotes = annotations.quotes
        #expect(quotes.count == 3)
        #expect(quotes.map(\.speaker) == ["Sajjan Gohel", "Jennifer Cafarella", "Kenneth McKenzie"])
        #expect(quotes[0].text.hasPrefix("several major attacks"))
        #expect(quotes[1].text.hasPrefix("The likelihood of a resounding attack"))
        #expect(quotes[1].text.hasSuffix("the Taliban’s religious legitimacy."))
        #expect(quotes[2].text.hasPrefix("We believe that ISIS-K wants to keep attacking"))
    }

    @Test func theOnlyQuantityIsARoughCount() {
        // "2015", "between 2019 and 2021" and "August 26" are dates; "a third party" is no count.
        #expect(annotations.numbers.map(\.text) == ["dozens of people"])
        #expect(annotations.numbers.first?.approximate == true)
    }

    @Test func datesAndRanges() {
        let dates = annotations.dates
        #expect(dates.map(\.text) == ["2015", "between 2019 and 2021", "August 26"])
        #expect(dates[1].startYear == 2019 && dates[1].endYear == 2021)
        #expect(dates[2].month == 8 && dates[2].day == 26)
    }

    @Test func languageAndTheVietnameseFragment() {
        #expect(annotations.language == "en")
        #expect(annotations.foreignSpans == [ForeignSpan(text: "vào chính phủ Afghanistan", language: "vi")])
    }
}
