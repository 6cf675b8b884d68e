import DossierProtocol
import Testing
import Varlink

/// The interface description served to clients says exactly what the types say: every method,
/// every field with its type, every named type and every error.
@Suite struct InterfaceDescriptionTests {
    let description: VarlinkInterfaceDescription
    var schema = VarlinkSchema()

    init() throws {
        description = try VarlinkInterfaceDescription(parsing: DossierAPI.interfaceDescription)
    }

    static func fields(_ fields: [VarlinkField]) -> [String: VarlinkType] {
        Dictionary(fields.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func signature<Method: DossierMethod>(_ method: Method.Type) throws -> VarlinkInterfaceDescription.Method {
        .init(
            parameters: try schema.fields(of: Method.Parameters.self), reply: try schema.fields(of: Method.Reply.self))
    }

    @Test func itIsTheDossierInterface() {
        #expect(description.name == DossierAPI.interface)
    }

    @Test mutating func everyMethodHasTheFieldsOfItsTypes() throws {
        for method in DossierAPI.methods {
            let typed = try signature(method)
            let described = try #require(description.methods[method.member], "\(method.member) is not described")
            #expect(Self.fields(typed.parameters) == Self.fields(described.parameters), "\(method.member) parameters")
            #expect(Self.fields(typed.reply) == Self.fields(described.reply), "\(method.member) reply")
        }
        #expect(Set(description.methods.keys) == Set(DossierAPI.methods.map { $0.member }))
    }

    @Test mutating func everyTypeHasTheFieldsOfItsStruct() throws {
        for method in DossierAPI.methods { _ = try signature(method) }
        #expect(Set(schema.types.keys) == Set(description.types.keys))
        for (name, fields) in schema.types {
            #expect(Self.fields(fields) == Self.fields(description.types[name] ?? []), "type \(name)")
        }
    }

    @Test mutating func everyErrorHasTheFieldsOfItsStruct() throws {
        for error in DossierAPI.errors {
            let name = String(describing: error)
            let described = try #require(description.errors[name], "error \(name) is not described")
            #expect(Self.fields(try schema.fields(of: error)) == Self.fields(described), "error \(name)")
            #expect(error.qualifiedName == "io.dossier." + name)
        }
        #expect(Set(description.errors.keys) == Set(DossierAPI.errors.map { String(describing: $0) }))
    }

    @Test func aTypedErrorGoesOnTheWireAndComesBack() throws {
        let error = DossierAPI.InvalidQuery(query: "a (", reason: "unclosed parenthesis", column: 3)
        let wire = error.varlinkError
        #expect(wire.name == "io.dossier.InvalidQuery")
        #expect(wire.parameters == ["query": "a (", "reason": "unclosed parenthesis", "column": 3])
        #expect(DossierAPI.typedError(wire) as? DossierAPI.InvalidQuery == error)
        #expect(DossierAPI.typedError(VarlinkError("io.dossier.Unknown")) == nil)
    }

    @Test func aSubscribeReplyLeavesOutWhatItDoesNotHave() throws {
        let encoder = JSONValueEncoder()
        #expect(try encoder.encodeObject(DossierAPI.Subscribe.Reply(generation: 4)) == ["generation": 4])
        let moved = DossierAPI.Subscribe.Reply(
            generation: 5, change: .init(kind: "moved", path: "b.txt", previousPath: "a.txt"))
        #expect(
            try encoder.encodeObject(moved)
                == ["generation": 5, "change": ["kind": "moved", "path": "b.txt", "previousPath": "a.txt"]])
        let added = DossierAPI.Subscribe.Reply(generation: 6, change: .init(kind: "added", path: "c.txt"))
        #expect(try encoder.encodeObject(added) == ["generation": 6, "change": ["kind": "added", "path": "c.txt"]])
    }

    @Test func otherRecordsWriteNullForWhatTheyDoNotHave() throws {
        let quote = DossierAPI.Quote(text: "We will stay.", speaker: nil, path: "a.txt", title: "A")
        #expect(
            try JSONValueEncoder().encode(quote)
                == ["text": "We will stay.", "speaker": .null, "path": "a.txt", "title": "A"])
    }

    @Test(arguments: [
        (["limit": 0] as [String: JSONValue], "limit"), (["limit": 100_001], "limit"), (["offset": -1], "offset"),
        (["limit": "ten"], "limit"), (["failed": 1], "failed"),
    ])
    func listParametersOutOfRangeAreRefusedByName(parameters: [String: JSONValue], name: String) throws {
        var refused: VarlinkError?
        do {
            let decoded = try JSONValueDecoder().decode(
                DossierAPI.ListDocuments.Parameters.self, from: .object(parameters))
            try decoded.validate()
        } catch let error as VarlinkError {
            refused = error
        } catch {
            refused = VarlinkError(decoding: error)
        }
        #expect(refused == .invalidParameter(name))
    }

    @Test func aQueryPastTheWordLimitIsRefusedWithTheLimit() {
        let query = Array(repeating: "word", count: RequestLimits.textWords + 1).joined(separator: " ")
        #expect(throws: VarlinkError.self) { try DossierAPI.Search.Parameters(query: query).validate() }
        let within = Array(repeating: "word", count: RequestLimits.textWords).joined(separator: "  \n")
        #expect(throws: Never.self) { try DossierAPI.Search.Parameters(query: within).validate() }
    }

    @Test func anUnknownEntityKindIsRefused() {
        #expect(throws: VarlinkError.invalidParameter("kind")) {
            try DossierAPI.Entities.Parameters(kind: "animal").validate()
        }
        #expect(throws: Never.self) { try DossierAPI.Entities.Parameters(kind: "place").validate() }
    }
}
