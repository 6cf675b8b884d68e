import DossierTesting
import Foundation
import Testing
import Varlink

/// A Varlink client nobody here wrote: the Python `varlink` package, installed by Scripts/setup-tests.
@Suite(.serialized) struct InteroperabilityTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var python: String {
        ProcessInfo.processInfo.environment["DOSSIER_TEST_PYTHON"]
            ?? packageRoot.appendingPathComponent(".build/python/bin/python").path
    }

    @Test func thePythonVarlinkClientCallsEveryMethod() async throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.python),
            "no Python with the varlink package at \(Self.python): run Scripts/setup-tests")
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        let (status, text) = try runCommand([
            Self.python, Self.packageRoot.appendingPathComponent("Tests/Interop/varlink_client.py").path,
            daemon.socketPath, DaemonFixture.seedName,
        ])
        #expect(status == 0, "\(text)")
        let seen = try JSONParser.parse(Array(text.split(separator: "\n").last.map { Array($0.utf8) } ?? []))
        #expect(seen["interfaces"] == ["io.dossier", "org.varlink.service"])
        #expect(seen["status.documents"] == 1)
        #expect(seen["list.total"] == 1)
        #expect(seen["get.title"] == "Why does ISIS-K confront the Taliban?")
        #expect(seen["search.total"] == 1)
        #expect(seen["ask.heading"] == "Is ISIS-K related to the Taliban?")
        #expect(seen["reindex.queued"] == true)
        #expect(seen["DocumentNotFound"] == "io.dossier.DocumentNotFound")
        #expect(seen["InvalidPath"] == "io.dossier.InvalidPath")
        #expect(seen["InvalidQuery"] == "io.dossier.InvalidQuery")
        #expect(seen["InvalidQuery.column"] == 7)
        #expect(seen["similar.count"] == 0)
        #expect(seen["ExpectedMore"] == "org.varlink.service.ExpectedMore")
        #expect(seen["subscribe.first"] == ["generation"])
        #expect(seen["merge.summary"] == "merge \"Islamic State\" (organisation) into \"ISIS\" (organisation)")
        #expect(seen["list.corrections"] == ["merge", "rename"])
        #expect(seen["undo.number"] == 1)
        #expect(seen["entities.renamed"] == ["Islamic State of Iraq and Syria", "Islamic State"])
        #expect(seen["renamed.generation"] == true)
        #expect(seen["EntityNotFound"] == "io.dossier.EntityNotFound")
        #expect(seen["CorrectionNotFound"] == "io.dossier.CorrectionNotFound")
        #expect(seen["InvalidCorrection"] == "io.dossier.InvalidCorrection")
        #expect(seen["subscribe.change"] == "added python-wrote-this.txt")
        await fixture.tearDown()
    }
}
