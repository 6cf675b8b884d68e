import Testing

@testable import Ingest

@Suite struct NumberRecognizerTests {
    func numbers(_ sentence: String) -> [NumberMention] {
        NumberRecognizer.recognise(TokenizedSentence(sentence), index: 0)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let sentence: String
        let text: String
        let value: Double
        let unit: String?
        var approximate = false
        var testDescription: String { sentence }
    }

    @Test(arguments: [
        Case(
            sentence: "About 2,000 fighters crossed the border.", text: "2,000 fighters", value: 2000, unit: "fighters"),
        Case(sentence: "Inflation reached 3.5 percent in May.", text: "3.5 percent", value: 3.5, unit: "percent"),
        Case(sentence: "Turnout was 61% this time.", text: "61%", value: 61, unit: "percent"),
        Case(sentence: "Rents rose 4 per cent.", text: "4 per cent", value: 4, unit: "percent"),
        Case(sentence: "The fund holds $1.5 billion in aid.", text: "$1.5 billion", value: 1.5e9, unit: "dollars"),
        Case(sentence: "Tickets cost €40 each.", text: "€40", value: 40, unit: "euros"),
        Case(sentence: "Work started on a 40-megawatt solar farm.", text: "40-megawatt", value: 40, unit: "megawatt"),
        Case(sentence: "It will power 12,500 homes.", text: "12,500 homes", value: 12500, unit: "homes"),
        Case(sentence: "Some 2.3 million people voted.", text: "2.3 million people", value: 2.3e6, unit: "people"),
        Case(sentence: "Three attacks followed.", text: "Three attacks", value: 3, unit: "attacks"),
        Case(
            sentence: "The blast killed dozens of people.", text: "dozens of people", value: 24, unit: "people",
            approximate: true),
        Case(sentence: "The vote was 1,234,567 to nil.", text: "1,234,567", value: 1_234_567, unit: nil),
    ])
    func findsQuantities(_ expected: Case) {
        let found = numbers(expected.sentence)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.text == expected.text)
        #expect(found.first?.value == expected.value)
        #expect(found.first?.unit == expected.unit)
        #expect(found.first?.approximate == expected.approximate)
    }

    @Test(arguments: [
        "Formed in 2015, the group grew.",  // a year, which dates cover
        "He spoke on August 26 in Kabul.",  // a day of the month
        "On 3 May the river rose.",
        "The meeting starts at 8:30 tomorrow.",  // a time
        "COVID-19 closed the schools.",  // part of a name
        "ISIS-K and the Taliban are rivals.",
        "One of them left early.",  // a number word with nothing it counts
        "It was the 21st attempt.",  // an ordinal
        "Version v2 shipped.",
        "Test scores of pupils rose.",
    ])
    func leavesOtherDigitsAndWordsAlone(_ sentence: String) {
        #expect(numbers(sentence).isEmpty, "\(numbers(sentence))")
    }

    @Test func severalInOneSentenceAndYearsWithMultipliersCount() {
        let found = numbers("Of 1,200 staff, 300 were hired in 2019, costing £2 million.")
        #expect(found.map(\.text) == ["1,200 staff", "300", "£2 million"])
        #expect(found.map(\.value) == [1200, 300, 2_000_000])
        #expect(numbers("Sales hit 2000 million units.").first?.value == 2e9)
    }

    @Test func ordinalsTakeTheirEnglishSuffix() {
        let written = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map {
            "\($0)" + NumberWords.ordinalSuffix($0)
        }
        #expect(
            written == [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th", "112th",
            ])
    }
}
