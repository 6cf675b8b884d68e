import DossierTesting
import Foundation
import Testing
import Varlink

/// The timeline over the socket and from the command line, and dates in searches: the seed's
/// dates, and the same words in a note that has a date of its own.
@Suite(.serialized) struct TimelineTests {
    static let note = """
        # Briefing

        Published August 27, 2021

        General Kenneth McKenzie warned on August 26 that the threat from ISIS-K was real.
        """

    func statements(_ daemon: DaemonProcess, _ parameters: [String: JSONValue] = [:]) throws -> [JSONValue] {
        let reply = try daemon.call("Timeline", parameters)
        #expect(reply.error == nil, "\(reply.parameters)")
        return reply.parameters["statements"]?.arrayValue ?? []
    }

    @Test func theSeedAndADatedNoteInDateOrder() async throws {
        let fixture = try DaemonFixture()
        try fixture.write("note.md", Self.note)
        let daemon = try await fixture.start()

        let all = try statements(daemon)
        let dates = all.compactMap { $0["date"]?.stringValue }
        #expect(dates.first == "2015", "the founding of ISIS-K comes first")
        #expect(dates.contains("2019/2021"))
        #expect(dates.last == "--08-26", "the seed has no date of its own: August 26 of no known year comes last")
        let founding = try #require(all.first)
        #expect(founding["precision"] == "year")
        #expect(founding["path"] == .string(DaemonFixture.seedName))
        #expect(founding["sentence"]?.stringValue?.hasPrefix("Formed in 2015") == true)

        let resolved = try #require(all.first { $0["date"] == "2021-08-26" })
        #expect(resolved["written"] == "August 26")
        #expect(resolved["resolved"] == true)
        #expect(resolved["path"] == "note.md")
        #expect(resolved["published"] == "2021-08-27")
        #expect(resolved["names"]?.arrayValue?.contains("Kenneth McKenzie") == true)
        let unresolved = try #require(all.last)
        #expect(unresolved["resolved"] == false)
        #expect(unresolved["precision"] == "day")
        #expect(unresolved["names"]?.arrayValue?.contains("Kenneth McKenzie") == true)

        // Filters: a name, a span, words, a document.
        let mcKenzie = try statements(daemon, ["entities": ["mckenzie"]]).compactMap { $0["date"]?.stringValue }
        #expect(mcKenzie == ["2021-08-26", "--08-26"])
        #expect(try statements(daemon, ["entities": ["McKenzie", "Taliban"]]).isEmpty)
        #expect(try statements(daemon, ["entities": ["Nobody Atall"]]).isEmpty, "a name nobody has: empty")
        let august = try statements(daemon, ["from": "2021-08", "to": "2021-08-31"]).compactMap {
            $0["date"]?.stringValue
        }
        #expect(august.contains("2021-08-26"))
        #expect(august.contains("2019/2021"), "a span of years overlaps the month")
        #expect(!august.contains("2015"))
        #expect(!august.contains("--08-26"), "no year: not in any span")
        #expect(try statements(daemon, ["to": "2016"]).compactMap { $0["date"]?.stringValue } == ["2015"])
        let threat = try statements(daemon, ["query": "threat path:note"]).compactMap { $0["path"]?.stringValue }
        #expect(threat == ["note.md"])
        // A phrase, and a title.
        let phrase = try statements(daemon, ["query": #""threat from ISIS-K""#]).compactMap { $0["path"]?.stringValue }
        #expect(phrase == ["note.md"])
        #expect(try statements(daemon, ["query": #""from threat""#]).isEmpty)
        let titled = try statements(daemon, ["query": "title:briefing"]).compactMap { $0["path"]?.stringValue }
        #expect(!titled.isEmpty && titled.allSatisfy { $0 == "note.md" }, "\(titled)")
        #expect(try statements(daemon, ["limit": 1]).count == 1)

        // Counts per period, for a chart.
        let months = try daemon.call("Timeline", ["by": "month"]).parameters
        #expect(months["statements"]?.arrayValue == [])
        let periods = months["periods"]?.arrayValue ?? []
        #expect(
            periods.contains([
                "period": "2021-08", "statements": .int(Int64(august.filter { $0.hasPrefix("2021-08") }.count)),
            ]))
        #expect(periods.allSatisfy { $0["period"]?.stringValue?.count == 7 })
        let years = try daemon.call("Timeline", ["by": "year"]).parameters["periods"]?.arrayValue ?? []
        #expect(years.first == ["period": "2015", "statements": 1])
        await fixture.tearDown()
    }

    @Test func datesInTheSearchLanguage() async throws {
        let fixture = try DaemonFixture()
        try fixture.write("note.md", Self.note)
        let daemon = try await fixture.start()
        #expect(try fixture.searchPaths("mckenzie published:2021-08") == ["note.md"])
        #expect(try fixture.searchPaths("mckenzie -published:2021") == [DaemonFixture.seedName], "undated")
        #expect(try fixture.searchPaths("mckenzie after:2021-08-26") == ["note.md"])
        #expect(try fixture.searchPaths("mckenzie after:2021-08-27").isEmpty)
        #expect(try fixture.searchPaths("before:2021-09 threat") == ["note.md"])
        #expect(try fixture.searchPaths("date:2015") == [DaemonFixture.seedName])
        #expect(
            try fixture.searchPaths("date:2021-08 (threat OR warned)").sorted()
                == [DaemonFixture.seedName, "note.md"].sorted())
        #expect(try fixture.searchPaths("taliban date:2020") == [DaemonFixture.seedName], "between 2019 and 2021")
        let bad = try daemon.call("Search", ["query": "taliban after:2021-13"])
        #expect(bad.error == "io.dossier.InvalidQuery")
        #expect(bad.parameters["column"] == 15)
        await fixture.tearDown()
    }

    static let badInput: [(parameters: [String: JSONValue], parameter: String)] = [
        (["from": "0000"], "from"),
        (["to": "99999"], "to"),
        (["from": "2021-13"], "from"),
        (["to": "2023-02-29"], "to"),
        (["from": "2022", "to": "2021-12"], "to"),
        (["by": "week"], "by"),
        (["entities": ["a", "b", "c", "d", "e"]], "entities"),
        (["entities": [.string(String(repeating: "n", count: 257))]], "entities"),
        (["limit": 0], "limit"),
    ]

    @Test func badInputIsRefusedNamingTheParameter() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        for (parameters, parameter) in Self.badInput {
            let reply = try daemon.call("Timeline", parameters)
            #expect(reply.error == "org.varlink.service.InvalidParameter", "\(parameters)")
            #expect(reply.parameters["parameter"] == .string(parameter), "\(parameters)")
        }
        let query = try daemon.call("Timeline", ["query": "(kabul"])
        #expect(query.error == "io.dossier.InvalidQuery")
        #expect(query.parameters["column"] != nil)
        #expect(
            try daemon.call("Timeline", ["from": "2021-08", "to": "2021"]).error == nil, "August to the year's end")
        #expect(try daemon.status()["documents"] == 1, "still serving")
        await fixture.tearDown()
    }

    @Test func theCommandListsByMonthAndCounts() async throws {
        let fixture = try DaemonFixture()
        try fixture.write("note.md", Self.note)
        let daemon = try await fixture.start()
        var result = try CommandLineTests().dossier(["timeline", "--entity", "McKenzie"], socket: daemon.socketPath)
        #expect(result.status == 0)
        #expect(result.output.contains("2021-08\n"), "\(result.output)")
        #expect(result.output.contains("2021-08-26  General Kenneth McKenzie warned"))
        #expect(result.output.contains("no year\n"))
        #expect(result.output.contains("note.md; Kenneth McKenzie"))

        result = try CommandLineTests().dossier(["timeline", "--by", "year"], socket: daemon.socketPath)
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("2015"), "\(result.output)")

        result = try CommandLineTests().dossier(["timeline", "--path", "note", "threat"], socket: daemon.socketPath)
        #expect(result.output.contains("note.md"))
        #expect(!result.output.contains(DaemonFixture.seedName))

        result = try CommandLineTests().dossier(
            ["timeline", "--from", "2022", "--to", "2021"], socket: daemon.socketPath)
        #expect(result.status != 0)
        #expect(result.error.contains("to"), "\(result.error)")

        result = try CommandLineTests().dossier(["--json", "timeline", "--to", "2016"], socket: daemon.socketPath)
        let json = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        #expect((json?["statements"] as? [[String: Any]])?.first?["date"] as? String == "2015")
        await fixture.tearDown()
    }
}
