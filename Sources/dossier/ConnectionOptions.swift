import ArgumentParser
import DossierProtocol
import Varlink

/// Options every command takes: where the daemon is, and whether to print JSON.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "The daemon's socket.")
    var socket: String?

    @Flag(help: "Print the reply's parameters as JSON.")
    var json = false

    /// --socket, DOSSIER_SOCKET, the system socket if present, the user's runtime directory.
    var socketPath: String { DaemonSocket.path(given: socket) }

    /// A connection to the daemon, or exit 69 with a message.
    func connect(timeout: Duration? = .seconds(60)) throws -> VarlinkClient {
        do {
            return try VarlinkClient(path: socketPath, timeout: timeout)
        } catch {
            let reason = error.message.replacing("cannot connect to \(socketPath): ", with: "")
            Terminal.error("cannot reach dossierd at \(socketPath): \(reason)")
            Terminal.error("is it running? Start it, or point --socket or DOSSIER_SOCKET at its socket.")
            throw ExitCode.unreachable
        }
    }

    /// A reply, typed, with its parameters as they came (printed as they are with --json).
    struct Response<Reply> {
        var reply: Reply
        var parameters: [String: JSONValue]
    }

    /// Calls `method` and returns its reply, or exits with a message.
    func call<Method: DossierMethod>(
        _ method: Method.Type, _ parameters: Method.Parameters, on client: VarlinkClient? = nil
    ) throws -> Response<Method.Reply> {
        let client = try client ?? connect()
        let reply: VarlinkReply
        do {
            reply = try client.call(Method.qualifiedName, try Self.encode(parameters))
        } catch let failure as VarlinkClient.Failure {
            Terminal.error("dossierd did not answer: \(failure)")
            throw ExitCode.unreachable
        }
        return try decode(Method.self, reply)
    }

    /// The call's parameters, leaving out those not given.
    static func encode(_ parameters: some VarlinkParameters) throws -> [String: JSONValue] {
        try JSONValueEncoder().encodeObject(parameters).filter { $0.value != .null }
    }

    /// The reply of `method`, typed; for an error reply, a message and the matching exit code.
    /// The typed reply, shown to people, has no control characters in its strings; `parameters`,
    /// printed as JSON (which escapes them), are as they came.
    func decode<Method: DossierMethod>(_ method: Method.Type, _ reply: VarlinkReply) throws
        -> Response<Method.Reply>
    {
        if let name = reply.error {
            if json {
                let error: JSONValue = ["error": .string(name), "parameters": .object(reply.parameters)]
                print(JSONWriter.string(error, pretty: true))
            } else {
                let parameters = Terminal.safe(.object(reply.parameters)).objectValue ?? [:]
                Terminal.error(Self.describe(VarlinkError(Terminal.safe(name), parameters: parameters)))
            }
            let error = DossierAPI.typedError(VarlinkError(name, parameters: reply.parameters))
            let notFound =
                error is DossierAPI.DocumentNotFound || error is DossierAPI.EntityNotFound
                || error is DossierAPI.CorrectionNotFound
            throw notFound ? ExitCode.notFound : ExitCode.failure
        }
        do {
            let typed = try JSONValueDecoder().decode(Method.Reply.self, from: Terminal.safe(.object(reply.parameters)))
            return Response(reply: typed, parameters: reply.parameters)
        } catch {
            Terminal.error("dossierd's reply to \(Method.member) could not be read: \(error)")
            throw ExitCode.failure
        }
    }

    /// Prints the reply's parameters as JSON when asked to; returns whether it did.
    func printJSONIfAsked<Reply>(_ response: Response<Reply>) -> Bool {
        guard json else { return false }
        print(JSONWriter.string(.object(response.parameters), pretty: true))
        return true
    }

    static func describe(_ error: VarlinkError) -> String {
        switch DossierAPI.typedError(error) {
        case let notFound as DossierAPI.DocumentNotFound:
            return "no document at \(notFound.path)"
        case let notFound as DossierAPI.EntityNotFound:
            return "no entity is named \(notFound.entity)"
        case let invalid as DossierAPI.InvalidQuery:
            let query = invalid.query
            guard invalid.column >= 1, invalid.column <= query.count + 1 else { return "'\(query)': \(invalid.reason)" }
            // The query with a caret under the problem.
            let caret = String(repeating: " ", count: invalid.column - 1) + "^"
            return "\(invalid.reason) at column \(invalid.column):\n  \(query)\n  \(caret)"
        case let invalid as DossierAPI.InvalidPath:
            return "'\(invalid.path)': \(invalid.reason)"
        case let timedOut as DossierAPI.QueryTimedOut:
            return "the query ran past the daemon's time bound (\(timedOut.seconds) s)"
        case let ambiguous as DossierAPI.AmbiguousEntity:
            let candidates = ambiguous.candidates.map { "  \($0.name) (--kind \($0.kind))" }
            return (["more than one entity is named \(ambiguous.entity); say which:"] + candidates)
                .joined(separator: "\n")
        case let invalid as DossierAPI.InvalidCorrection:
            return invalid.reason
        case let notFound as DossierAPI.CorrectionNotFound:
            return "there is no correction \(notFound.number) (dossier entities corrections lists them)"
        default:
            if error.name == VarlinkError.permissionDenied.name {
                return "permission denied: this user may not do that (see dossierd's --allow-correct-user)"
            }
            if error.name == VarlinkError.invalidParameterName {
                let reason = error.parameters["reason"]?.stringValue.map { ": \($0)" } ?? ""
                return "invalid parameter '\(error.parameters["parameter"]?.stringValue ?? "?")'\(reason)"
            }
            let details = error.parameters.isEmpty ? "" : " " + JSONWriter.string(.object(error.parameters))
            return "dossierd answered \(error.name)\(details)"
        }
    }
}

extension ExitCode {
    /// The daemon answered, but what was asked for does not exist.
    static let notFound = ExitCode(2)
    /// The daemon cannot be reached (EX_UNAVAILABLE).
    static let unreachable = ExitCode(69)
}
