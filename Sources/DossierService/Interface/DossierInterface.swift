import DossierProtocol
import Varlink

/// The `io.dossier` interface: its description, and the handlers of its methods by name.
struct DossierInterface: VarlinkInterface {
    let name = DossierAPI.interface
    let interfaceDescription = DossierAPI.interfaceDescription
    let methods: VarlinkMethodTable

    init(_ handlers: DossierHandlers) {
        methods = handlers.table
    }

    func handle(_ call: VarlinkCall, responder: VarlinkResponder) async throws {
        try await methods.handle(call, responder: responder)
    }
}
