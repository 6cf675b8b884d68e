import Corrections
import Foundation
import Ingest
import Testing

@Suite struct NameRulesTests {
    let us = EntityName(name: "U.S.", kind: .place)
    let unitedStates = EntityName(name: "United States", kind: .place)
    let jordan = EntityName(name: "Michael Jordan", kind: .person)

    @Test func aNameNoCorrectionIsAboutStaysAsItIs() {
        let rules = NameRules([.hide(us)])
        #expect(rules.resolve(unitedStates) == .shown(unitedStates))
        #expect(rules.subjects == [us])
    }

    @Test func namesMatchWhateverTheirCaseButNotWhateverTheirKind() {
        let rules = NameRules([.hide(us)])
        #expect(rules.resolve(EntityName(name: "u.s.", kind: .place)) == .hidden)
        #expect(rules.resolve(EntityName(name: "U.S.", kind: .organisation)) != .hidden)
    }

    @Test func aMergedNameFollowsWhatIsLaterSaidOfTheOneItJoined() {
        let rules = NameRules([
            .merge(us, into: unitedStates),
            .rename(unitedStates, to: "United States of America"),
            .retype(EntityName(name: "United States of America", kind: .place), to: .organisation),
        ])
        let end = EntityName(name: "United States of America", kind: .organisation)
        #expect(rules.resolve(us) == .shown(end))
        #expect(rules.resolve(unitedStates) == .shown(end))
        if case .shown(let shown) = rules.resolve(us) { #expect(shown.name == "United States of America") }
    }

    @Test func whatWasSaidBeforeANameArrivedDoesNotApplyToIt() {
        // The rename came first: "U.S." was merged into the entity under its new name only later.
        let rules = NameRules([.rename(unitedStates, to: "USA"), .merge(us, into: unitedStates)])
        #expect(rules.resolve(us) == .shown(unitedStates))
        #expect(rules.resolve(unitedStates) == .shown(EntityName(name: "USA", kind: .place)))
    }

    @Test func hiddenIsFinal() {
        let rules = NameRules([.hide(us), .merge(us, into: unitedStates)])
        #expect(rules.resolve(us) == .hidden)
    }

    @Test func aSplitMovesOnlyWhereTheAliasIsWritten() {
        let country = EntityName(name: "Jordan", kind: .place)
        let rules = NameRules([.split(jordan, alias: "Jordan", kind: .place)])
        #expect(rules.resolve(jordan, written: "jordan") == .shown(country))
        #expect(rules.resolve(jordan, written: "Michael Jordan") == .shown(jordan))
        #expect(rules.resolve(jordan) == .shown(jordan))
    }
}

@Suite struct CorrectionLogTests {
    let us = EntityName(name: "U.S.", kind: .place)
    let time = Date(timeIntervalSince1970: 1_800_000_000.75)

    @Test func numbersAreNeverGivenTwice() throws {
        var log = CorrectionLog()
        let first = try log.append(.hide(us), user: "alice", at: time)
        try log.undo(first.number)
        let second = try log.append(.hide(us), user: "alice", at: time)
        #expect(first.number == 1)
        #expect(second.number == 2)
        #expect(second.at == Date(timeIntervalSince1970: 1_800_000_000))
    }

    @Test func undoingOneInTheMiddleKeepsTheOthersInOrder() throws {
        var log = CorrectionLog()
        try log.append(.hide(us), user: "a", at: time)
        try log.append(.rename(us, to: "US"), user: "b", at: time)
        try log.append(.retype(us, to: .organisation), user: "c", at: time)
        try log.undo(2)
        #expect(log.corrections.map(\.number) == [1, 3])
        #expect(log.rules.actions == [.hide(us), .retype(us, to: .organisation)])
    }

    @Test(arguments: [
        (
            CorrectionAction.merge(
                EntityName(name: "U.S.", kind: .place), into: EntityName(name: "u.s.", kind: .place)),
            "cannot be merged into itself"
        ),
        (.rename(EntityName(name: "U.S.", kind: .place), to: "  "), "cannot be empty"),
        (
            .rename(EntityName(name: "U.S.", kind: .place), to: String(repeating: "é", count: 129)),
            "longer than 256 bytes"
        ),
        (.rename(EntityName(name: "U.S.", kind: .place), to: "U.S."), "already called that"),
        (.retype(EntityName(name: "U.S.", kind: .place), to: .place), "already of that kind"),
        (.split(EntityName(name: "U.S.", kind: .place), alias: "u.s.", kind: .place), "name of"),
        (.rename(EntityName(name: "U.S.", kind: .place), to: "a\u{1B}[31m"), "control characters"),
    ])
    func whatCannotBeSaidIsRefusedAndNothingIsKept(action: CorrectionAction, reason: String) {
        var log = CorrectionLog()
        #expect {
            try log.append(action, user: "a", at: time)
        } throws: { error in
            "\(error)".contains(reason)
        }
        #expect(log.corrections.isEmpty)
        #expect(log.lastNumber == 0)
    }

    @Test func undoOfANumberThatIsNotThereIsRefused() {
        var log = CorrectionLog()
        #expect(throws: CorrectionLog.Refusal.noSuchCorrection(7)) { try log.undo(7) }
    }
}

@Suite struct CorrectionFileTests {
    let time = Date(timeIntervalSince1970: 1_800_000_000)

    func sample() throws -> CorrectionLog {
        var log = CorrectionLog()
        let place = EntityName(name: "Washington, D.C.", kind: .place)
        try log.append(.merge(EntityName(name: "D.C.", kind: .place), into: place), user: "alice", at: time)
        try log.append(.rename(place, to: "Вашингтон \"DC\""), user: "bob", at: time)
        try log.append(.retype(EntityName(name: "Police", kind: .person), to: .organisation), user: "1001", at: time)
        try log.append(.hide(EntityName(name: "Monday", kind: .other)), user: "alice", at: time)
        try log.append(
            .split(EntityName(name: "Michael Jordan", kind: .person), alias: "Jordan", kind: .place), user: "a",
            at: time)
        try log.undo(4)
        return log
    }

    @Test func whatIsWrittenIsReadBack() throws {
        let log = try sample()
        #expect(try CorrectionFile.decode(CorrectionFile.encode(log)) == log)
    }

    @Test func theFileIsTextAPersonCanRead() throws {
        let text = String(decoding: CorrectionFile.encode(try sample()), as: UTF8.self)
        #expect(text.contains("\"version\" : 1"))
        #expect(text.contains("\"format\" : \"dossier-corrections\""))
        #expect(text.contains("\"action\" : \"merge\""))
        #expect(text.contains("\"at\" : \"2027-01-15T08:00:00Z\""))
        #expect(text.contains("\"last\" : 5"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test(arguments: [
        ("", "not a corrections file"),
        ("{\"format\": \"other\", \"version\": 1}", "format is 'other'"),
        ("{\"format\": \"dossier-corrections\", \"version\": 2, \"last\": 0, \"corrections\": []}", "version 2"),
        (
            "{\"format\": \"dossier-corrections\", \"version\": 1, \"last\": 1, \"corrections\": [{\"number\": 1}]}",
            "missing"
        ),
        (
            """
            {"format": "dossier-corrections", "version": 1, "last": 1, "corrections": [{"number": 1, "user": "a",
             "at": "2027-01-15T08:00:00Z", "action": "explode", "entity": {"name": "A", "kind": "place"}}]}
            """, "unknown action"
        ),
        (
            """
            {"format": "dossier-corrections", "version": 1, "last": 1, "corrections": [{"number": 1, "user": "a",
             "at": "2027-01-15T08:00:00Z", "action": "hide", "entity": {"name": "A", "kind": "planet"}}]}
            """, "unknown kind"
        ),
        (
            """
            {"format": "dossier-corrections", "version": 1, "last": 1, "corrections": [
             {"number": 1, "user": "a", "at": "2027-01-15T08:00:00Z", "action": "hide", "entity": {"name": "A", "kind": "place"}},
             {"number": 1, "user": "a", "at": "2027-01-15T08:00:00Z", "action": "hide", "entity": {"name": "B", "kind": "place"}}]}
            """, "repeated"
        ),
    ])
    func aFileThatCannotBeReadSaysWhy(text: String, reason: String) {
        #expect {
            try CorrectionFile.decode(Data(text.utf8))
        } throws: { error in
            "\(error)".contains(reason)
        }
    }
}
