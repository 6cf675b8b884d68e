import DossierTesting
import Ingest
import Store
import Testing

@testable import Query

/// WordNet's links from verbs and adjectives to nouns, read from files in its database format,
/// and questions matched through them.
@Suite struct WordDerivationsTests {
    /// A `data.noun` of the given synset lines, and the byte offset of each line, as WordNet's
    /// pointers give them.
    static func nouns(_ lines: [String]) -> (bytes: [UInt8], offsets: [Int]) {
        var bytes = Array("  1 This software and database is being provided to you, the LICENSEE\n".utf8)
        var offsets: [Int] = []
        for line in lines {
            offsets.append(bytes.count)
            // A line starts with its own offset, zero-padded to eight digits.
            let offset = String(bytes.count)
            bytes += Array((String(repeating: "0", count: 8 - offset.count) + offset + line + "\n").utf8)
        }
        return (bytes, offsets)
    }

    static func padded(_ offset: Int) -> String {
        String(repeating: "0", count: 8 - String(offset).count) + String(offset)
    }

    static func pointer(_ offset: Int, source: Int, target: Int) -> String {
        let hex = { (value: Int) in value < 16 ? "0" + String(value, radix: 16) : String(value, radix: 16) }
        return "+ \(padded(offset)) n \(hex(source))\(hex(target))"
    }

    static let fixture: (verbs: [UInt8], adjectives: [UInt8], nouns: [UInt8]) = {
        let (nouns, offsets) = Self.nouns([
            " 26 n 03 death 0 decease 0 expiry 0 000 | the event of dying",
            " 04 n 02 invasion 0 invading 0 000 | the act of invading",
            " 04 n 01 take_off 0 000 | a departure",
            " 04 n 01 collection 0 000 | the act of collecting",
            " 07 n 03 height 0 tallness 0 body_height 0 000 | the vertical dimension of extension",
        ])
        let adjectives = [
            "  1 This software and database is being provided to you, the LICENSEE",
            "02385102 00 a 02 tall(a) 0 high 0 002 = \(padded(offsets[4])) n 0000 ! 02386612 a 0101 | great in height",
            "02385103 00 a 01 short 0 001 + \(padded(offsets[4])) n 0101 | a derivation, not an attribute",
        ]
        let verbs = [
            "  1 This software and database is being provided to you, the LICENSEE",
            "00358431 30 v 03 die 0 decease 0 perish 0 003 \(pointer(offsets[0], source: 1, target: 1)) "
                + "\(pointer(offsets[0], source: 2, target: 2)) @ 00359903 v 0000 | pass from physical life",
            "01127795 33 v 01 invade 0 002 \(pointer(offsets[1], source: 1, target: 1)) "
                + "\(pointer(offsets[1], source: 1, target: 9)) | march aggressively into",
            "01970000 38 v 01 take_off 0 001 \(pointer(offsets[2], source: 1, target: 1)) | leave the ground",
            "01380000 35 v 01 collect 0 001 \(pointer(offsets[3], source: 1, target: 1)) | gather",
            "01380001 35 v 01 broken 0 001 + 0000000x n 0101 | a pointer that does not read",
            "01380002 35 v zz garbled line",
            "01380003 35 v 01 land 0 001 \(pointer(offsets[0] + 1, source: 1, target: 1)) | not a line's start",
        ]
        return (Array(verbs.joined(separator: "\n").utf8), Array(adjectives.joined(separator: "\n").utf8), nouns)
    }()

    static func pairs(_ files: (verbs: [UInt8], adjectives: [UInt8], nouns: [UInt8])) -> [(word: String, noun: String)]
    {
        WordNetDerivations.pairs(
            WordNetDerivations.links(WordNetDerivations.lines(files.verbs), relation: .derivation)
                + WordNetDerivations.links(WordNetDerivations.lines(files.adjectives), relation: .attribute),
            nouns: WordNetDerivations.lines(files.nouns))
    }

    @Test func theLinksFromVerbsToNounsAreRead() {
        let pairs = Self.pairs(Self.fixture)
        // A phrase, a target past the synset's words, a line or offset that does not read: none.
        #expect(
            pairs.map { "\($0.word)→\($0.noun)" }
                == [
                    "die→death", "decease→decease", "invade→invasion", "collect→collection",
                    // An attribute relates every word of the one synset to every word of the other;
                    // the adjective's position marker "(a)" is not part of its word.
                    "tall→height", "tall→tallness", "high→height", "high→tallness",
                ])
    }

    @Test func eachWordOfAPairFindsTheOtherUnlessTheIndexJoinsThem() {
        let derivations = WordDerivations(
            wordNetVerbs: WordNetDerivations.lines(Self.fixture.verbs),
            adjectives: WordNetDerivations.lines(Self.fixture.adjectives),
            nouns: WordNetDerivations.lines(Self.fixture.nouns))
        #expect(derivations == WordDerivations(pairs: Self.pairs(Self.fixture)))
        #expect(derivations.relatives(of: TermExtractor.term("die")) == [TermExtractor.term("death")])
        #expect(derivations.relatives(of: TermExtractor.term("death")) == [TermExtractor.term("die")])
        #expect(derivations.relatives(of: TermExtractor.term("invaded")) == [TermExtractor.term("invasion")])
        // "collect" and "collection" are one term already, "decease" is its own noun.
        #expect(derivations.relatives(of: TermExtractor.term("collection")).isEmpty)
        #expect(derivations.relatives(of: TermExtractor.term("decease")).isEmpty)
        // "tallness" is "tall" to the index, so "high" comes to stand for "tall" through it.
        #expect(derivations.relatives(of: TermExtractor.term("tall")) == ["height", "high"].map(TermExtractor.term))
        #expect(derivations.relatives(of: TermExtractor.term("height")) == ["high", "tall"].map(TermExtractor.term))
        #expect(derivations.count == 7)
        #expect(WordDerivations.none.relatives(of: "die").isEmpty)
    }

    @Test func derivationsJoinTheRelativesSpellingShows() {
        let derivations = WordDerivations(pairs: [("lead", "leadership"), ("invade", "invasion")])
        let lead = WordFamily.relatives(of: TermExtractor.term("lead"), derivations: derivations)
        #expect(lead.filter { $0 == TermExtractor.term("leadership") }.count == 1, "\(lead)")
        #expect(lead.contains(TermExtractor.term("leader")))
        #expect(
            WordFamily.relatives(of: TermExtractor.term("invade"), derivations: derivations)
                .contains(TermExtractor.term("invasion")))
    }

    static let rhine = """
        The Rhine frontier

        The river was the empire's border for a long time. From the death of Augustus in AD 14 until after \
        AD 70, Rome accepted the water-boundary of the Rhine as her frontier.

        Forts along the river were rebuilt in stone in the second century.
        """

    static let harbour = """
        Harbour works

        The council rebuilt the harbour wall in 1998. Fishing boats moor inside it in winter.
        """

    @Test func aQuestionAskedWithTheVerbIsAnsweredBySentenceWithTheNoun() async throws {
        let cache = try QueryCache()
        try await cache.add(["rhine.txt": Self.rhine, "harbour.txt": Self.harbour])
        let question = Question("When did Augustus die?")
        let derived = QueryEngine(store: cache.store, derivations: WordDerivations(pairs: [("die", "death")]))
        let (ranker, _) = try await derived.candidates(for: question)
        #expect(ranker.relatives[TermExtractor.term("die")] == [TermExtractor.term("death")])
        let answer = try await derived.ask("When did Augustus die?", limit: 1).answers.first
        #expect(
            answer?.sentence.hasPrefix("From the death of Augustus in AD 14") == true, "\(String(describing: answer))")
        // Without the derivation, the same collection holds no relative of "die".
        let (plain, _) = try await cache.engine.candidates(for: question)
        #expect(plain.relatives[TermExtractor.term("die"), default: []].isEmpty)
    }
}
