import DossierTesting
import Foundation
import Synchronization
import Testing
import Varlink

/// Corrections to names, against the real daemon over its socket: made, seen everywhere, undone,
/// kept through everything that can happen to the cache, and refused when they cannot be made.
@Suite(.serialized) struct CorrectionTests {
    /// The entities listed, by name.
    func entities(_ daemon: DaemonProcess, path: String? = nil) throws -> [String: JSONValue] {
        var parameters: [String: JSONValue] = ["limit": 1000]
        if let path { parameters["path"] = .string(path) }
        let list = try daemon.call("Entities", parameters).parameters["entities"]?.arrayValue ?? []
        return Dictionary(list.compactMap { entity in entity["name"]?.stringValue.map { ($0, entity) } }) { a, _ in a }
    }

    /// The names GetDocument gives the seed.
    func documentNames(_ daemon: DaemonProcess) throws -> [String] {
        let document = try daemon.call("GetDocument", ["path": .string(DaemonFixture.seedName)]).parameters["document"]
        return (document?["entities"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }

    /// Calls a correction method and returns its correction's number, or fails with the error.
    @discardableResult
    func correct(_ daemon: DaemonProcess, _ method: String, _ parameters: [String: JSONValue]) throws -> Int {
        let reply = try daemon.call(method, parameters)
        try #require(reply.error == nil, "\(method): \(reply.error ?? "") \(reply.parameters)")
        return reply.parameters["correction"]?["number"]?.int ?? 0
    }

    func searchTotal(_ daemon: DaemonProcess, _ query: String) throws -> Int? {
        try daemon.call("Search", ["query": .string(query)]).parameters["total"]?.int
    }

    /// The corrections file, parsed.
    func correctionsFile(_ daemon: DaemonProcess) throws -> JSONValue {
        try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: daemon.correctionsPath))))
    }

    @Test func eachCorrectionIsSeenEverywhereAndItsUndoTakesItBack() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        let before = try entities(daemon)
        let namesBefore = try documentNames(daemon)

        // merge, by an alias and in another case: the merged names are aliases of the one that stands.
        let merge = try correct(daemon, "MergeEntities", ["entity": "is", "into": "ISIS"])
        var now = try entities(daemon)
        #expect(now["Islamic State"] == nil)
        #expect(now["ISIS"]?["mentions"] == 6)
        let aliases = Set(now["ISIS"]?["aliases"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        #expect(aliases.isSuperset(of: ["IS", "Islamic State"]), "\(aliases)")
        #expect(try daemon.call("Related", ["entity": "Islamic State"]).parameters["entity"]?["name"] == "ISIS")
        #expect(try searchTotal(daemon, "entity:\"Islamic State\" haqqani") == 1)
        #expect(try !documentNames(daemon).contains("Islamic State"))

        // rename: the old name stays an alias.
        let rename = try correct(daemon, "RenameEntity", ["entity": "Kenneth McKenzie", "name": "Frank McKenzie"])
        now = try entities(daemon)
        #expect(now["Kenneth McKenzie"] == nil)
        #expect(now["Frank McKenzie"]?["aliases"]?.arrayValue?.contains("Kenneth McKenzie") == true)
        #expect(now["Frank McKenzie"]?["titles"] == ["General"])
        #expect(try searchTotal(daemon, "entity:\"Kenneth McKenzie\"") == 1)

        // kind
        let kind = try correct(daemon, "SetEntityKind", ["entity": "Haqqani Network", "to": "person"])
        #expect(try entities(daemon)["Haqqani network"]?["kind"] == "person")

        // hide: gone from every list and filter; the quote keeps its speaker's words.
        let quotesBefore = try daemon.call("Quotes").parameters["quotes"]
        let hide = try correct(daemon, "HideEntity", ["entity": "Sajjan Gohel"])
        #expect(try entities(daemon)["Sajjan Gohel"] == nil)
        #expect(try daemon.call("Related", ["entity": "Sajjan Gohel"]).error == "io.dossier.EntityNotFound")
        #expect(try searchTotal(daemon, "entity:\"Sajjan Gohel\"") == 0)
        #expect(try !documentNames(daemon).contains("Sajjan Gohel"))
        let related = try daemon.call("Related", ["entity": "ISIS-K", "limit": 100]).parameters["related"]
        #expect(related?.arrayValue?.contains { $0["entity"]?["name"] == "Sajjan Gohel" } == false)
        let quotesNow = try daemon.call("Quotes").parameters["quotes"]
        #expect(quotesNow == quotesBefore, "\(String(describing: quotesNow))")

        // split: where "U.S." is written, it is an entity of its own.
        let split = try correct(
            daemon, "SplitEntity", ["entity": "United States", "alias": "u.s.", "aliasKind": "organisation"])
        now = try entities(daemon)
        #expect(now["u.s."]?["kind"] == "organisation")
        #expect(now["United States"] == nil, "its only mention was written U.S.")

        // Listed in order, with who and when.
        let list = try daemon.call("ListCorrections").parameters["corrections"]?.arrayValue ?? []
        #expect(list.compactMap { $0["number"]?.int } == [merge, rename, kind, hide, split])
        #expect(list.compactMap { $0["action"]?.stringValue } == ["merge", "rename", "kind", "hide", "split"])
        #expect(list.allSatisfy { $0["user"] == .string(getuid() == 0 ? "root" : NSUserName()) })
        #expect(try #require(list.first?["at"]?.stringValue).hasSuffix("Z"))
        #expect(try daemon.status()["corrections"] == 5)

        // A middle one undone: the others stay.
        try correct(daemon, "UndoCorrection", ["number": .int(Int64(kind))])
        now = try entities(daemon)
        #expect(now["Haqqani network"]?["kind"] == "organisation")
        #expect(now["Frank McKenzie"] != nil && now["Sajjan Gohel"] == nil && now["Islamic State"] == nil)

        // Every one undone: the names are as the recogniser gave them.
        for number in [merge, split, hide, rename] {
            try correct(daemon, "UndoCorrection", ["number": .int(Int64(number))])
        }
        #expect(try entities(daemon) == before)
        let namesNow = try documentNames(daemon)
        #expect(namesNow == namesBefore, "\(namesNow) \(namesBefore)")
        #expect(try daemon.call("ListCorrections").parameters["corrections"] == [])
        #expect(try correctionsFile(daemon)["last"] == 5)
        await fixture.tearDown()
    }

    @Test func correctionsOutliveTheCacheAndApplyToWhatComesLater() async throws {
        let fixture = try DaemonFixture()
        var daemon = try await fixture.start()
        try correct(daemon, "MergeEntities", ["entity": "Islamic State", "into": "ISIS"])
        try correct(daemon, "HideEntity", ["entity": "Sajjan Gohel"])
        try correct(daemon, "RenameEntity", ["entity": "Taliban", "name": "The Taliban"])
        // About a name no document holds once the seed is gone.
        try correct(daemon, "SetEntityKind", ["entity": "Omar Khorasani", "to": "other"])
        func expectCorrected(_ when: String) throws {
            let now = try entities(daemon)
            #expect(now["Islamic State"] == nil && now["ISIS"]?["mentions"] == 6, "\(when)")
            #expect(now["Sajjan Gohel"] == nil, "\(when)")
            #expect(now["The Taliban"] != nil && now["Taliban"] == nil, "\(when)")
            #expect(now["Omar Khorasani"]?["kind"] == "other", "\(when)")
        }
        try expectCorrected("made")

        // A restart.
        #expect(try await daemon.stop() == 0)
        daemon = try await fixture.start()
        try expectCorrected("after a restart")

        // A deleted cache.
        #expect(try await daemon.stop() == 0)
        try FileManager.default.removeItem(atPath: daemon.cacheDirectory)
        daemon = try await fixture.start()
        try expectCorrected("after the cache was deleted")

        // A cache that is rebuilt (unreadable, or of another schema).
        #expect(try await daemon.stop() == 0)
        try Data("not a cache".utf8).write(to: URL(fileURLWithPath: daemon.cachePath))
        daemon = try await fixture.start()
        #expect(daemon.log().contains("cache-rebuild"))
        try expectCorrected("after the cache was rebuilt")

        // A cache an older version kept in the state directory moves without being read again.
        #expect(try await daemon.stop() == 0)
        try FileManager.default.moveItem(
            atPath: daemon.cachePath, toPath: daemon.stateDirectory + "/cache.sqlite")
        daemon = try await fixture.start()
        #expect(daemon.log().contains("cache-moved"))
        #expect(try daemon.status()["counters"]?["read"] == 0)
        #expect(!FileManager.default.fileExists(atPath: daemon.stateDirectory + "/cache.sqlite"))
        try expectCorrected("after the cache moved")

        // A reindex.
        #expect(try daemon.call("Reindex").parameters["queued"] == true)
        try await waitUntil("the reindex", timeout: .seconds(30)) {
            try daemon.status()["counters"]?["read"]?.int ?? 0 >= 1
        }
        try await daemon.waitUntilIdle()
        try expectCorrected("after a reindex")

        // Documents that come later are read with the corrections; a correction about a name no
        // document holds now applies when it comes back.
        try FileManager.default.removeItem(atPath: fixture.root + "/" + DaemonFixture.seedName)
        try await waitUntil("the seed to go") { try daemon.status()["documents"] == 0 }
        #expect(try entities(daemon).isEmpty)
        #expect(try daemon.call("ListCorrections").parameters["corrections"]?.arrayValue?.count == 4)
        try fixture.write(
            "later.txt",
            """
            Later

            Sajjan Gohel of the Asia-Pacific Foundation said the Islamic State had grown in Pakistan. \
            The Taliban denied it. Omar Khorasani was not seen again.

            """)
        // By its words: a file found while still being written is read again once closed.
        try await waitUntil("the new document") { try fixture.searchPaths("grown pakistan") == ["later.txt"] }
        let later = try entities(daemon, path: "later.txt")
        #expect(later["Sajjan Gohel"] == nil, "\(later.keys.sorted())")
        #expect(later["Islamic State"] == nil && later["ISIS"] != nil, "\(later.keys.sorted())")
        #expect(later["The Taliban"] != nil && later["Taliban"] == nil, "\(later.keys.sorted())")
        #expect(later["Omar Khorasani"]?["kind"] == "other", "\(later.keys.sorted())")
        try FileManager.default.copyItem(
            atPath: DaemonFixture.seedPath, toPath: fixture.root + "/" + DaemonFixture.seedName)
        try await waitUntil("the seed to come back") {
            try fixture.searchPaths("haqqani") == [DaemonFixture.seedName]
        }
        #expect(try entities(daemon)["Omar Khorasani"]?["kind"] == "other")
        await fixture.tearDown()
    }

    /// SIGKILL at any moment leaves a file that reads and holds every correction that was answered.
    @Test func aKilledDaemonLosesNoAnsweredCorrection() async throws {
        let fixture = try DaemonFixture()
        var answered: Set<Int> = []
        for round in 0..<4 {
            let daemon = try await fixture.start()
            let kinds = ["other", "organisation"]
            let made = Mutex<[Int]>([])
            let worker = Thread {
                var index = 0
                while let client = try? daemon.client(),
                    let reply = try? client.call(
                        "io.dossier.SetEntityKind", ["entity": "Insider", "to": .string(kinds[index % 2])])
                {
                    // The kind it already has is refused: the other one next.
                    if let number = reply.parameters["correction"]?["number"]?.int {
                        made.withLock { $0.append(number) }
                    }
                    index += 1
                }
            }
            worker.start()
            try await waitUntil("corrections to be made", timeout: .seconds(20)) {
                made.withLock { $0.count } > 3 + round * 2
            }
            daemon.kill(signal: SIGKILL)
            daemon.waitUntilExit()
            try await waitUntil("the client to stop") { worker.isFinished }
            answered.formUnion(made.withLock { $0 })
            let file = try correctionsFile(daemon)
            let kept = Set((file["corrections"]?.arrayValue ?? []).compactMap { $0["number"]?.int })
            // Every answered correction is kept, whatever the moment of the kill; an undo never ran.
            #expect(answered.isSubset(of: kept), "round \(round): \(answered.subtracting(kept).sorted())")
            #expect(
                try !FileManager.default.contentsOfDirectory(atPath: daemon.stateDirectory).contains {
                    $0.hasSuffix(".unreadable")
                })
        }
        // And the daemon starts on it, with the cache holding what the file says.
        let daemon = try await fixture.start()
        let last = try #require(try correctionsFile(daemon)["corrections"]?.arrayValue?.last)
        #expect(try entities(daemon)["Insider"]?["kind"] == last["kind"])
        #expect(try daemon.status()["correctionsProblem"] == .null)
        await fixture.tearDown()
    }

    @Test func eightClientsCorrectingAtOnceAreAllKeptInOneOrder() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        let feed = try daemon.client()
        try feed.send(VarlinkCall(method: "io.dossier.Subscribe", parameters: [:], more: true))
        _ = try feed.receive()
        let names = [
            "Afghanistan", "Pakistan", "Kabul", "ISIS-K", "Taliban", "Jennifer Cafarella", "West", "Insider",
        ]
        let replies = Mutex<[String: VarlinkReply]>([:])
        let threads = names.map { name in
            Thread {
                if let reply = try? daemon.client().call("io.dossier.HideEntity", ["entity": .string(name)]) {
                    replies.withLock { $0[name] = reply }
                }
            }
        }
        for thread in threads { thread.start() }
        try await waitUntil("every client's answer", timeout: .seconds(30)) { replies.withLock { $0.count } == 8 }
        let answers = replies.withLock { $0 }
        #expect(answers.values.allSatisfy { $0.error == nil }, "\(answers)")
        let numbers = answers.values.compactMap { $0.parameters["correction"]?["number"]?.int }
        #expect(numbers.sorted() == Array(1...8))
        // The list, the file and the feed hold them in the one order of their numbers.
        let listed = try daemon.call("ListCorrections").parameters["corrections"]?.arrayValue ?? []
        #expect(listed.compactMap { $0["number"]?.int } == Array(1...8))
        let filed = try correctionsFile(daemon)["corrections"]?.arrayValue ?? []
        #expect(filed.compactMap { $0["number"]?.int } == Array(1...8))
        var told: [(generation: Int, number: Int)] = []
        while told.count < 8 {
            let reply = try feed.receive()
            #expect(reply.parameters["change"]?["kind"] == "corrected")
            told.append(
                (
                    reply.parameters["generation"]?.int ?? 0,
                    reply.parameters["change"]?["correction"]?["number"]?.int ?? 0
                ))
        }
        #expect(told.map(\.number) == Array(1...8))
        #expect(told.map(\.generation) == told.map(\.generation).sorted())
        for (name, reply) in answers {
            let number = reply.parameters["correction"]?["number"]?.int ?? 0
            #expect(reply.parameters["generation"]?.int == told.first { $0.number == number }?.generation)
            #expect(try entities(daemon)[name] == nil)
        }
        await fixture.tearDown()
    }

    @Test func whatCannotBeCorrectedIsRefusedAndNothingIsWritten() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        try correct(daemon, "MergeEntities", ["entity": "Islamic State", "into": "ISIS"])
        // Two entities called Kabul, of two kinds.
        try correct(daemon, "RenameEntity", ["entity": "Insider", "name": "Kabul"])
        let file = try Data(contentsOf: URL(fileURLWithPath: daemon.correctionsPath))
        let refused: [(String, [String: JSONValue], String)] = [
            ("MergeEntities", ["entity": "Taliban", "into": "TALIBAN"], "io.dossier.InvalidCorrection"),
            ("MergeEntities", ["entity": "ISIS", "into": "Islamic State"], "io.dossier.InvalidCorrection"),
            ("HideEntity", ["entity": "Kabul"], "io.dossier.AmbiguousEntity"),
            ("HideEntity", ["entity": "Kabul", "kind": "person"], "io.dossier.EntityNotFound"),
            ("HideEntity", ["entity": "Nobody Anyone Knows"], "io.dossier.EntityNotFound"),
            ("RenameEntity", ["entity": "Taliban", "name": ""], "org.varlink.service.InvalidParameter"),
            ("RenameEntity", ["entity": "Taliban", "name": " \t"], "org.varlink.service.InvalidParameter"),
            (
                "RenameEntity", ["entity": "Taliban", "name": .string(String(repeating: "x", count: 257))],
                "org.varlink.service.InvalidParameter"
            ),
            ("RenameEntity", ["entity": "Taliban", "name": "Taliban"], "io.dossier.InvalidCorrection"),
            ("SetEntityKind", ["entity": "Taliban", "to": "planet"], "org.varlink.service.InvalidParameter"),
            (
                "SetEntityKind", ["entity": "Taliban", "kind": "army", "to": "place"],
                "org.varlink.service.InvalidParameter"
            ),
            ("SplitEntity", ["entity": "Taliban", "alias": "Haqqani"], "io.dossier.InvalidCorrection"),
            ("UndoCorrection", ["number": 99], "io.dossier.CorrectionNotFound"),
            ("UndoCorrection", ["number": 0], "org.varlink.service.InvalidParameter"),
        ]
        for (method, parameters, error) in refused {
            let reply = try daemon.call(method, parameters)
            #expect(reply.error == error, "\(method) \(parameters): \(reply.parameters)")
        }
        let ambiguous = try daemon.call("HideEntity", ["entity": "kabul"]).parameters["candidates"]
        #expect(
            Set(ambiguous?.arrayValue ?? [])
                == [["name": "Kabul", "kind": "place"], ["name": "Kabul", "kind": "organisation"]])
        #expect(try Data(contentsOf: URL(fileURLWithPath: daemon.correctionsPath)) == file)
        #expect(try daemon.call("ListCorrections").parameters["corrections"]?.arrayValue?.count == 2)

        // The command line says why, with an exit code.
        let dossier = DaemonProcess.executable("dossier")
        var (status, output) = try runCommand([dossier, "--socket", daemon.socketPath, "entities", "hide", "Kabul"])
        #expect(status == 1 && output.contains("--kind place") && output.contains("--kind organisation"), "\(output)")
        (status, output) = try runCommand([dossier, "--socket", daemon.socketPath, "entities", "undo", "42"])
        #expect(status == 2 && output.contains("no correction 42"), "\(output)")
        (status, output) = try runCommand([
            dossier, "--socket", daemon.socketPath, "entities", "hide", "Kabul", "--kind", "place",
        ])
        #expect(status == 0 && output.contains("kept as 3"), "\(output)")
        (status, output) = try runCommand([dossier, "--socket", daemon.socketPath, "entities", "corrections"])
        #expect(status == 0 && output.contains("hide \"Kabul\" (place)"), "\(output)")
        await fixture.tearDown()
    }

    @Test(.enabled(if: getuid() == 0, "needs root to run a client as another user"))
    func onlyUsersAllowedToCorrectMay() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start(arguments: ["--allow-user", "65534", "--allow-correct-user", "root"])
        chmod(fixture.work.path, 0o755)
        chmod(fixture.work.subpath("run"), 0o755)
        let nobody = [
            "setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", DaemonProcess.executable("dossier"),
        ]
        var (status, output) = try runCommand(nobody + ["entities", "--socket", daemon.socketPath])
        #expect(status == 0 && output.contains("Taliban"), "nobody may query: \(output)")
        (status, output) = try runCommand(nobody + ["entities", "hide", "Taliban", "--socket", daemon.socketPath])
        #expect(status == 1 && output.contains("permission denied"), "\(output)")
        (status, output) = try runCommand(nobody + ["entities", "undo", "1", "--socket", daemon.socketPath])
        #expect(status == 1 && output.contains("permission denied"), "\(output)")
        #expect(!FileManager.default.fileExists(atPath: daemon.correctionsPath))
        #expect(try entities(daemon)["Taliban"] != nil)
        try correct(daemon, "HideEntity", ["entity": "Taliban"])
        #expect(try entities(daemon)["Taliban"] == nil)
        await fixture.tearDown()
    }

    @Test func anUnreadableCorrectionsFileIsSetAsideAndStopsNothing() async throws {
        let fixture = try DaemonFixture()
        let state = fixture.work.subpath("state")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        let torn = Data("{\"format\": \"dossier-corrections\", \"version\": 1, \"last\": 2, \"correc".utf8)
        try torn.write(to: URL(fileURLWithPath: state + "/corrections.json"))
        let daemon = try await fixture.start()
        let problem = try #require(try daemon.status()["correctionsProblem"]?.stringValue)
        #expect(problem.contains("corrections.json.unreadable"), "\(problem)")
        #expect(daemon.log().contains("corrections-unreadable"))
        #expect(try daemon.call("ListCorrections").parameters["problem"]?.stringValue == problem)
        #expect(try Data(contentsOf: URL(fileURLWithPath: state + "/corrections.json.unreadable")) == torn)
        // Serving, and correcting anew, without touching the file set aside.
        #expect(try entities(daemon)["Taliban"] != nil)
        try correct(daemon, "HideEntity", ["entity": "Taliban"])
        #expect(try correctionsFile(daemon)["corrections"]?.arrayValue?.count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: state + "/corrections.json.unreadable")) == torn)
        await fixture.tearDown()
    }
}

extension CorrectionTests {
    /// A file that cannot be read at all (here a folder in its place) is left where it is, and no
    /// correction is kept until a start can read it: none would replace it.
    @Test func aCorrectionsFileThatCannotBeOpenedIsLeftAloneAndNothingReplacesIt() async throws {
        let fixture = try DaemonFixture()
        let state = fixture.work.subpath("state")
        try FileManager.default.createDirectory(
            atPath: state + "/corrections.json", withIntermediateDirectories: true)
        let daemon = try await fixture.start()
        let problem = try #require(try daemon.status()["correctionsProblem"]?.stringValue)
        #expect(problem.contains("no correction is kept"), "\(problem)")
        let reply = try daemon.call("HideEntity", ["entity": "Taliban"])
        #expect(reply.error == "io.dossier.InvalidCorrection")
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: state + "/corrections.json", isDirectory: &isFolder))
        #expect(isFolder.boolValue)
        #expect(try entities(daemon)["Taliban"] != nil)
        await fixture.tearDown()
    }
}

extension JSONValue {
    fileprivate var int: Int? { intValue.map(Int.init) }
}
