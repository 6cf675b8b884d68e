import DossierProtocol
import Testing
import Varlink

/// The message size the daemon accepts holds every request the limits allow.
@Suite struct RequestLimitsTests {
    /// A string at `bytes` whose every byte JSON writes as a six-byte escape.
    static func escaped(_ bytes: Int) -> JSONValue {
        .string(String(repeating: "\u{01}", count: bytes))
    }

    @Test(
        arguments: [
            ("Search", ["query": escaped(RequestLimits.textBytes), "limit": 1000, "offset": 100_000]),
            ("Ask", ["question": escaped(RequestLimits.textBytes), "limit": 100]),
            ("Entities", ["path": escaped(RequestLimits.pathBytes), "kind": "organisation", "limit": 1000]),
            ("Similar", ["path": escaped(RequestLimits.pathBytes), "limit": 1000]),
            ("Related", ["entity": escaped(RequestLimits.nameBytes), "limit": 1000]),
            ("Quotes", ["speaker": escaped(RequestLimits.nameBytes), "limit": 1000]),
            (
                "Export",
                [
                    "kind": "relations", "query": escaped(RequestLimits.textBytes),
                    "entity": escaped(RequestLimits.nameBytes), "entityKind": "organisation", "from": "2021-08-26",
                    "to": "2021-08-26",
                ]
            ),
            (
                "Timeline",
                [
                    "entities": .array(
                        Array(repeating: escaped(RequestLimits.nameBytes), count: RequestLimits.timelineEntities)),
                    "from": "2021-08-26", "to": "2021-08-26", "query": escaped(RequestLimits.textBytes), "by": "month",
                    "limit": 10_000,
                ]
            ),
        ] as [(String, [String: JSONValue])])
    func theLargestRequestFitsInAMessage(method: String, parameters: [String: JSONValue]) {
        let call: JSONValue = [
            "method": .string("io.dossier." + method), "parameters": .object(parameters), "more": true,
            "oneway": false,
        ]
        let size = JSONWriter.bytes(call).count + 1
        // With room for parameters still to come.
        #expect(size * 2 <= RequestLimits.messageBytes, "\(method): \(size) bytes")
    }
}
