import DossierTesting
import Foundation
import Testing
import Varlink

/// A client writing NUL-framed JSON by hand, as any Varlink implementation would.
@Suite(.serialized) struct ProtocolTests {
    @Test func rawClientGetsAnswersAndErrorReplies() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        let client = try daemon.client()

        try client.sendRaw(Array(#"{"method":"org.varlink.service.GetInfo"}"#.utf8) + [0])
        let info = try JSONParser.parse(try client.receiveMessage())
        #expect(info["parameters"]?["product"]?.stringValue == "dossierd")
        #expect(info["parameters"]?["interfaces"]?.arrayValue?.contains("io.dossier") == true)

        // Two calls in one write are answered in order.
        try client.sendRaw(
            Array(#"{"method":"io.dossier.Status"}"#.utf8) + [0]
                + Array(
                    #"{"method":"org.varlink.service.GetInterfaceDescription","parameters":{"interface":"io.dossier"}}"#
                        .utf8)
                + [0])
        #expect(try client.receive().parameters["status"] != nil)
        let description = try client.receive().parameters["description"]?.stringValue ?? ""
        #expect(description.hasPrefix("# dossier") && description.contains("interface io.dossier"))

        try client.sendRaw(Array(#"{"method":"io.dossier.NoSuchThing"}"#.utf8) + [0])
        var reply = try client.receive()
        #expect(reply.error == "org.varlink.service.MethodNotFound")
        #expect(reply.parameters["method"]?.stringValue == "io.dossier.NoSuchThing")

        try client.sendRaw(Array(#"{"method":"com.example.Nothing"}"#.utf8) + [0])
        reply = try client.receive()
        #expect(reply.error == "org.varlink.service.InterfaceNotFound")

        try client.sendRaw(Array(#"{"method":"io.dossier.GetDocument","parameters":{}}"#.utf8) + [0])
        reply = try client.receive()
        #expect(reply.error == "org.varlink.service.InvalidParameter")
        #expect(reply.parameters["parameter"]?.stringValue == "path")

        try client.sendRaw(
            Array(#"{"method":"io.dossier.GetDocument","parameters":{"path":"../etc/passwd"}}"#.utf8) + [0])
        reply = try client.receive()
        #expect(reply.error == "io.dossier.InvalidPath")

        try client.sendRaw(Array(#"{"method":"io.dossier.GetDocument","parameters":{"path":"nope.txt"}}"#.utf8) + [0])
        reply = try client.receive()
        #expect(reply.error == "io.dossier.DocumentNotFound")

        // Malformed JSON: an error reply, then the connection is closed.
        try client.sendRaw(Array(#"{"method": "io.dossier.Status", oops}"#.utf8) + [0])
        reply = try client.receive()
        #expect(reply.error == VarlinkError.invalidMessageName)
        #expect(throws: VarlinkClient.Failure.self) { try client.receive() }

        // A non-object message.
        let second = try daemon.client()
        try second.sendRaw(Array("[1,2,3]".utf8) + [0])
        #expect(try second.receive().error == VarlinkError.invalidMessageName)

        // The daemon is still serving.
        #expect(try daemon.status()["documents"]?.intValue == 1)
        await fixture.tearDown()
    }

    @Test func searchNeverLeaksQuerySyntaxErrors() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        for query in [#"""#, "AND OR NOT", "(((", "*", "title:", "NEAR(", "haqqani\"", "a:b:c", "{x}", "\u{0}"] {
            let reply = try daemon.call("Search", ["query": .string(query)])
            if let error = reply.error {
                #expect(error == "io.dossier.InvalidQuery", "query \(query)")
                #expect(reply.parameters["column"]?.intValue ?? 0 >= 1, "query \(query)")
                #expect(reply.parameters["reason"]?.stringValue?.contains("SQL") == false)
            } else {
                #expect(reply.parameters["hits"] != nil, "query \(query)")
            }
        }
        let unclosed = try daemon.call("Search", ["query": "haqqani \"network"])
        #expect(unclosed.error == "io.dossier.InvalidQuery")
        #expect(unclosed.parameters["column"] == 9)
        #expect(unclosed.parameters["reason"] == "this quotation mark is never closed")
        await fixture.tearDown()
    }

    @Test func searchLanguageOverTheSocket() async throws {
        let fixture = try DaemonFixture()
        try fixture.write("otters.md", "# Otters\n\nOtters have returned to the River Lune near Kabul Street.\n")
        let daemon = try await fixture.start()
        #expect(try fixture.searchPaths(#""Haqqani network""#) == [DaemonFixture.seedName])
        #expect(try fixture.searchPaths(#""network Haqqani""#).isEmpty)
        #expect(try fixture.searchPaths("kabul -haqqani") == ["otters.md"])
        #expect(try fixture.searchPaths("kabul NOT title:isis*") == ["otters.md"])
        #expect(Set(try fixture.searchPaths("otters OR taliban")) == ["otters.md", DaemonFixture.seedName])
        #expect(try fixture.searchPaths("kabul path:*.md") == ["otters.md"])
        #expect(try fixture.searchPaths("entity:McKenzie") == [DaemonFixture.seedName])
        #expect(try fixture.searchPaths("lang:en kabul").count == 2)
        #expect(try fixture.searchPaths("rivér") == ["otters.md"])

        let reply = try daemon.call("Search", ["query": "haqqani", "limit": 1])
        #expect(reply.parameters["total"] == 1)
        let hit = try #require(reply.parameters["hits"]?.arrayValue?.first)
        let snippet = Array(try #require(hit["snippet"]?.stringValue).unicodeScalars)
        let range = try #require(hit["highlights"]?.arrayValue?.first)
        let start = Int(try #require(range["start"]?.intValue))
        let end = Int(try #require(range["end"]?.intValue))
        #expect(String(String.UnicodeScalarView(snippet[start..<end])) == "Haqqani")
        #expect(!String(String.UnicodeScalarView(snippet)).contains("\u{E000}"))
        await fixture.tearDown()
    }
}
