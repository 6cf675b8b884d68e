import Testing

@testable import Store

@Suite struct NetworkReadsTests {
    @Test func theMostNamedNamesAndTheEdgesAmongThem() async throws {
        let cache = try await CacheFixture.filled()
        let top = try await cache.store.network.top(limit: 2, kind: nil, minimumWeight: 1)
        #expect(top.nodes.map(\.name) == ["Washington, D.C.", "Zoë Ōkubo"])
        #expect(top.nodes.first?.aliases == ["D.C.", "Washington, District of Columbia"])
        #expect(top.edges == [NameNetwork.Edge(source: 0, target: 1, weight: 1)])

        let all = try await cache.store.network.top(limit: 50, kind: nil, minimumWeight: 1)
        #expect(all.nodes.count == 5)
        let pairs = Set(
            all.edges.map { edge in
                [all.nodes[edge.source].name, all.nodes[edge.target].name].sorted().joined(separator: " + ")
            })
        #expect(
            pairs == [
                "Smith, Jones & Co + Washington, D.C.", "Washington, D.C. + Zoë Ōkubo", "Владимир Путин + 東京",
                "Zoë Ōkubo + Владимир Путин", "Zoë Ōkubo + 東京",
            ])
        #expect(try await cache.store.network.top(limit: 50, kind: nil, minimumWeight: 2).edges.isEmpty)
    }

    @Test func aKindNarrowsTheNames() async throws {
        let cache = try await CacheFixture.filled()
        let people = try await cache.store.network.top(limit: 10, kind: "person", minimumWeight: 1)
        #expect(people.nodes.map(\.name) == ["Zoë Ōkubo", "Владимир Путин"])
        #expect(people.edges == [NameNetwork.Edge(source: 0, target: 1, weight: 1)])
        let none = try await cache.store.network.top(limit: 10, kind: "other", minimumWeight: 1)
        #expect(none == NameNetwork(nodes: [], edges: []))
    }
}
