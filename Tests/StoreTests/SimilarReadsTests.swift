import Testing

@testable import Ingest
@testable import Store

@Suite struct SimilarReadsTests {
    @Test func documentsAreRankedByTheTermsAndNamesTheyShare() async throws {
        let cache = try await CacheFixture.filled()
        let unrelated = CacheFixture.document(
            title: "Recipes", sections: [(nil, [["Bake the bread for an hour."]])],
            keyTerms: [
                TermCount(term: "bake", word: "bake", count: 3), TermCount(term: "bread", word: "bread", count: 2),
            ])
        let alsoHarbour = CacheFixture.document(
            title: "Harbour again", sections: [(nil, [["The harbour works go on."]])],
            keyTerms: [
                TermCount(term: "harbour", word: "harbour", count: 3), TermCount(term: "work", word: "works", count: 1),
                TermCount(term: "bread", word: "bread", count: 1),
            ])
        try await cache.add([("recipes.txt", unrelated), ("again.txt", alsoHarbour)])
        let similar = try #require(try await cache.store.similar.documents(like: "harbour.txt", limit: 5))
        #expect(similar.map(\.path) == ["again.txt", "capital.txt"])
        #expect(similar[0].sharedTerms.sorted() == ["harbour", "works"])
        // Only the word that is not its term is stored.
        let words = try await cache.store.pool.read { db in
            try String.fetchOne(
                db, sql: "SELECT words FROM document_vectors JOIN documents USING (id) WHERE path = 'again.txt'")
        }
        #expect(words == "* works *")
        #expect(similar[1].sharedEntities == ["Washington, D.C.", "Zoë Ōkubo"])
        #expect(similar.allSatisfy { $0.score > 0 && $0.score <= 1 })
        #expect(try await cache.store.similar.documents(like: "missing.txt", limit: 5) == nil)
    }

    @Test func theTermsFrequenciesFollowTheCache() async throws {
        let cache = try await CacheFixture.filled()
        // Read once, so that the frequencies are kept.
        _ = try await cache.store.similar.documents(like: "harbour.txt", limit: 5)
        let harbours = (1...3).map { number in
            (
                "harbour-\(number).txt",
                CacheFixture.document(
                    title: "Harbour \(number)", sections: [(nil, [["The harbour works again."]])],
                    keyTerms: [TermCount(term: "harbour", word: "harbour", count: 2)])
            )
        }
        try await cache.add(harbours)
        let kept = try #require(try await cache.store.similar.documents(like: "capital.txt", limit: 10))
        // A store opened afresh reads the frequencies anew: the kept ones must be the same.
        let fresh = try DocumentStore(path: cache.work.subpath("cache.sqlite"))
        let anew = try #require(try await fresh.similar.documents(like: "capital.txt", limit: 10))
        #expect(kept == anew)
        #expect(kept.contains { $0.path == "harbour-1.txt" })
    }
}

/// The lists of words and counts as `document_vectors` writes them.
@Suite struct TermListCodingTests {
    @Test func aRunOfEqualEntriesIsWrittenOnceWithItsLength() {
        let counts = [5, 5, 3, 2, 2, 2, 1]
        #expect(TermListCoding.encode(counts: counts) == "5*2 3 2*3 1")
        #expect(TermListCoding.decodeCounts(TermListCoding.encode(counts: counts)[...]) == counts)
        let words = ["", "", "", "factory", "", "study", "study", "Zoë", ""]
        #expect(TermListCoding.encode(words: words) == "*3 factory * study study Zoë *")
        #expect(TermListCoding.decodeWords(TermListCoding.encode(words: words)[...]) == words.map { $0[...] })
        #expect(TermListCoding.encode(counts: []) == "")
        #expect(TermListCoding.decodeCounts(""[...]) == [])
    }

    @Test func listsWrittenBeforeRunsReadTheSame() {
        #expect(TermListCoding.decodeCounts("4 4 3 1"[...]) == [4, 4, 3, 1])
        #expect(TermListCoding.decodeWords(" works "[...]) == ["", "works", ""])
        #expect(TermListCoding.decodeWords(""[...]) == [""])
    }

    @Test func aDamagedListReadsAsNothing() {
        for damaged in ["4 x", "4*", "4*0", "0", "2*99999999", "-1", "3**2"] {
            #expect(TermListCoding.decodeCounts(damaged[...]) == nil, "\(damaged)")
        }
        for damaged in ["*x", "*0", "a *99999999"] {
            #expect(TermListCoding.decodeWords(damaged[...]) == nil, "\(damaged)")
        }
    }
}
