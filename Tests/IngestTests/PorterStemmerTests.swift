import Testing

@testable import Ingest

@Suite struct PorterStemmerTests {
    /// Pairs from Porter's published vocabulary and output.
    @Test(arguments: [
        ("caresses", "caress"), ("ponies", "poni"), ("ties", "ti"), ("cats", "cat"), ("feed", "feed"),
        ("agreed", "agre"), ("plastered", "plaster"), ("motoring", "motor"), ("sing", "sing"),
        ("conflated", "conflat"), ("troubled", "troubl"), ("sized", "size"), ("hopping", "hop"),
        ("falling", "fall"), ("filing", "file"), ("happy", "happi"), ("relational", "relat"),
        ("conditional", "condit"), ("rational", "ration"), ("digitizer", "digit"), ("operator", "oper"),
        ("generalization", "gener"), ("hopefulness", "hope"), ("formality", "formal"), ("triplicate", "triplic"),
        ("electrical", "electr"), ("revival", "reviv"), ("allowance", "allow"), ("adjustment", "adjust"),
        ("adoption", "adopt"), ("controll", "control"), ("attacks", "attack"), ("attacking", "attack"),
        ("related", "relat"), ("taliban", "taliban"), ("isis", "isi"), ("organisation", "organis"),
        ("by", "by"), ("café", "café"),
    ])
    func stems(word: String, stem: String) {
        #expect(PorterStemmer.stem(word) == stem)
    }

    @Test func wordsAreLowerCasedWithoutDiacritics() {
        #expect(
            TermExtractor.words("The Café in Kābul, ISIS-K’s 2021 raid — ĐÀ NẴNG!") == [
                "the", "cafe", "in", "kabul", "isis", "k", "s", "2021", "raid", "đa", "nang",
            ])
        #expect(TermExtractor.terms("Attacks were built") == ["attack", "were", "build"])
    }

    @Test func keyTermsCountStemsAndSkipStopwords() throws {
        guard
            case .document(let document) = Ingestor().ingest(
                Array("Attacks\n\nThe attacks and the attack were attacking the city.".utf8), fileName: "a.txt")
        else { throw Failure.notADocument }
        #expect(document.keyTerms.first == TermCount(term: "attack", word: "attacks", count: 4))
        #expect(!document.keyTerms.contains { $0.term == "the" })
    }

    @Test func keyTermsMeetIrregularFormsAsQuestionsDo() throws {
        guard
            case .document(let document) = Ingestor().ingest(
                Array("Bridges\n\nThey built the bridge. Crews build bridges and have built many.".utf8),
                fileName: "b.txt")
        else { throw Failure.notADocument }
        #expect(document.keyTerms.first { $0.term == "build" }?.count == 3)
        #expect(!document.keyTerms.contains { $0.term == "built" })
    }

    @Test func keyTermsKeepTheMostFrequentThenTheFirstInOrderOfTerm() throws {
        // "zebra" 3 times, "yak" twice, then one each of words in no particular order, with a
        // Greek one, which strings order after every ASCII one.
        let once = ["walrus", "ant", "ωμέγα", "moose", "bison", "crane"]
        let text = "Animals\n\nzebra zebra zebra yak yak \(once.joined(separator: " "))."
        guard case .document(let document) = Ingestor().ingest(Array(text.utf8), fileName: "z.txt") else {
            throw Failure.notADocument
        }
        let all = document.keyTerms.map(\.term)
        #expect(all == ["zebra", "yak", "anim", "ant", "bison", "crane", "moos", "walru", "ωμεγα"])
        let limited = TermExtractor.keyTerms(of: document, limit: 4).map(\.term)
        #expect(limited == ["zebra", "yak", "anim", "ant"])
        #expect(document.keyTerms.first { $0.term == "walru" }?.word == "walrus")
    }

    @Test func wordTallyCountsDistinctWordsInFirstSeenOrderPastItsCapacity() {
        var tally = WordTally(capacity: 2)
        let words = (0..<1000).map { "w\($0 % 300)" }
        for var word in words { _ = word.withUTF8 { tally.add($0) } }
        #expect(tally.count == 300)
        #expect(tally.entries.map(tally.word) == (0..<300).map { "w\($0)" })
        #expect(tally.entries.map(\.count).reduce(0, +) == 1000)
        #expect(tally.entries[0].count == 4 && tally.entries[299].count == 3)
        var missing = "w300"
        #expect(missing.withUTF8 { tally.index(of: $0) } == nil)
        var present = "w299"
        #expect(present.withUTF8 { tally.index(of: $0) } == 299)
        var empty = WordTally()
        var nothing = ""
        #expect(nothing.withUTF8 { empty.add($0) } == (0, true))
        #expect(nothing.withUTF8 { empty.add($0, count: 2) } == (0, false))
        #expect(empty.entries[0].count == 3)
    }

    enum Failure: Error { case notADocument }
}
