import Logging

/// Routes calls to interfaces and answers `org.varlink.service` itself.
public struct VarlinkServiceRegistry: Sendable {
    public static let serviceInterfaceName = "org.varlink.service"

    public let info: VarlinkServiceInfo
    private let interfaces: [String: any VarlinkInterface]
    private let order: [String]
    /// Where the text of an unexpected error goes: the client only learns that there was one.
    private let logger: Logger?

    public init(info: VarlinkServiceInfo, interfaces: [any VarlinkInterface], logger: Logger? = nil) {
        self.logger = logger
        self.info = info
        self.interfaces = Dictionary(interfaces.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.order = [Self.serviceInterfaceName] + interfaces.map(\.name)
    }

    /// Answers `call`, turning every failure into an error reply.
    public func dispatch(_ call: VarlinkCall, responder: VarlinkResponder) async throws {
        do {
            if call.interface == Self.serviceInterfaceName {
                try await handleService(call, responder: responder)
                return
            }
            guard let interface = interfaces[call.interface] else {
                throw VarlinkError.interfaceNotFound(call.interface)
            }
            do {
                try await interface.handle(call, responder: responder)
            } catch let error as VarlinkError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // An engine's or the runtime's text (SQL, file names) is for the journal, not the wire.
                logger?.error(
                    "call failed", metadata: ["varlink.method": "\(call.method)", "error": "\(error)"])
                throw VarlinkError(
                    "\(interface.name).InternalError",
                    parameters: ["description": "the call failed inside the service; its log says why"])
            }
        } catch let error as VarlinkError {
            try await responder.send(VarlinkReply(error: error))
        }
    }

    private func handleService(_ call: VarlinkCall, responder: VarlinkResponder) async throws {
        switch call.member {
        case "GetInfo":
            try await responder.reply([
                "vendor": .string(info.vendor), "product": .string(info.product), "version": .string(info.version),
                "url": .string(info.url), "interfaces": .array(order.map(JSONValue.string)),
            ])
        case "GetInterfaceDescription":
            let name = try call.parameters.requiredString("interface")
            if name == Self.serviceInterfaceName {
                try await responder.reply(["description": .string(Self.serviceDescription)])
            } else if let interface = interfaces[name] {
                try await responder.reply(["description": .string(interface.interfaceDescription)])
            } else {
                throw VarlinkError.interfaceNotFound(name)
            }
        default:
            throw VarlinkError.methodNotFound(call.method)
        }
    }

    static let serviceDescription = """
        # The Varlink Service Interface is provided by every varlink service. It
        # describes the service and the interfaces it implements.
        interface org.varlink.service

        # Get a list of all the interfaces a service provides and information
        # about the implementation.
        method GetInfo() -> (
          vendor: string,
          product: string,
          version: string,
          url: string,
          interfaces: []string
        )

        # Get the description of an interface that is implemented by this service.
        method GetInterfaceDescription(interface: string) -> (description: string)

        # The requested interface was not found.
        error InterfaceNotFound (interface: string)

        # The requested method was not found
        error MethodNotFound (method: string)

        # The interface defines the requested method, but the service does not
        # implement it.
        error MethodNotImplemented (method: string)

        # One of the passed parameters is invalid.
        error InvalidParameter (parameter: string)

        # Client is denied access
        error PermissionDenied ()

        # Method is expected to be called with 'more' set to true, but wasn't
        error ExpectedMore ()

        """
}
