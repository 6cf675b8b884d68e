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
        #expect(mcKenzie?["titles"] == ["General"], "the title is the person's, not one of the names")
        let status = try daemon.call("Status").parameters["status"]
        #expect(status?["missingData"] == [], "the data for typing names is installed")

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

        // One relation with all its sentences.
        let pair = try daemon.call("Related", ["entity": "Taliban", "with": "isis-k", "limit": 100]).parameters
        let only = try #require(pair["related"]?.arrayValue)
        #expect(only.count == 1)
        #expect(only.first?["entity"]?["name"] == "ISIS-K")
        #expect(only.first?["weight"] == top["weight"])
        #expect(only.first?["evidence"]?.arrayValue?.count == Int(top["weight"]?.intValue ?? 0))
        let stranger = try daemon.call("Related", ["entity": "Taliban", "with": "Nobody Atall"])
        #expect(stranger.error == "io.dossier.EntityNotFound")
        #expect(stranger.parameters["entity"] == "Nobody Atall")

        // The network: the most named names, and the heaviest edge is Taliban and ISIS-K's.
        let network = try daemon.call("Network", ["limit": 4]).parameters
        let nodes = network["nodes"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(nodes.count == 4)
        #expect(Set(nodes.prefix(2)) == ["ISIS-K", "Taliban"])
        let heaviest = try #require(network["edges"]?.arrayValue?.first)
        let ends = [heaviest["source"]?.intValue, heaviest["target"]?.intValue].compactMap { $0 }.map { nodes[Int($0)] }
        #expect(Set(ends) == ["ISIS-K", "Taliban"])
        #expect(heaviest["weight"] == top["weight"], "as many sentences as Related counts")
        let persons = try daemon.call("Network", ["kind": "person", "minWeight": 1000]).parameters
        #expect(persons["nodes"]?.arrayValue?.allSatisfy { $0["kind"] == "person" } == true)
        #expect(persons["edges"] == [])
        #expect(try daemon.call("Network", ["limit": 0]).error == "org.varlink.service.InvalidParameter")
        #expect(try daemon.call("Network", ["kind": "planet"]).error == "org.varlink.service.InvalidParameter")

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
        #expect(
            document?["numbers"]?.arrayValue == [
                ["text": "dozens of people", "value": 24, "unit": "people", "approximate": true]
            ])
        let counted = try daemon.call("GetDocument", ["path": "second.md"]).parameters["document"]
        #expect(counted?["numbers"]?.arrayValue?.isEmpty == true, "2020 is a year")

        // Removing the second document leaves McKenzie in one document; its quote goes.
        try FileManager.default.removeItem(atPath: fixture.root + "/second.md")
        try await waitUntil("the second document's names to go", timeout: .seconds(5)) {
            let people = try daemon.call("Entities", ["kind": "person"]).parameters["entities"]?.arrayValue ?? []
            return people.first { $0["name"] == "Kenneth McKenzie" }?["documents"] == 1
        }
        #expect(try daemon.call("Quotes", ["speaker": "McKenzie"]).parameters["quotes"]?.arrayValue?.count == 1)
        await fixture.tearDown()
    }

    /// A name one document cannot type takes the kind another document's evidence gives it,
    /// whichever of the two is read first.
    @Test(arguments: [true, false]) func evidenceFromOtherDocumentsTypesAName(typedFirst: Bool) async throws {
        let fixture = try DaemonFixture()
        let typed = ("typed.txt", "Notes\n\nTroops entered the city of Zakho on Saturday.\n")
        let untyped = ("untyped.txt", "More notes\n\nOn Sunday Zakho was quiet.\n")
        let daemon = try await fixture.start()
        for (name, text) in typedFirst ? [typed, untyped] : [untyped, typed] {
            try fixture.write(name, text)
            try await waitUntil("\(name) indexed", timeout: .seconds(10)) {
                try fixture.searchPaths("zakho").contains(name)
            }
        }
        let places = try daemon.call("Entities", ["kind": "place"]).parameters["entities"]?.arrayValue ?? []
        let zakho = places.first { $0["name"] == "Zakho" }
        #expect(zakho?["documents"] == 2, "\(places)")
        let others = try daemon.call("Entities", ["kind": "other"]).parameters["entities"]?.arrayValue ?? []
        #expect(!others.contains { $0["name"] == "Zakho" })
        let document = try daemon.call("GetDocument", ["path": "untyped.txt"]).parameters["document"]
        #expect(document?["entities"]?.arrayValue?.first { $0["name"] == "Zakho" }?["kind"] == "place")
        await fixture.tearDown()
    }

    /// A saved page's article is what is indexed; its site, byline and size are shown beside it.
    @Test func aSavedPageSaysWhatWasKeptOfIt() async throws {
        let fixture = try DaemonFixture()
        let story = (1...6).map { number in
            "<p>Paragraph \(number) of the story says that the new ferry, which sails at dawn, carried more"
                + " people this summer than the old one did in a year, and that the harbour grew.</p>"
        }.joined()
        try fixture.write(
            "ferry.html",
            """
            <html lang="en"><head><title>The new ferry | Harbour Gazette</title>
            <meta property="og:site_name" content="Harbour Gazette"><meta name="author" content="Ann Lee"></head>
            <body><ul class="menu"><li><a href="/">Front page</a></li><li><a href="/sport">Sport</a></li></ul>
            <div class="story">\(story)</div>
            <div id="comments"><p>Bob on May 2 said: the old ferry was better, honestly, much better.</p></div>
            </body></html>
            """)
        let daemon = try await fixture.start()
        try await waitUntil("the page", timeout: .seconds(10)) { try fixture.searchPaths("ferry").count == 1 }
        #expect(try fixture.searchPaths("sport").isEmpty, "the menu is not the article")
        #expect(try fixture.searchPaths("honestly").isEmpty, "nor are the comments")
        let document = try #require(try daemon.call("GetDocument", ["path": "ferry.html"]).parameters["document"])
        #expect(document["title"] == "The new ferry")
        #expect(document["siteName"] == "Harbour Gazette")
        #expect(document["byline"] == "Ann Lee")
        #expect(document["language"] == "en")
        let kept = try #require(document["words"]?.intValue)
        let page = try #require(document["pageWords"]?.intValue)
        #expect(kept > 100 && page > kept)

        let shown = try CommandLineTests().dossier(["show", "ferry.html"], socket: daemon.socketPath)
        #expect(shown.output.contains("\(kept) of the page's \(page) words kept as the article"))
        #expect(shown.output.contains("site Harbour Gazette · by Ann Lee"))
        await fixture.tearDown()
    }

    /// A site's chrome repeated across its pages is left out of every page, those indexed before
    /// the line became common included; dates resolve against each page's published date.
    @Test func repeatedLinesLeaveEveryDocumentAndDatesResolve() async throws {
        let fixture = try DaemonFixture()
        func page(_ number: Int, _ topic: String) -> String {
            """
            <html><head><title>Harbour \(topic)</title>
            <meta property="article:published_time" content="2023-03-1\(number)T08:00:00Z"></head>
            <body><h1>Harbour \(topic)</h1>
            <p>Sign up for the Harbour Gazette newsletter</p>
            <p>The harbour board discussed the \(topic) yesterday and voted on it on Tuesday, members said.</p>
            <p>All rights reserved by the Harbour Gazette.</p>
            <p>Minutes of the \(topic) meeting are kept at the town hall.</p></body></html>
            """
        }
        let topics = ["pier", "dredging", "ferries", "moorings", "lighthouse", "fees", "cranes"]
        for (number, topic) in topics.prefix(3).enumerated() { try fixture.write("\(topic).html", page(number, topic)) }
        let daemon = try await fixture.start()
        #expect(try fixture.searchPaths("newsletter").count == 3, "three pages are not yet many")
        #expect(try fixture.searchPaths("rights reserved").count == 3)

        // Two more pages make five: the lines are now the site's, in the first three as well.
        for (number, topic) in topics.dropFirst(3).prefix(2).enumerated() {
            try fixture.write("\(topic).html", page(number + 3, topic))
        }
        try await waitUntil("the newsletter line to leave every page", timeout: .seconds(10)) {
            try fixture.searchPaths("dredging").count == 1 && fixture.searchPaths("newsletter").isEmpty
                && fixture.searchPaths("lighthouse").count == 1
        }
        #expect(try fixture.searchPaths("rights reserved").isEmpty)
        // A page that arrives later is cleaned at once, and its own text stays.
        try fixture.write("cranes.html", page(6, "cranes"))
        try await waitUntil("the last page", timeout: .seconds(10)) { try fixture.searchPaths("cranes").count == 1 }
        #expect(try fixture.searchPaths("newsletter").isEmpty)

        let document = try #require(
            try daemon.call("GetDocument", ["path": "pier.html"]).parameters["document"])
        #expect(document["published"] == "2023-03-10")
        #expect(document["sections"]?.arrayValue?.flatMap { $0["paragraphs"]?.arrayValue ?? [] }.count == 2)
        let dates = document["dates"]?.arrayValue ?? []
        #expect(dates.compactMap { $0["text"]?.stringValue } == ["yesterday", "Tuesday"])
        #expect(dates.map { [$0["startYear"], $0["month"], $0["day"]] } == [[2023, 3, 9], [2023, 3, 7]])
        #expect(dates.allSatisfy { $0["resolved"] == true })

        let shown = try CommandLineTests().dossier(["show", "pier.html"], socket: daemon.socketPath)
        #expect(shown.output.contains("published 2023-03-10"))
        #expect(shown.output.contains("yesterday (2023-03-09)"))

        // A page removed leaves five: the lines are still the site's. A page edited to drop the
        // newsletter line leaves four with it: it is the pages' own text again.
        try FileManager.default.removeItem(atPath: fixture.root + "/cranes.html")
        try await waitUntil("the removal", timeout: .seconds(10)) { try fixture.searchPaths("cranes").isEmpty }
        #expect(try fixture.searchPaths("newsletter").isEmpty)
        try fixture.write("lighthouse.html", page(4, "lighthouse").replacingOccurrences(of: "Sign up", with: "Look"))
        try await waitUntil("the newsletter line to come back to four pages", timeout: .seconds(10)) {
            try fixture.searchPaths("newsletter").count == 5 && fixture.searchPaths("\"sign up\"").count == 4
        }
        #expect(try fixture.searchPaths("rights reserved").isEmpty, "still on five pages")
        await fixture.tearDown()

        // Pages already there at start are counted together after the first scan.
        let second = try DaemonFixture()
        for (number, topic) in topics.enumerated() { try second.write("\(topic).html", page(number, topic)) }
        try await second.start()
        try await waitUntil("the repeated lines to leave the pages found at start", timeout: .seconds(10)) {
            try second.searchPaths("newsletter").isEmpty && second.searchPaths("moorings").count == 1
        }
        await second.tearDown()
    }
}
