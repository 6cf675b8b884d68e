import Testing

@testable import Store

@Suite struct EntityReadsTests {
    @Test func namesAndAliasesWithCommasQuotesAndOtherScriptsComeBackWhole() async throws {
        let cache = try await CacheFixture.filled()
        let entities = try await cache.store.entities.list(kind: nil, path: nil, limit: 10)
        #expect(
            entities.map(\.name) == [
                "Washington, D.C.", "Zoë Ōkubo", "Smith, Jones & Co", "Владимир Путин", "東京",
            ])
        let capital = try #require(entities.first)
        #expect(capital.kind == "place")
        #expect(capital.aliases == ["D.C.", "Washington, District of Columbia"])
        #expect(capital.mentions == 3)
        #expect(capital.documents == 2)
        let person = try #require(entities.first { $0.name == "Zoë Ōkubo" })
        #expect(person.aliases == ["Ōkubo"])
        #expect(person.titles == ["Mayor, acting"])
        #expect(entities.first { $0.name == "Smith, Jones & Co" }?.aliases == ["Smith, Jones and Co."])
    }

    @Test func theListNarrowsByKindAndByDocument() async throws {
        let cache = try await CacheFixture.filled()
        #expect(
            try await cache.store.entities.list(kind: "person", path: nil, limit: 10).map(\.name) == [
                "Zoë Ōkubo", "Владимир Путин",
            ])
        let inHarbour = try await cache.store.entities.list(kind: nil, path: "harbour.txt", limit: 10)
        #expect(inHarbour.map(\.name).sorted() == ["Washington, D.C.", "Zoë Ōkubo"])
        #expect(try await cache.store.entities.list(kind: nil, path: nil, limit: 2).count == 2)
        // Written so: by name or by alias, in any case; with a kind, of that kind only.
        let reads = cache.store.entities
        #expect(try await reads.list(kind: nil, path: nil, named: "ŌKUBO", limit: 10).map(\.name) == ["Zoë Ōkubo"])
        #expect(
            try await reads.list(kind: nil, path: nil, named: "washington, d.c.", limit: 10).map(\.name) == [
                "Washington, D.C."
            ])
        #expect(try await reads.list(kind: "place", path: nil, named: "Ōkubo", limit: 10).isEmpty)
        #expect(try await reads.list(kind: nil, path: nil, named: "Washington", limit: 10).isEmpty)
    }

    @Test func anEntityIsFoundByItsNameOrAnAliasInAnyCase() async throws {
        let cache = try await CacheFixture.filled()
        let reads = cache.store.entities
        #expect(try await reads.exists(named: "d.c."))
        #expect(try await reads.exists(named: "ŌKUBO"))
        #expect(try await reads.exists(named: "владимир путин"))
        #expect(try await !reads.exists(named: "Nobody"))
        let found = try await reads.ids(namedAnyOf: ["ōkubo", "東京", "nobody"])
        #expect(found.count == 2)
        #expect(Set(found.values.flatMap { $0 }) == ["ōkubo", "東京"])
    }

    @Test func relatedNamesComeWithTheirWeightAndTheSentencesThatJoinThem() async throws {
        let cache = try await CacheFixture.filled()
        let found = try #require(try await cache.store.entities.related(to: "Ōkubo", limit: 10))
        #expect(found.entity.name == "Zoë Ōkubo")
        let byName = Dictionary(uniqueKeysWithValues: found.relations.map { ($0.entity.name, $0) })
        #expect(byName.keys.sorted() == ["Washington, D.C.", "Владимир Путин", "東京"])
        #expect(byName["Washington, D.C."]?.weight == 1)
        #expect(
            byName["Washington, D.C."]?.evidence == [
                Relation.Evidence(
                    path: "harbour.txt",
                    sentence: "Ōkubo opened the harbour works in Washington, D.C. with 2,000 workers.")
            ])
        #expect(byName["Владимир Путин"]?.entity.aliases == ["Путин"])
        #expect(
            byName["東京"]?.evidence.map(\.sentence) == ["Владимир Путин met Zoë Ōkubo in 東京."])
        #expect(try await cache.store.entities.related(to: "Nobody", limit: 10) == nil)
    }

    @Test func twoNamesTogetherComeWithEverySentenceThatNamesBoth() async throws {
        let cache = try await CacheFixture.filled()
        let reads = cache.store.entities
        guard case .found(let subject, let relation) = try await reads.relation(of: "Ōkubo", with: "D.C.", limit: 10)
        else {
            Issue.record("both names are known")
            return
        }
        #expect(subject.name == "Zoë Ōkubo")
        #expect(relation?.entity.name == "Washington, D.C.")
        #expect(relation?.weight == 1)
        #expect(
            relation?.evidence == [
                Relation.Evidence(
                    path: "harbour.txt",
                    sentence: "Ōkubo opened the harbour works in Washington, D.C. with 2,000 workers.")
            ])
        guard case .found(_, let none) = try await reads.relation(of: "Ōkubo", with: "Smith, Jones & Co", limit: 10)
        else {
            Issue.record("both names are known")
            return
        }
        #expect(none == nil, "no sentence names both")
        #expect(try await reads.relation(of: "Nobody", with: "Ōkubo", limit: 10) == .unknown("Nobody"))
        #expect(try await reads.relation(of: "Ōkubo", with: "Nobody", limit: 10) == .unknown("Nobody"))
    }
}
