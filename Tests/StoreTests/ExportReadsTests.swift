import Testing

@testable import Ingest
@testable import Store

@Suite struct ExportReadsTests {
    /// Every row of `kind`, `limit` at a time.
    func rows(_ snapshot: ExportSnapshot, _ kind: ExportKind, _ filter: ExportFilter = .init(), limit: Int = 1000)
        async throws -> [[ExportValue]]
    {
        var rows: [[ExportValue]] = []
        var cursor: ExportCursor?
        repeat {
            let page = try await snapshot.page(kind, filter, after: cursor, limit: limit)
            #expect(page.rows.count <= limit)
            rows += page.rows
            cursor = page.next
        } while cursor != nil
        return rows
    }

    @Test func everyKindGivesItsColumnsAndPagesGiveTheSameRowsAsOne() async throws {
        let cache = try await CacheFixture.filled()
        let snapshot = try cache.store.exports.snapshot()
        #expect(snapshot.generation == 2)
        for kind in ExportKind.allCases {
            let whole = try await rows(snapshot, kind)
            #expect(!whole.isEmpty, "\(kind)")
            #expect(whole.allSatisfy { $0.count == kind.columns.count }, "\(kind)")
            #expect(try await rows(snapshot, kind, limit: 1) == whole, "\(kind)")
        }
        let entities = try await rows(snapshot, .entities)
        let capital = try #require(entities.first { $0[1] == .text("Washington, D.C.") })
        #expect(capital[2] == .text("place"))
        #expect(
            capital[3] == .list(["D.C.", "Washington, District of Columbia"]), "a list, not a string split on commas")
        #expect(capital[5] == .integer(3))
        #expect(capital[6] == .integer(2))
        let timeline = try await rows(snapshot, .timeline)
        #expect(timeline.map { $0[0] } == [.text("2024-05-06")])
        let relations = try await rows(snapshot, .relations)
        let pair = try #require(relations.first { $0[1] == .text("Zoë Ōkubo") && $0[4] == .text("東京") })
        #expect(pair[6] == .integer(1))
        #expect(pair[9] == .text("capital.txt"))
        #expect(pair[10] == .text("Владимир Путин met Zoë Ōkubo in 東京."))
    }

    @Test func anExportReadsTheCacheAsItWasWhenItBegan() async throws {
        let cache = try await CacheFixture.filled()
        let snapshot = try cache.store.exports.snapshot()
        let before = try await rows(snapshot, .mentions, limit: 2)
        try await cache.store.writer.apply([
            .remove(path: "capital.txt"),
            .index(
                path: "later.txt", file: CacheFixture.state("9"),
                result: .document(
                    CacheFixture.document(
                        title: "Later", sections: [(nil, [["Kabul again."]])],
                        entities: [
                            Entity(
                                name: "Kabul", kind: .place, aliases: ["Kabul"],
                                mentions: [.init(sentence: 0, text: "Kabul")])
                        ]))),
        ])
        #expect(try await rows(snapshot, .mentions, limit: 2) == before, "the same rows, page by page")
        #expect(snapshot.generation == 2)
        let now = try cache.store.exports.snapshot()
        #expect(now.generation == 4)
        #expect(try await rows(now, .mentions).count != before.count)
    }

    @Test func filtersKeepTheRowsOfAnEntityAKindAndMatchingDocuments() async throws {
        let cache = try await CacheFixture.filled()
        let snapshot = try cache.store.exports.snapshot()
        let mentions = try await rows(snapshot, .mentions, .init(entity: "ōkubo"))
        #expect(mentions.map { $0[3] } == [.text("capital.txt"), .text("capital.txt"), .text("harbour.txt")])
        #expect(mentions.allSatisfy { $0[0] == .text("Zoë Ōkubo") })
        #expect(try await rows(snapshot, .mentions, .init(entity: "Nobody")).isEmpty)
        let people = try await rows(snapshot, .entities, .init(entityKind: "person"))
        #expect(people.map { $0[1] } == [.text("Zoë Ōkubo"), .text("Владимир Путин")])
        let inHarbour = try await rows(
            snapshot, .documents, .init(search: DocumentSearch(match: "\"borrowed\"")))
        #expect(inHarbour.map { $0[0] } == [.text("harbour.txt")])
        let quotes = try await rows(snapshot, .quotes, .init(search: DocumentSearch(match: "\"borrowed\"")))
        #expect(quotes.isEmpty)
        let places = try await rows(snapshot, .relations, .init(entityKind: "place"))
        #expect(places.isEmpty, "no two places share a sentence")
    }
}
