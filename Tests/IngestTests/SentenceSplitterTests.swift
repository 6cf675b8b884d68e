import Testing

@testable import Ingest

@Suite struct SentenceSplitterTests {
    @Test(arguments: [
        ("Dr. Smith arrived. He sat down.", ["Dr. Smith arrived.", "He sat down."]),
        ("Gen. Kenneth McKenzie spoke. It was late.", ["Gen. Kenneth McKenzie spoke.", "It was late."]),
        ("It rose 3.5 percent. Then it fell.", ["It rose 3.5 percent.", "Then it fell."]),
        ("The U.S. Central Command said so.", ["The U.S. Central Command said so."]),
        ("She said “Go now.” They left.", ["She said “Go now.”", "They left."]),
        ("Really? Yes! Fine…", ["Really?", "Yes!", "Fine…"]),
        ("J. R. R. Tolkien wrote it.", ["J. R. R. Tolkien wrote it."]),
        ("It ended, e.g. in May. Then more.", ["It ended, e.g. in May.", "Then more."]),
        ("no terminator at all", ["no terminator at all"]),
        ("", []),
    ])
    func splits(text: String, expected: [String]) {
        #expect(SentenceSplitter.split(text) == expected)
    }

    @Test func aRunOnIsCutAtSpacesBelowTheCap() {
        let words = (0..<5000).map { "word\($0)" }
        let sentences = SentenceSplitter.split(words.joined(separator: " "))
        #expect(sentences.count > 1)
        #expect(sentences.allSatisfy { $0.unicodeScalars.count <= SentenceSplitter.maximumLength })
        #expect(sentences.flatMap { $0.split(separator: " ").map(String.init) } == words, "no word lost or cut")
    }

}

@Suite struct ContentHashTests {
    /// Reference values of XXH64 with seed 0.
    @Test(arguments: [
        ("", "ef46db3751d8e999"),
        ("a", "d24ec4f1a98c6e5b"),
        ("abc", "44bc2cf5ad770999"),
        ("Nobody inspects the spammish repetition", "fbcea83c8a378bf1"),
    ])
    func knownValues(input: String, expected: String) {
        #expect(ContentHash.hex(Array(input.utf8)) == expected)
    }
}

@Suite struct TextNormalizerTests {
    @Test(arguments: [
        ("  a \t b\n\nc  ", "a b c"),
        ("non\u{00A0}breaking\u{2003}em\u{3000}ideographic", "non breaking em ideographic"),
        ("keeps “quotes” and café", "keeps “quotes” and café"),
        ("\u{FEFF}bom\u{0007}bell\u{0085}next", "bombell next"),
        ("", ""),
        // Text with nothing to collapse comes back as it is; one thing to collapse anywhere is found.
        ("a b — c… “d”", "a b — c… “d”"),
        ("a b — c…\u{2009}d", "a b — c… d"),
        ("a b c\u{00A0}", "a b c"),
        ("a b  c", "a b c"),
        ("a\tb", "a b"),
        ("a b\u{0085}", "a b"),
        ("ab\u{200B}", "ab\u{200B}"),
    ])
    func collapses(input: String, expected: String) {
        #expect(TextNormalizer.collapseWhitespace(input) == expected)
    }

    @Test func linesSplitAtEveryLineFeedAsCharactersWould() {
        for text in ["", "\n", "a\n\nb", "one\ntwo\n", "e\u{301}\n\u{301}x", "\n\nend"] {
            #expect(TextNormalizer.lines(text) == text.split(separator: "\n", omittingEmptySubsequences: false))
        }
        #expect("a[b".utf8.containsByte(UInt8(ascii: "[")))
        #expect(!"ab".utf8.containsByte(UInt8(ascii: "[")))
        #expect(!"".utf8.containsByte(0))
    }
}
