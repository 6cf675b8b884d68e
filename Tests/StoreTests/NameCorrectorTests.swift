import Corrections
import Foundation
import Store
import Testing

@testable import Ingest

/// Corrections to names applied in a real cache, through the real writer.
@Suite struct NameCorrectorTests {
    let okubo = EntityName(name: "Zoë Ōkubo", kind: .person)
    let capital = EntityName(name: "Washington, D.C.", kind: .place)
    let putin = EntityName(name: "Владимир Путин", kind: .person)
    let tokyo = EntityName(name: "東京", kind: .place)

    var actions: [CorrectionAction] {
        [
            .split(capital, alias: "D.C.", kind: .organisation),
            .merge(tokyo, into: capital),
            .rename(capital, to: "Washington"),
            .hide(putin),
            .retype(okubo, to: .organisation),
        ]
    }

    /// Everything the cache says of names (aliases in any order: the order they were stored in).
    func names(_ store: DocumentStore) async throws -> [String] {
        func line(_ entity: EntitySummary) -> String {
            var entity = entity
            entity.aliases.sort()
            return "\(entity)"
        }
        var lines = try await store.entities.list(kind: nil, path: nil, limit: 100).map(line)
        for path in ["capital.txt", "harbour.txt"] {
            let annotations = try await store.documents.annotations(path: path)
            lines += (annotations?.entities ?? []).map { "\(path): \(line($0))" }
            lines += (annotations?.quotes ?? []).map { "\(path): \($0)" }
        }
        return lines
    }

    @Test func correctionsShowAndTheirUndoRestoresEveryName() async throws {
        let fixture = try await CacheFixture.filled()
        let store = fixture.store
        let before = try await names(store)
        try await store.writer.correct(to: actions)
        let entities = try await store.entities.list(kind: nil, path: nil, limit: 100)
        let byName = Dictionary(entities.map { ($0.name, $0) }) { a, _ in a }
        #expect(byName["Washington"]?.aliases.contains("東京") == true, "\(entities)")
        #expect(byName["Washington"]?.mentions == 4)
        #expect(byName["Washington, D.C."] == nil && byName["東京"] == nil && byName["Владимир Путин"] == nil)
        #expect(byName["Zoë Ōkubo"]?.kind == "organisation")
        #expect(try await store.entities.exists(named: "东京") == false)
        #expect(try await store.entities.exists(named: "東京"))
        #expect(try await store.entities.related(to: "Путин", limit: 10) == nil)
        // The quote of a hidden speaker keeps the speaker's words; another's, the corrected name.
        let quotes = try await store.documents.annotations(path: "capital.txt")?.quotes ?? []
        #expect(quotes.map(\.speaker) == ["Zoë Ōkubo"])

        // Undone one by one from the middle, then all: the cache is as the recogniser left it.
        var remaining = actions
        remaining.remove(at: 1)
        try await store.writer.correct(to: remaining)
        #expect(try await store.entities.exists(named: "東京"))
        try await store.writer.correct(to: [])
        let after = try await names(store)
        #expect(after == before, "\(after.difference(from: before))")
    }

    @Test func aDocumentWrittenLaterIsStoredWithTheCorrections() async throws {
        let fixture = try CacheFixture()
        try await fixture.store.writer.correct(to: actions)
        try await fixture.add([("capital.txt", CacheFixture.capital), ("harbour.txt", CacheFixture.harbour)])
        let later = try await names(fixture.store)

        let other = try await CacheFixture.filled()
        try await other.store.writer.correct(to: actions)
        let corrected = try await names(other.store)
        #expect(corrected == later, "\(corrected.difference(from: later))")
    }

    @Test func aNameReadWithoutAKindIsTheOneACorrectionIsAbout() async throws {
        let fixture = try await CacheFixture.filled()
        try await fixture.store.writer.correct(to: [.hide(putin), .hide(capital)])
        // Another document names both, and cannot tell what they are.
        let untyped = CacheFixture.document(
            title: "Later", sections: [(nil, [["Владимир Путин flew to Washington, D.C. again."]])],
            entities: [
                Entity(
                    name: "Владимир Путин", kind: .other, mentions: [.init(sentence: 0, text: "Владимир Путин")]),
                Entity(
                    name: "Washington, D.C.", kind: .other, mentions: [.init(sentence: 0, text: "Washington, D.C.")]),
            ])
        try await fixture.add([("later.txt", untyped)])
        #expect(try await fixture.store.documents.annotations(path: "later.txt")?.entities == [])
        #expect(try await fixture.store.entities.exists(named: "Владимир Путин") == false)
        // Undone, they are what the document said of them.
        try await fixture.store.writer.correct(to: [])
        let names = try await fixture.store.documents.annotations(path: "later.txt")?.entities.map(\.name)
        #expect(names == ["Владимир Путин", "Washington, D.C."])
    }

    @Test func correctionsMadeOneByOneOrAllAtOnceComeToTheSame() async throws {
        let oneByOne = try await CacheFixture.filled()
        for count in 1...actions.count {
            try await oneByOne.store.writer.correct(to: Array(actions.prefix(count)))
        }
        let atOnce = try await CacheFixture.filled()
        // A cache corrected otherwise first: what it held is placed again.
        try await atOnce.store.writer.correct(to: [.hide(okubo), .rename(tokyo, to: "Tokyo")])
        try await atOnce.store.writer.correct(to: actions)
        let (a, b) = (try await names(atOnce.store), try await names(oneByOne.store))
        #expect(a == b, "\(a.difference(from: b))")
    }

    @Test func aCorrectionIsAChangeInTheLogAndTheRulesSurviveReopening() async throws {
        let fixture = try await CacheFixture.filled()
        let correction = Correction(number: 1, action: .hide(putin), user: "alice", at: Date(timeIntervalSince1970: 0))
        let recorded = try await fixture.store.writer.correct(to: [.hide(putin)], recording: .made(correction))
        #expect(recorded?.kind == .corrected)
        let logged = try await fixture.store.changeLog.changes(after: 0, limit: 10)
        #expect(logged.last == recorded)
        #expect(logged.last?.correction == correction)

        let reopened = try DocumentStore(path: fixture.work.subpath("cache.sqlite"))
        try await reopened.writer.apply([
            .index(path: "again.txt", file: CacheFixture.state("x"), result: .document(CacheFixture.capital))
        ])
        #expect(try await reopened.entities.exists(named: "Владимир Путин") == false)
    }
}
