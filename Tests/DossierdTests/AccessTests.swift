import DossierTesting
import Foundation
import Testing
import Varlink

/// Who may ask, and what paths may name.
@Suite(.serialized) struct AccessTests {
    /// Runs `dossier` as the user nobody (65534) and returns its exit status and output.
    func dossierAsNobody(_ arguments: [String]) throws -> (Int32, String) {
        try runCommand(
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", DaemonProcess.executable("dossier")]
                + arguments)
    }

    @Test(.enabled(if: getuid() == 0, "needs root to run a client as another user"))
    func onlyAllowedUsersMayQuery() async throws {
        for allowNobody in [false, true] {
            let fixture = try DaemonFixture()
            let daemon = try await fixture.start(arguments: allowNobody ? ["--allow-user", "65534"] : [])
            // Let anyone reach the socket, so the daemon's own check is what decides.
            chmod(fixture.work.path, 0o755)
            chmod(fixture.work.subpath("run"), 0o755)
            chmod(daemon.socketPath, 0o666)
            let (status, output) = try dossierAsNobody(["status", "--json", "--socket", daemon.socketPath])
            if allowNobody {
                #expect(status == 0, "\(output)")
                #expect(output.contains("\"documents\": 1"))
            } else {
                #expect(status == 1, "\(output)")
                #expect(output.contains("org.varlink.service.PermissionDenied"))
            }
            // Root is always allowed.
            #expect(try daemon.status()["documents"] == 1)
            await fixture.tearDown()
        }
    }

    @Test func pathsMustStayInsideTheWatchedFolder() async throws {
        let fixture = try DaemonFixture()
        let outside = fixture.work.subpath("outside")
        try fixture.work.write("outside/secret.txt", "The secret code is swordfish.")
        try FileManager.default.createSymbolicLink(atPath: fixture.root + "/escape", withDestinationPath: outside)
        let daemon = try await fixture.start()
        for path in ["../outside/secret.txt", "escape/../../outside/secret.txt", outside + "/secret.txt"] {
            #expect(try daemon.call("Reindex", ["path": .string(path)]).error == "io.dossier.InvalidPath", "\(path)")
        }
        // A symbolic link to a folder outside is not followed, even when named directly.
        #expect(try daemon.call("Reindex", ["path": "escape/secret.txt"]).error == nil)
        try await daemon.waitUntilIdle()
        #expect(try daemon.call("Search", ["query": "swordfish"]).parameters["total"] == 0)
        #expect(try fixture.paths() == [DaemonFixture.seedName])
        await fixture.tearDown()
    }
}
