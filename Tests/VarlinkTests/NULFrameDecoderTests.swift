import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

@testable import Varlink

@Suite struct NULFrameDecoderTests {
    @Test func splitsMessagesAtNULBytesWhateverTheChunking() throws {
        let input = ByteBuffer(string: "{\"a\":1}\0{}\0[\"x\"]\0")
        let expected = [ByteBuffer(string: "{\"a\":1}"), ByteBuffer(string: "{}"), ByteBuffer(string: "[\"x\"]")]
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [(input, expected)],
            decoderFactory: { NULFrameDecoder(maximumMessageSize: 1024) })
    }

    @Test func aMessageOverTheLimitIsAnError() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(NULFrameDecoder(maximumMessageSize: 8)))
        #expect(throws: NULFrameDecoder.MessageTooLarge(limit: 8)) {
            try channel.writeInbound(ByteBuffer(string: "0123456789"))
        }
        _ = try? channel.finish()
    }
}

@Suite struct VarlinkServiceRegistryTests {
    struct Echo: VarlinkInterface {
        let name = "org.example.echo"
        let interfaceDescription = "interface org.example.echo\nmethod Echo(text: string) -> (text: string)\n"

        func handle(_ call: VarlinkCall, responder: VarlinkResponder) async throws {
            switch call.member {
            case "Echo": try await responder.reply(["text": .string(try call.parameters.requiredString("text"))])
            case "Fail": throw SomeError()
            default: throw VarlinkError.methodNotFound(call.method)
            }
        }

        struct SomeError: Error {}
    }

    func replies(to call: VarlinkCall) async throws -> [VarlinkReply] {
        let registry = VarlinkServiceRegistry(
            info: .init(vendor: "v", product: "p", version: "1", url: "u"), interfaces: [Echo()])
        let collected = ReplyCollector()
        try await registry.dispatch(call, responder: VarlinkResponder { await collected.append($0) })
        return await collected.replies
    }

    actor ReplyCollector {
        var replies: [VarlinkReply] = []
        func append(_ reply: VarlinkReply) { replies.append(reply) }
    }

    @Test func answersTheServiceInterface() async throws {
        let info = try await replies(to: VarlinkCall(method: "org.varlink.service.GetInfo"))
        #expect(info.first?.parameters["interfaces"] == ["org.varlink.service", "org.example.echo"])
        let description = try await replies(
            to: VarlinkCall(
                method: "org.varlink.service.GetInterfaceDescription", parameters: ["interface": "org.example.echo"]))
        #expect(
            description.first?.parameters["description"]?.stringValue?.hasPrefix("interface org.example.echo") == true)
    }

    @Test func turnsFailuresIntoErrorReplies() async throws {
        #expect(
            try await replies(to: VarlinkCall(method: "org.example.echo.Echo", parameters: ["text": "hi"]))
                == [VarlinkReply(parameters: ["text": "hi"])])
        #expect(
            try await replies(to: VarlinkCall(method: "org.example.echo.Echo")).first?.error
                == "org.varlink.service.InvalidParameter")
        #expect(
            try await replies(to: VarlinkCall(method: "org.example.nope.X")).first?.error
                == "org.varlink.service.InterfaceNotFound")
        #expect(
            try await replies(to: VarlinkCall(method: "org.example.echo.Nope")).first?.error
                == "org.varlink.service.MethodNotFound")
        let failed = try await replies(to: VarlinkCall(method: "org.example.echo.Fail")).first
        #expect(failed?.error == "org.example.echo.InternalError")
        // What the failure says is for the log: the engine's text never reaches the client.
        let description = failed?.parameters["description"]?.stringValue ?? ""
        #expect(!description.contains("SomeError") && !description.isEmpty, "\(description)")
    }
}
