import Testing

@testable import Ingest

@Suite struct TermMatcherTests {
    @Test func findsTheWantedTermsOfEachWordInOrder() {
        var matcher = TermMatcher(wanted: ["attack", "build", "cafe"])
        #expect(
            matcher.terms(in: "Attacks were built near the Café; attacking it") == [
                "attack", nil, "build", nil, nil, "cafe", "attack", nil,
            ])
        #expect(matcher.termSet(in: "The attackers built it") == ["attack", "build"])
        #expect(matcher.termSet(in: "Assailants built it") == ["build"])
        #expect(matcher.termSet(in: "") == [])
    }

    /// The matcher remembers words between texts: what it finds must be what stemming each word
    /// afresh finds, whatever texts came before and however often a word recurs.
    @Test func agreesWithTheTermsOfEveryWord() {
        let texts = [
            "The Rhine forms the border between Austria and Switzerland.",
            "Rhine shipping won awards; the rivers' borders were drawn, and the border held.",
            "ĐÀ NẴNG and Kābul: ISIS-K’s 2021 raid was fought near the borders.",
        ]
        let wanted: Set<String> = ["border", "rhine", "win", "fight", "nang", "2021", "k"]
        var matcher = TermMatcher(wanted: wanted)
        for text in texts + texts.reversed() {
            let expected = TermExtractor.terms(text).map { wanted.contains($0) ? $0 : nil }
            #expect(matcher.terms(in: text) == expected)
            #expect(matcher.termSet(in: text) == Set(expected.compactMap { $0 }))
        }
    }
}
