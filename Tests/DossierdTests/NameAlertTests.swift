import DossierTesting
import Foundation
import Testing
import Varlink

/// Following names: only the documents that bring new sentences naming them, with those sentences.
@Suite(.serialized) struct NameAlertTests {
    @Test func onlyNewSentencesNamingTheFollowedNamesAreTold() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        let client = try daemon.client()
        try client.send(
            VarlinkCall(
                method: "io.dossier.Subscribe", parameters: ["entities": ["Khorasani", "Cafarella"]], more: true))
        #expect(try client.receive().parameters["change"] == nil)

        let first = "Omar Khorasani was seen in Kunar."
        try fixture.write("sighting.txt", "Sightings\n\n\(first) The valley was quiet.\n")
        var reply = try client.receive()
        #expect(reply.parameters["change"] == ["kind": "added", "path": "sighting.txt", "sentences": [.string(first)]])

        // A document that names neither is not told; the next that does is.
        try fixture.write("weather.txt", "Weather\n\nRain fell on Kabul all week.\n")
        try await daemon.waitUntilIdle()
        let second = "Jennifer Cafarella wrote about the group again."
        try fixture.write("analysis.txt", "Analysis\n\n\(second)\n")
        reply = try client.receive()
        #expect(reply.parameters["change"]?["path"] == "analysis.txt")
        #expect(reply.parameters["change"]?["sentences"] == [.string(second)])

        // An update is told with the sentences that were not there before, and only then.
        let third = "Later, Khorasani was said to have left for Nangarhar."
        try fixture.write("sighting.txt", "Sightings\n\n\(first) The valley was quiet. \(third)\n")
        reply = try client.receive()
        #expect(
            reply.parameters["change"] == ["kind": "updated", "path": "sighting.txt", "sentences": [.string(third)]])
        try fixture.write("sighting.txt", "Sightings\n\n\(first) The valley was quiet. \(third) Nothing more.\n")
        try await daemon.waitUntilIdle()
        try fixture.write("weather.txt", "Weather\n\nIn the rain, Omar Khorasani was not seen.\n")
        reply = try client.receive()
        #expect(reply.parameters["change"]?["path"] == "weather.txt", "the update that named no one new was not told")

        // The command prints the change and its sentences; from --since, what the log replays.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: DaemonProcess.executable("dossier"))
        process.arguments = ["follow", "--entity", "Cafarella", "--since", "1", "--socket", daemon.socketPath]
        let output = fixture.work.subpath("follow.out")
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: output)
        try process.run()
        defer { process.terminate() }
        let printed = try await waitFor("the replayed alert", timeout: .seconds(10)) { () -> String? in
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            return text.contains("analysis.txt") ? text : nil
        }
        #expect(printed.contains("added analysis.txt\n    \(second)"), "\(printed)")
        #expect(!printed.contains("sighting.txt"))

        let invalid = try daemon.client()
        try invalid.send(
            VarlinkCall(
                method: "io.dossier.Subscribe", parameters: ["entities": ["a", "b", "c", "d", "e"]], more: true))
        #expect(try invalid.receive().error == "org.varlink.service.InvalidParameter")
        await fixture.tearDown()
    }
}
