import Testing

@testable import Store

@Suite struct AnswerReadsTests {
    @Test func aMatchingSentenceComesWithItsPlaceNamesDatesAndQuantities() async throws {
        let cache = try await CacheFixture.filled()
        let candidates = try await cache.store.answers.candidates(.any("worker"), entityIDs: [], limit: 10)
        let candidate = try #require(candidates.first)
        #expect(candidates.count == 1)
        #expect(candidate.text == "Ōkubo opened the harbour works in Washington, D.C. with 2,000 workers.")
        #expect(candidate.title == "Harbour works")
        #expect(candidate.heading == nil)
        #expect(candidate.ordinal == 0)
        #expect(candidate.positionInSection == 0)
        #expect(candidate.previous == nil)
        #expect(candidate.paragraph.hasSuffix("The works cost $1.5 billion."))
        #expect(candidate.relevance > 0)
        #expect(Set(candidate.entities.values) == ["person", "place"])
        #expect(candidate.numberUnits == ["workers"])
        #expect(candidate.spans.map(\.text).sorted() == ["2,000 workers", "Washington, D.C.", "Ōkubo"])
        #expect(!candidate.hasDate)
    }

    @Test func aHeadingThatAsksLiftsTheSentencesUnderIt() async throws {
        let cache = try await CacheFixture.filled()
        let candidates = try await cache.store.answers.candidates(.any("pay"), entityIDs: [], limit: 10)
        // The sentence that matches, and the opening sentences of the section whose heading does.
        #expect(candidates.map(\.text) == ["The city pays for the harbour.", "It borrowed the money."])
        let second = candidates[1]
        #expect(second.heading == "Who pays?")
        #expect(second.positionInSection == 1)
        #expect(second.previous == "The city pays for the harbour.")
        #expect(second.relevance == 0)
        // "It" stands for the city named in the first section.
        #expect(second.spans.map(\.text) == ["It"])
    }

    @Test func sentencesThatNameAnEntityAreCandidatesWithTheirDates() async throws {
        let cache = try await CacheFixture.filled()
        let found = try await cache.store.entities.ids(namedAnyOf: ["Владимир Путин"])
        let candidates = try await cache.store.answers.candidates(
            .any("nothingmatches"), entityIDs: Array(found.keys), limit: 10)
        #expect(candidates.map(\.text) == ["Владимир Путин met Zoë Ōkubo in 東京."])
        let monday = try await cache.store.answers.candidates(.any("rebuild"), entityIDs: [], limit: 10)
        #expect(monday.first?.hasDate == true)
        #expect(monday.first?.spans.contains(AnswerSpan(kind: .date, text: "Monday")) == true)
    }

    @Test func aContextIsTheParagraphSentenceBySentence() async throws {
        let cache = try await CacheFixture.filled()
        let candidates = try await cache.store.answers.candidates(.any("borrow"), entityIDs: [], limit: 10)
        let id = try #require(candidates.first?.sentenceID)
        let contexts = try await cache.store.answers.contexts(sentenceIDs: [id, 999_999])
        #expect(
            contexts == [
                id: AnswerContext(
                    path: "harbour.txt", title: "Harbour works", heading: "Who pays?",
                    paragraph: "The city pays for the harbour. It borrowed the money.",
                    sentences: ["The city pays for the harbour.", "It borrowed the money."], index: 1)
            ])
    }

    @Test func sentenceFrequenciesCountTheSentencesHoldingEachTerm() async throws {
        let cache = try await CacheFixture.filled()
        let (sentences, counts) = try await cache.store.answers.sentenceFrequencies(of: ["harbour", "monei", "zzz"])
        #expect(sentences == 8)
        #expect(counts == ["harbour": 4, "monei": 1, "zzz": 0])
    }
}
