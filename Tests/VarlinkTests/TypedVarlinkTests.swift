import Synchronization
import Testing

@testable import Varlink

private struct Point: Codable, Equatable, Sendable {
    var x: Int
    var y: Double
    var label: String?
    var tags: [String]
    var next: Inner?

    struct Inner: Codable, Equatable, Sendable {
        var flag: Bool
    }
}

@Suite struct JSONValueCodingTests {
    @Test func encodesFieldsAndWritesNullForAMissingOptional() throws {
        let point = Point(x: 3, y: 0.5, label: nil, tags: ["a", "b"], next: .init(flag: true))
        #expect(
            try JSONValueEncoder().encode(point)
                == ["x": 3, "y": 0.5, "label": nil, "tags": ["a", "b"], "next": ["flag": true]])
    }

    @Test func decodesWhatItEncodes() throws {
        let point = Point(x: -7, y: 2, label: "é", tags: [], next: nil)
        let value = try JSONValueEncoder().encode(point)
        #expect(try JSONValueDecoder().decode(Point.self, from: value) == point)
    }

    @Test func readsIntegersWrittenWithAFractionOfZeroAndIgnoresUnknownKeys() throws {
        let value: JSONValue = ["x": 4.0, "y": 1, "tags": [], "later": "field"]
        #expect(try JSONValueDecoder().decode(Point.self, from: value) == Point(x: 4, y: 1, tags: []))
    }

    static let wrongValues: [(JSONValue, String)] = [
        (["y": 1, "tags": []], "x"), (["x": 1.5, "y": 1, "tags": []], "x"),
        (["x": 1, "y": "one", "tags": []], "y"), (["x": 1, "y": 1, "tags": [1]], "tags"),
        (["x": 1, "y": 1, "tags": [], "next": ["flag": "yes"]], "next"),
    ]

    @Test(arguments: wrongValues)
    func aValueOfTheWrongTypeNamesItsParameter(value: JSONValue, parameter: String) {
        do {
            _ = try JSONValueDecoder().decode(Point.self, from: value)
            Issue.record("decoded \(value)")
        } catch {
            #expect(VarlinkError(decoding: error) == .invalidParameter(parameter))
        }
    }

    @Test func anIntegerTooLargeForItsTypeIsRefused() {
        #expect(throws: DecodingError.self) {
            _ = try JSONValueDecoder().decode(Int32.self, from: .int(Int64(Int32.max) + 1))
        }
    }
}

@Suite struct VarlinkSchemaTests {
    @Test func describesAStructsFieldsAndTheTypesTheyName() throws {
        var schema = VarlinkSchema()
        let fields = try schema.fields(of: Point.self)
        #expect(
            fields == [
                VarlinkField("x", .int), VarlinkField("y", .float), VarlinkField("label", .optional(.string)),
                VarlinkField("tags", .array(.string)), VarlinkField("next", .optional(.named("Inner"))),
            ])
        #expect(schema.types == ["Inner": [VarlinkField("flag", .bool)]])
    }

    @Test func readsAnInterfaceDescription() throws {
        let description = try VarlinkInterfaceDescription(
            parsing: """
                # A comment (with: parentheses)
                interface org.example.points

                type Point (x: int, label: ?string, tags: []string, next: ?Point)

                # Moves a point.
                method Move(point: Point, by: float) -> (moved: Point)
                method Reset() -> ()

                error NoSuchPoint (label: string)
                """)
        #expect(description.name == "org.example.points")
        #expect(
            description.types["Point"] == [
                VarlinkField("x", .int), VarlinkField("label", .optional(.string)),
                VarlinkField("tags", .array(.string)), VarlinkField("next", .optional(.named("Point"))),
            ])
        #expect(
            description.methods["Move"]
                == .init(
                    parameters: [VarlinkField("point", .named("Point")), VarlinkField("by", .float)],
                    reply: [VarlinkField("moved", .named("Point"))]))
        #expect(description.methods["Reset"] == .init(parameters: [], reply: []))
        #expect(description.errors["NoSuchPoint"] == [VarlinkField("label", .string)])
    }

    @Test(arguments: ["interface a.b\nmethod M(x: int) (y: int)", "type T (a, b)", "type T (x: lowercase)", "oops"])
    func refusesWhatItCannotRead(text: String) {
        #expect(throws: VarlinkSchemaError.self) { try VarlinkInterfaceDescription(parsing: text) }
    }
}

private enum Echo: VarlinkMethod {
    static let interface = "org.example.echo"
    struct Parameters: VarlinkParameters {
        var text: String
        var times: Int?
        func validate() throws(VarlinkError) { try Self.check(times, in: 1...3, CodingKeys.times) }
    }
    struct Reply: Codable, Sendable { var text: String }
}

private enum Count: VarlinkMethod {
    static let interface = "org.example.echo"
    typealias Parameters = VarlinkEmpty
    struct Reply: Codable, Sendable { var number: Int }
}

private struct Refused: VarlinkTypedError, Equatable {
    static let interface = "org.example.echo"
    var why: String
}

@Suite struct VarlinkMethodTableTests {
    static let table: VarlinkMethodTable = {
        var table = VarlinkMethodTable()
        table.on(Echo.self) { parameters, _ in
            if parameters.text == "no" { throw Refused(why: "said no") }
            return .init(text: String(repeating: parameters.text, count: parameters.times ?? 1))
        }
        table.onStream(Count.self) { _, stream in
            for number in 1...2 { try await stream.send(.init(number: number)) }
            return .init(number: 3)
        }
        return table
    }()

    /// The replies `call` gets.
    static func replies(_ call: VarlinkCall) async -> [VarlinkReply] {
        let replies = Mutex<[VarlinkReply]>([])
        let responder = VarlinkResponder { reply in replies.withLock { $0.append(reply) } }
        do {
            try await table.handle(call, responder: responder)
        } catch let error as VarlinkError {
            replies.withLock { $0.append(VarlinkReply(error: error)) }
        } catch {
            Issue.record("unexpected \(error)")
        }
        return replies.withLock { $0 }
    }

    @Test func decodesTheParametersAndEncodesTheReply() async {
        let replies = await Self.replies(
            VarlinkCall(method: Echo.qualifiedName, parameters: ["text": "ab", "times": 2]))
        #expect(replies == [VarlinkReply(parameters: ["text": "abab"])])
    }

    @Test(arguments: [
        (["times": 2] as [String: JSONValue], "text"), (["text": 1], "text"), (["text": "a", "times": 4], "times"),
    ])
    func refusesParametersByName(parameters: [String: JSONValue], name: String) async {
        let replies = await Self.replies(VarlinkCall(method: Echo.qualifiedName, parameters: parameters))
        #expect(replies == [VarlinkReply(error: .invalidParameter(name))])
    }

    @Test func sendsATypedErrorUnderItsName() async {
        let replies = await Self.replies(VarlinkCall(method: Echo.qualifiedName, parameters: ["text": "no"]))
        #expect(replies == [VarlinkReply(parameters: ["why": "said no"], error: "org.example.echo.Refused")])
        #expect(
            Refused(VarlinkError("org.example.echo.Refused", parameters: ["why": "said no"])) == Refused(why: "said no")
        )
    }

    @Test func streamsWhenCalledWithMoreAndOnlyThen() async {
        let streamed = await Self.replies(VarlinkCall(method: Count.qualifiedName, more: true))
        #expect(streamed.map(\.parameters) == [["number": 1], ["number": 2], ["number": 3]])
        #expect(streamed.map(\.continues) == [true, true, false])
        let refused = await Self.replies(VarlinkCall(method: Count.qualifiedName))
        #expect(refused == [VarlinkReply(error: .expectedMore)])
    }

    @Test func anUnknownMethodIsNotFound() async {
        let replies = await Self.replies(VarlinkCall(method: "org.example.echo.Shout"))
        #expect(replies == [VarlinkReply(error: .methodNotFound("org.example.echo.Shout"))])
        #expect(Self.table.members == ["Echo", "Count"])
    }
}
