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

    /// The socket dossierd binds itself lets in, by the kernel's own check, exactly whom the policy
    /// allows: an allowed user connects without anyone widening the socket's mode, and another
    /// user cannot even connect.
    @Test(.enabled(if: getuid() == 0, "needs root to run a client as another user"))
    func theSocketsModeFollowsThePolicy() async throws {
        for allowNobody in [false, true] {
            let fixture = try DaemonFixture()
            chmod(fixture.work.path, 0o755)
            let daemon = try await fixture.start(arguments: allowNobody ? ["--allow-user", "nobody"] : [])
            var status = stat()
            #expect(stat(daemon.socketPath, &status) == 0)
            #expect(status.st_mode & 0o007 == 0, "others have no access: \(String(status.st_mode, radix: 8))")
            let (exit, output) = try dossierAsNobody(["status", "--json", "--socket", daemon.socketPath])
            if allowNobody {
                #expect(exit == 0, "\(output)")
                #expect(output.contains("\"documents\": 1"))
            } else {
                #expect(exit == 69, "\(output)")
                #expect(output.contains("Permission denied"), "\(output)")
            }
            #expect(try daemon.status()["documents"] == 1)
            await fixture.tearDown()
        }
    }

    /// A NUL or another control character in a path is refused, never cut short or logged raw.
    @Test func aControlCharacterInAPathIsInvalid() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        for method in ["GetDocument", "Similar", "Entities", "Reindex"] {
            for junk in ["\u{0}junk", "\u{1B}[2J", "\n", "\u{7F}", "\u{85}"] {
                let reply = try daemon.call(method, ["path": .string(DaemonFixture.seedName + junk)])
                #expect(reply.error == "io.dossier.InvalidPath", "\(method) \(junk.debugDescription)")
            }
        }
        // The method name of an unknown method comes back as an excerpt, not whole.
        let method = "io.dossier." + String(repeating: "M", count: 60_000)
        let reply = try daemon.client().call(method)
        #expect(reply.error == "org.varlink.service.MethodNotFound")
        #expect((reply.parameters["method"]?.stringValue?.utf8.count ?? .max) <= VarlinkError.excerptBytes)
        // Nothing raw in the log: the daemon's stderr (the journal's stream under systemd).
        #expect(!daemon.log().unicodeScalars.contains { $0.value == 0 || $0.value == 0x1B })
        await fixture.tearDown()
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
