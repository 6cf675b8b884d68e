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

    enum Failure: Error { case notADocument }
}
