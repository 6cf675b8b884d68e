import DossierTesting
import Foundation
import Ingest
import Testing
import Varlink

/// What a hostile local client can send: every io.dossier method with long, empty,
/// wildcard-laden, Unicode-odd and wrongly typed parameters. Each reply is a reply of the project's
/// own, never an engine's text.
@Suite(.serialized) struct HostileRequestTests {
    /// Words that only an engine's or the runtime's messages hold.
    static let engineWords = [
        "SQLite", "sqlite", "SQL", "SELECT", "LIKE or GLOB", "while executing", "GRDB", "Swift", "Fatal error",
        "DatabaseError", "Optional(", "file:", ".swift",
    ]

    static func values(_ random: inout SplitMix64) -> [JSONValue] {
        let long = String(repeating: "taliban ", count: 20_000)
        let wildcards = String(repeating: "%_*[]?\\", count: 5_000)
        let unicode = "\u{202E}\u{0000}\u{FFFF}\u{1F600}e\u{301}\u{200D}" + String(repeating: "\u{0301}", count: 3_000)
        var values: [JSONValue] = [
            .string(""), .string(" "), .string(long), .string(wildcards), .string(unicode), .string("\"unclosed"),
            .string("(((((("), .string("a OR OR NOT"), .string("entity:" + wildcards), .string("path:" + wildcards),
            .string("../../etc/passwd"), .string("/etc/passwd"), .int(-1), .int(Int64.max), .double(1e308),
            .bool(true), .null, .array([.string("x")]), ["nested": ["deeper": .string("y")]],
        ]
        for _ in 0..<10 {
            let scalars = (0..<Int.random(in: 1...300, using: &random)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: 1...0x2FFFF, using: &random))
            }
            values.append(.string(String(String.UnicodeScalarView(scalars))))
        }
        return values
    }

    static let methods: [(String, [String])] = [
        ("ListDocuments", ["limit", "offset", "failed"]), ("GetDocument", ["path"]),
        ("Search", ["query", "limit", "offset"]), ("Ask", ["question", "limit"]), ("Similar", ["path", "limit"]),
        ("Entities", ["kind", "path", "limit"]), ("Related", ["entity", "limit"]), ("Quotes", ["speaker", "limit"]),
        ("Timeline", ["entities", "from", "to", "query", "by", "limit"]),
        ("Export", ["kind", "query", "entity", "entityKind", "from", "to"]), ("Reindex", ["path"]), ("Status", []),
    ]

    @Test func noReplyCarriesAnEnginesText() async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        var client = try daemon.client()
        // Seeded, so that a reply that gives the engine away comes back in the next run.
        var random = SplitMix64(seed: 1_206)
        let values = Self.values(&random)
        var calls = 0
        for (method, parameters) in Self.methods {
            for parameter in parameters {
                for value in values {
                    let call = VarlinkCall(method: "io.dossier." + method, parameters: [parameter: value])
                    // Past the message size, the reply is an error and the connection is closed
                    // (the server may close it before the whole message is sent).
                    let tooLarge = JSONWriter.bytes(call.message).count > 64 * 1024
                    try? client.send(call)
                    let reply = try client.receive()
                    if tooLarge {
                        #expect(reply.error == VarlinkError.invalidMessageName, "\(method)(\(parameter))")
                        client = try daemon.client()
                    }
                    calls += 1
                    let text = String(decoding: JSONWriter.bytes(reply.message), as: UTF8.self)
                    for word in Self.engineWords {
                        #expect(!text.contains(word), "\(method)(\(parameter)) replied with \(text.prefix(300))")
                    }
                    if let error = reply.error {
                        #expect(
                            error.hasPrefix("io.dossier.") || error.hasPrefix("org.varlink.service."),
                            "\(method): \(error)")
                    }
                }
            }
        }
        #expect(calls > 400)
        // Still serving, and as before.
        #expect(try daemon.status()["documents"] == 1)
        await fixture.tearDown()
    }

    @Test(arguments: [
        ("Search", "query", String(repeating: "word ", count: 65), 64, "more than 64 words"),
        ("Search", "query", String(repeating: "x", count: 2_001), 2_000, "longer than 2000 bytes"),
        ("Ask", "question", "Why " + String(repeating: "more ", count: 70) + "?", 64, "more than 64 words"),
        ("Related", "entity", String(repeating: "Taliban", count: 1_000), 256, "longer than 256 bytes"),
        ("Quotes", "speaker", String(repeating: "a", count: 257), 256, "longer than 256 bytes"),
        ("Timeline", "query", String(repeating: "word ", count: 65), 64, "more than 64 words"),
        ("GetDocument", "path", String(repeating: "a/", count: 2_100), 4_096, "longer than 4096 bytes"),
    ])
    func aRequestPastALimitIsRefusedNamingIt(
        method: String, parameter: String, value: String, limit: Int, reason: String
    ) async throws {
        let fixture = try DaemonFixture()
        let daemon = try await fixture.start()
        let reply = try daemon.call(method, [parameter: .string(value)])
        #expect(reply.error == "org.varlink.service.InvalidParameter")
        #expect(reply.parameters["parameter"] == .string(parameter))
        #expect(reply.parameters["limit"] == .int(Int64(limit)))
        #expect(reply.parameters["reason"] == .string(reason))
        // Just within the limit is answered.
        let within = try daemon.call("Search", ["query": .string(String(repeating: "taliban ", count: 64))])
        #expect(within.error == nil)
        await fixture.tearDown()
    }

    /// A query that runs past --query-timeout is answered with an error of its own.
    @Test func aQueryPastTheTimeBoundIsCutOff() async throws {
        let fixture = try DaemonFixture()
        let words = (1...400).map { "word\($0)" }
        for number in 0..<300 {
            let text = (0..<200).map { words[($0 * 7 + number) % words.count] }.joined(separator: " ")
            try fixture.write("doc\(number).txt", "Document \(number)\n\n\(text).\n")
        }
        let daemon = try await fixture.start(arguments: ["--query-timeout", "0.001"])
        try await daemon.waitUntilIdle()
        let question = "What " + words.prefix(60).joined(separator: " ") + "?"
        let reply = try daemon.call("Ask", ["question": .string(question)])
        #expect(reply.error == "io.dossier.QueryTimedOut")
        #expect(reply.parameters["seconds"] == .double(0.001))
        #expect(try daemon.status()["queriesWaiting"] == 0)
        await fixture.tearDown()
    }
}
