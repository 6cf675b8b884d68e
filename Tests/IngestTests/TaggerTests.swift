import Foundation
import Testing

@testable import Ingest

/// The tagger trained on a small treebank written for the tests (`Fixtures/tagger.conllu`), so
/// that no test reads the treebank the shipped model is trained on.
@Suite struct TaggerTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tagger.conllu")

    static func sentences() throws -> [Treebank.Sentence] {
        try Treebank.sentences(String(contentsOf: fixture, encoding: .utf8))
    }

    static func trained() throws -> PartOfSpeechTagger {
        var trainer = TaggerTrainer(iterations: 10, seed: 7, smallest: 0)
        trainer.fixedCount = 3
        return trainer.train(try sentences())
    }

    @Test func readsTheTreebankFormat() throws {
        let sentences = try Self.sentences()
        #expect(sentences.count == 30)
        #expect(sentences[0].words == ["The", "ferry", "left", "the", "harbour", "at", "dawn", "."])
        #expect(sentences[0].tags == [.determiner, .noun, .verb, .determiner, .noun, .adposition, .noun, .punctuation])
        // "didn't" spans the words "did" and "n't"; the line for both is skipped, as is the empty node "9.1".
        #expect(sentences[12].words == ["He", "did", "n't", "answer", "the", "question", "."])
        #expect(!sentences[4].words.contains("gap"))
    }

    @Test func malformedTreebankLinesAreReportedWithTheirLine() {
        #expect(throws: Treebank.Malformed(line: 2, reason: "3 columns, not 10")) {
            try Treebank.sentences("# comment\n1\tword\tNOUN\n")
        }
        #expect(throws: Treebank.Malformed(line: 1, reason: "unknown tag NOUNISH")) {
            try Treebank.sentences("1\tword\tword\tNOUNISH\t_\t_\t0\tdep\t_\t_\n")
        }
    }

    @Test func trainingTwiceGivesTheSameFile() throws {
        let first = TaggerModelFile.encode(try Self.trained())
        let second = TaggerModelFile.encode(try Self.trained())
        #expect(first == second)
        #expect(first.count > 1000)
    }

    @Test func aTrainedModelTagsItsSentencesAndNewOnes() throws {
        let tagger = try Self.trained()
        #expect(TaggerTrainer.accuracy(of: tagger, on: try Self.sentences()) >= 0.95)
        // Sentences written for this test, of the fixture's words in new orders.
        #expect(
            tagger.tag(["The", "council", "closed", "the", "museum", "on", "Friday", "."])
                == [.determiner, .noun, .verb, .determiner, .noun, .adposition, .properNoun, .punctuation])
        #expect(
            tagger.tag(["They", "will", "open", "the", "new", "hall", "in", "2027", "."])
                == [.pronoun, .auxiliary, .verb, .determiner, .adjective, .noun, .adposition, .numeral, .punctuation])
    }

    @Test func theModelFileRoundTrips() throws {
        let tagger = try Self.trained()
        let bytes = TaggerModelFile.encode(tagger)
        let loaded = try TaggerModelFile.decode(bytes)
        #expect(TaggerModelFile.encode(loaded) == bytes)
        let sentences = try Self.sentences()
        #expect(sentences.map { loaded.tag($0.words) } == sentences.map { tagger.tag($0.words) })
    }

    @Test func damagedModelFilesAreRefused() throws {
        let bytes = TaggerModelFile.encode(try Self.trained())
        #expect(throws: TaggerModelFile.Malformed(reason: "no header")) {
            try TaggerModelFile.decode(Array("not a model at all, just some text".utf8))
        }
        #expect(throws: TaggerModelFile.Malformed(reason: "cut short")) {
            try TaggerModelFile.decode(Array(bytes.dropLast(3)))
        }
        #expect(throws: TaggerModelFile.Malformed(reason: "bytes after the last feature")) {
            try TaggerModelFile.decode(bytes + [0])
        }
        var otherTags = bytes
        otherTags[TaggerModelFile.magic.count] = UInt8(ascii: "B")
        #expect(throws: TaggerModelFile.Malformed(reason: "another tag set")) {
            try TaggerModelFile.decode(otherTags)
        }
    }

    /// A feature's weights count the same wherever the model keeps them: in its slot (two or
    /// fewer), apart (a few) or as a row of every tag (many); a feature the model lacks counts
    /// nothing. The tag is the one whose exact sum is highest, the first of equals.
    @Test func everyFeatureCountsWhereverItsWeightsAreKept() throws {
        let tags = PartOfSpeech.allCases
        // Whole numbers, the largest `Int16.max`, so the model keeps each weight exactly.
        var weights: [UInt64: [(tag: PartOfSpeech, weight: Float)]] = [:]
        var generator = SplitMix64(seed: 29)
        let sizes = [1, 2, 3, 5, 6, 11, tags.count]
        for key in UInt64(1)...300 {
            let size = sizes[Int(key) % sizes.count]
            weights[key &* 0x9E37_79B9_7F4A_7C15] = tags.shuffled(using: &generator).prefix(size).map {
                ($0, Float(Int.random(in: -2000...2000, using: &generator)))
            }
        }
        weights[0xDEAD_BEEF] = [(.noun, Float(Int16.max))]
        let tagger = PartOfSpeechTagger(weights: weights, fixed: [:], classes: [:])
        let loaded = try TaggerModelFile.decode(TaggerModelFile.encode(tagger))
        for _ in 0..<500 {
            var features = (0..<TaggerFeatures.count).map { _ in
                UInt64(Int.random(in: 1...330, using: &generator)) &* 0x9E37_79B9_7F4A_7C15
            }
            if Bool.random(using: &generator) { features[0] = 0xDEAD_BEEF }
            var sums = [Float](repeating: 0, count: tags.count)
            for feature in features {
                for entry in weights[feature] ?? [] { sums[Int(entry.tag.rawValue)] += entry.weight }
            }
            let expected = PartOfSpeech(rawValue: UInt8(sums.indices.first { sums[$0] == sums.max()! }!))!
            for model in [tagger, loaded] {
                let chosen = features.withUnsafeMutableBufferPointer { model.best($0) }
                #expect(chosen == expected, "sums \(sums)")
            }
        }
        #expect(tagger.featureCount == 301)
        #expect(loaded == tagger)
    }

    /// The trainer's features are the tagger's: a model tags a sentence the same whether its
    /// words' features are read by the tagger or handed to it.
    @Test func trainerAndTaggerShareTheirFeatures() throws {
        let tagger = try Self.trained()
        let words = ["Maria", "Keller", "visited", "the", "lighthouse", "."]
        #expect(tagger.tag(words) == tagger.tag(TaggerFeatures.words(words, classes: tagger.classes)))
        // Every feature of a word is the same hash in every run and every process.
        let features = TaggerFeatures.words(["Harbour"], classes: [:])
        #expect(features[0].normal == TaggerFeatures.hash("harbour".utf8, seed: 2))
        #expect(TaggerFeatures.Word("Zürich").suffix3 == TaggerFeatures.hash("ich".utf8, seed: 6))
        #expect(TaggerFeatures.Word("Zürich").prefix3 == TaggerFeatures.hash("zür".utf8, seed: 9))
        #expect(TaggerFeatures.Word("McKenzie").shape == TaggerFeatures.Word("McKenzi").shape)
        #expect(TaggerFeatures.Word("McKenzie").shape == TaggerFeatures.hash("XxXxx".utf8, seed: 10))
    }
}

@Suite struct WordSplitterTests {
    func split(_ text: String) -> [String] { WordSplitter.words(text).map(\.text) }

    @Test func punctuationAndCliticsAreWordsOfTheirOwn() {
        #expect(split("He didn't go, (did he?)") == ["He", "did", "n't", "go", ",", "(", "did", "he", "?", ")"])
        #expect(split("Smith's dog; they're here.") == ["Smith", "'s", "dog", ";", "they", "'re", "here", "."])
        #expect(split("“I can’t,” she said.") == ["“", "I", "ca", "n’t", ",", "”", "she", "said", "."])
        #expect(split("We cannot") == ["We", "can", "not"])
        #expect(split("WE CANNOT, WE DON'T") == ["WE", "CAN", "NOT", ",", "WE", "DO", "N'T"])
        // Already apart, as news wires write them.
        #expect(split("the Fed 's view , it is n't") == ["the", "Fed", "'s", "view", ",", "it", "is", "n't"])
    }

    @Test func hyphensSplitNumbersAndAbbreviationsStayWhole() {
        #expect(
            split("Al-Zaman paid $1,000.50 in the U.S. today.") == [
                "Al", "-", "Zaman", "paid", "$", "1,000.50", "in", "the", "U.S.", "today", ".",
            ])
        #expect(split("Mr. Smith left at 3/4 past.") == ["Mr.", "Smith", "left", "at", "3/4", "past", "."])
        #expect(split("and/or") == ["and", "/", "or"])
    }

    @Test func addressesStayWhole() {
        #expect(
            split("See https://example.org/a-b, or mail me@example.org.") == [
                "See", "https://example.org/a-b", ",", "or", "mail", "me@example.org", ".",
            ])
        #expect(
            split("HTTP://Example.org/Ö and WWW.Example.org") == ["HTTP://Example.org/Ö", "and", "WWW.Example.org"])
    }

    @Test func wordsKeepWhereTheyStand() {
        let text = "Zürich’s café—open."
        let words = WordSplitter.words(text)
        let scalars = Array(text.unicodeScalars)
        for word in words {
            #expect(String(String.UnicodeScalarView(scalars[word.range])) == word.text)
        }
        #expect(words.map(\.text) == ["Zürich", "’s", "café", "—", "open", "."])
    }
}

@Suite struct PhraseChunkerTests {
    func phrases(_ tagged: String) -> [(PhraseChunker.Phrase.Kind, String)] {
        let pairs = tagged.split(separator: " ").map { $0.split(separator: "/") }
        let words = pairs.map { String($0[0]) }
        let tags = pairs.map { PartOfSpeech(tag: $0[1])! }
        return PhraseChunker.phrases(words: words, tags: tags).map { ($0.kind, words[$0.range].joined(separator: " ")) }
    }

    func nouns(_ tagged: String) -> [String] { phrases(tagged).filter { $0.0 == .noun }.map(\.1) }

    @Test func nounPhrasesTakeTheirDeterminerAdjectivesAndNouns() {
        #expect(
            nouns("The/DET most/ADV basic/ADJ method/NOUN is/AUX called/VERB trial/NOUN division/NOUN ./PUNCT")
                == ["The most basic method", "trial division"])
        #expect(nouns("She/PRON counted/VERB 2,000/NUM fighters/NOUN") == ["She", "2,000 fighters"])
    }

    @Test func aPossessiveJoinsTheOwnerAndWhatIsOwned() {
        #expect(nouns("Kenneth/PROPN McKenzie/PROPN 's/PART forces/NOUN left/VERB") == ["Kenneth McKenzie 's forces"])
        #expect(nouns("their/PRON new/ADJ budget/NOUN") == ["their new budget"])
    }

    @Test func anAdjectiveAloneIsNoNounPhrase() {
        #expect(nouns("The/DET bridge/NOUN is/AUX safe/ADJ") == ["The bridge"])
    }

    @Test func properNamesJoinedByOfAreOneName() {
        #expect(
            nouns("the/DET Federal/PROPN Reserve/PROPN Bank/PROPN of/ADP New/PROPN York/PROPN raised/VERB rates/NOUN")
                == ["the Federal Reserve Bank of New York", "rates"])
        // A common noun after "of" is a phrase of its own, attached by its preposition.
        let all = phrases("the/DET board/NOUN of/ADP the/DET museum/NOUN")
        #expect(all.map(\.1) == ["the board", "of the museum", "the museum"])
    }

    @Test func verbGroupsHoldTheirAuxiliariesAndNot() {
        let verbs = phrases("The/DET council/NOUN has/AUX not/PART approved/VERB it/PRON and/CCONJ is/AUX late/ADJ")
            .filter { $0.0 == .verb }.map(\.1)
        #expect(verbs == ["has not approved", "is"])
    }

    @Test func aHyphenADashOrASlashJoinsOnlyTheWordsItTouches() {
        // Words and tags as "word/TAG", a word written right after the one before it marked "+".
        func nouns(touching tagged: String) -> [String] {
            let pairs = tagged.split(separator: " ").map { (pair: Substring) -> (word: String, tag: String) in
                let slash = pair.lastIndex(of: "/")!
                return (String(pair[..<slash]), String(pair[pair.index(after: slash)...]))
            }
            let words = pairs.map { String($0.word.trimmingPrefix("+")) }
            let tags = pairs.map { PartOfSpeech(tag: $0.tag)! }
            let touching = pairs.map { $0.word.hasPrefix("+") }
            return PhraseChunker.phrases(words: words, tags: tags, touching: touching).filter { $0.kind == .noun }
                .map { words[$0.range].joined(separator: " ") }
        }
        #expect(
            nouns(touching: "the/DET Miller/PROPN +–/PUNCT +Rabin/PROPN primality/NOUN test/NOUN")
                == ["the Miller – Rabin primality test"])
        #expect(nouns(touching: "300/NUM m3/NOUN +//SYM +s/NOUN") == ["300 m3 / s"])
        // A dash between spaces sets words apart.
        #expect(nouns(touching: "Paris/PROPN -/PUNCT capital/NOUN") == ["Paris", "capital"])
        #expect(nouns(touching: "Paris/PROPN –/PUNCT capital/NOUN") == ["Paris", "capital"])
        // Where spacing is not known, a hyphen joins and a dash does not.
        #expect(self.nouns("long/ADJ -/PUNCT term/NOUN plans/NOUN") == ["long - term plans"])
        #expect(self.nouns("Paris/PROPN –/PUNCT capital/NOUN") == ["Paris", "capital"])
    }

    @Test func prepositionalPhrasesAttachToTheNounBefore() {
        let pairs = "the/DET bridge/NOUN over/ADP the/DET river/NOUN".split(separator: " ").map {
            $0.split(separator: "/")
        }
        let found = PhraseChunker.phrases(
            words: pairs.map { String($0[0]) }, tags: pairs.map { PartOfSpeech(tag: $0[1])! })
        let prepositional = found.first { $0.kind == .prepositional }
        #expect(prepositional?.range == 2..<5)
        #expect(prepositional?.head == 2)
        #expect(prepositional?.attachedTo == 1)
    }
}
