import Testing

@testable import Varlink

@Suite struct JSONTests {
    @Test(arguments: [
        (#"{"a":[1,2.5,"x",true,false,null]}"#, JSONValue.object(["a": [1, 2.5, "x", true, false, nil]])),
        (#"  "tab\tnew\nline\u00e9\ud83d\ude00" "#, JSONValue.string("tab\tnew\nlineé😀")),
        ("-0.5e2", JSONValue.double(-50)),
        ("9223372036854775807", JSONValue.int(Int64.max)),
    ])
    func parses(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(Array(text.utf8)) == expected)
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "tru", "01", "1.", "\"\\x\"", "\"\u{01}\"", "\"\\ud800\"", "{} {}",
        "1e999", String(repeating: "[", count: 10_000),
    ])
    func rejects(text: String) {
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func roundTripsThroughTheWriter() throws {
        let value: JSONValue = ["name": "quote \" and \\ and \u{0} nul", "list": [1, -2, 3.25], "empty": [:]]
        let bytes = JSONWriter.bytes(value)
        #expect(!bytes.contains(0), "a NUL inside a string must be escaped: it ends a message")
        #expect(try JSONParser.parse(bytes) == value)
    }

    /// Found by Scripts/fuzz varlink: `1e3` is written as `1000`, which reads back as an integer;
    /// what is written must read and write back to the same bytes.
    @Test(arguments: ["1e3", "-0", "-0.0", "1e308", "5e-324", "123456789012345678901234567890", "0.1", "[1E2,2.50]"])
    func numbersWriteTheSameWayTwice(text: String) throws {
        let written = JSONWriter.bytes(try JSONParser.parse(Array(text.utf8)))
        #expect(JSONWriter.bytes(try JSONParser.parse(written)) == written, "\(text)")
    }
}

@Suite struct VarlinkMessageTests {
    @Test func readsACall() throws {
        let call = try VarlinkCall(
            message: ["method": "io.example.Do", "parameters": ["x": 1], "more": true, "oneway": false])
        #expect(call.interface == "io.example")
        #expect(call.member == "Do")
        #expect(call.more && !call.oneway)
        #expect(call.parameters["x"] == 1)
    }

    @Test func rejectsWhatIsNotACall() {
        #expect(throws: VarlinkError.invalidMessage("a message must be a JSON object")) {
            try VarlinkCall(message: [1])
        }
        #expect(throws: VarlinkError.invalidMessage("a call needs a string \"method\"")) {
            try VarlinkCall(message: ["parameters": [:]])
        }
        #expect(throws: VarlinkError.invalidParameter("parameters")) {
            try VarlinkCall(message: ["method": "a.B", "parameters": "nope"])
        }
    }
}
