import DossierTesting
import Foundation
import Testing
import Varlink

/// Names, relations, quotations and the document's structure over the socket.
@Suite(.serialized) struct UnderstandingTests {
    @Test func entitiesRelationsAndQuotesAcrossDocuments() async throws {
        let fixture = try DaemonFixture()
        try fixture.write(
            "second.md",
            """
            # Talks in Doha

            The Taliban met envoys in Doha in 2020. General Kenneth McKenzie said: “The talks will not end the fighting soon.”
            """)
        let daemon = try await fixture.start()

        let people = try daemon.call("Entities", ["kind": "person"]).parameters["entities"]?.arrayValue ?? []
        let names = people.compactMap { $0["name"]?.stringValue }
        #expect(Set(names) == ["Sajjan Gohel", "Jennifer Cafarella", "Kenneth McKenzie", "Omar Khorasani"])
        let mcKenzie = people.first { $0["name"] == "Kenneth McKenzie" }
        #expect(mcKenzie?["documents"] == 2, "merged across documents")

        let taliban = try daemon.call("Related", ["entity": "taliban", "limit": 5]).parameters
        #expect(taliban["entity"]?["name"] == "Taliban")
        let top = try #require(taliban["related"]?.arrayValue?.first)
        #expect(top["entity"]?["name"] == "ISIS-K")
        #expect(top["weight"]?.intValue ?? 0 >= 5)
        #expect(top["evidence"]?.arrayValue?.isEmpty == false)

        let quotes = try daemon.call("Quotes", ["speaker": "McKenzie"]).parameters["quotes"]?.arrayValue ?? []
        #expect(quotes.count == 2)
        #expect(quotes.allSatisfy { $0["speaker"] == "Kenneth McKenzie" })
        #expect(try daemon.call("Quotes").parameters["quotes"]?.arrayValue?.count == 4)

        let missing = try daemon.call("Related", ["entity": "Nobody Atall"])
        #expect(missing.error == "io.dossier.EntityNotFound")
        #expect(try daemon.call("Entities", ["kind": "planet"]).error == "org.varlink.service.InvalidParameter")

        let document = try daemon.call("GetDocument", ["path": .string(DaemonFixture.seedName)]).parameters["document"]
        #expect(document?["language"] == "en")
        #expect(document?["foreignSpans"]?.arrayValue?.first?["language"] == "vi")
        #expect(
            document?["dates"]?.arrayValue?.compactMap { $0["text"]?.stringValue } == [
                "2015", "between 2019 and 2021", "August 26",
            ])
        #expect(document?["quotes"]?.arrayValue?.count == 3)

        // Removing the second document leaves McKenzie in one document; its quote goes.
        try FileManager.default.removeItem(atPath: fixture.root + "/second.md")
        try await waitUntil("the second document's names to go", timeout: .seconds(5)) {
            let people = try daemon.call("Entities", ["kind": "person"]).parameters["entities"]?.arrayValue ?? []
            return people.first { $0["name"] == "Kenneth McKenzie" }?["documents"] == 1
        }
        #expect(try daemon.call("Quotes", ["speaker": "McKenzie"]).parameters["quotes"]?.arrayValue?.count == 1)
        await fixture.tearDown()
    }
}
