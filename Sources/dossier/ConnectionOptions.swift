import ArgumentParser
import Foundation
import Varlink

/// Options every command takes: where the daemon is, and whether to print JSON.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "The daemon's socket.")
    var socket: String?

    @Flag(help: "Print the reply's parameters as JSON.")
    var json = false

    /// --socket, DOSSIER_SOCKET, the system socket if present, the user's runtime directory.
    var socketPath: String {
        if let socket { return socket }
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["DOSSIER_SOCKET"], !path.isEmpty { return path }
        let system = "/run/dossier/io.dossier"
        if FileManager.default.fileExists(atPath: system) { return system }
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty { return runtime + "/dossier/io.dossier" }
        return system
    }

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

    /// Calls `method` and returns the reply's parameters, or exits with a message.
    func call(_ method: String, _ parameters: [String: JSONValue] = [:], on client: VarlinkClient? = nil) throws
        -> [String: JSONValue]
    {
        let client = try client ?? connect()
        let reply: VarlinkReply
        do {
            reply = try client.call("io.dossier." + method, parameters)
        } catch {
            Terminal.error("dossierd did not answer: \(error)")
            throw ExitCode.unreachable
        }
        return try check(reply)
    }

    /// The reply's parameters, or, for an error reply, a message and the matching exit code.
    func check(_ reply: VarlinkReply) throws -> [String: JSONValue] {
        guard let name = reply.error else { return reply.parameters }
        if json {
            let error: JSONValue = ["error": .string(name), "parameters": .object(reply.parameters)]
            print(JSONWriter.string(error, pretty: true))
        } else {
            Terminal.error(Self.describe(error: name, reply.parameters))
        }
        throw name == "io.dossier.DocumentNotFound" ? ExitCode.notFound : ExitCode.failure
    }

    /// Prints the parameters as JSON when asked to; returns whether it did.
    func printJSONIfAsked(_ parameters: [String: JSONValue]) -> Bool {
        guard json else { return false }
        print(JSONWriter.string(.object(parameters), pretty: true))
        return true
    }

    static func describe(error name: String, _ parameters: [String: JSONValue]) -> String {
        switch name {
        case "io.dossier.DocumentNotFound":
            return "no document at \(parameters["path"]?.stringValue ?? "that path")"
        case "io.dossier.InvalidQuery":
            let query = parameters["query"]?.stringValue ?? ""
            let reason = parameters["reason"]?.stringValue ?? name
            guard let column = parameters["column"]?.intValue.map(Int.init), column >= 1, column <= query.count + 1
            else {
                return "'\(query)': \(reason)"
            }
            // The query with a caret under the problem.
            return "\(reason) at column \(column):\n  \(query)\n  \(String(repeating: " ", count: column - 1))^"
        case "io.dossier.InvalidPath":
            let subject = parameters["path"]?.stringValue ?? parameters["query"]?.stringValue ?? ""
            return "'\(subject)': \(parameters["reason"]?.stringValue ?? name)"
        case "org.varlink.service.InvalidParameter":
            return "invalid parameter '\(parameters["parameter"]?.stringValue ?? "?")'"
        default:
            let details = parameters.isEmpty ? "" : " " + JSONWriter.string(.object(parameters))
            return "dossierd answered \(name)\(details)"
        }
    }
}

extension ExitCode {
    /// The daemon answered, but what was asked for does not exist.
    static let notFound = ExitCode(2)
    /// The daemon cannot be reached (EX_UNAVAILABLE).
    static let unreachable = ExitCode(69)
}
