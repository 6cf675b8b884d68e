import DossierProtocol
import NIOPosix
import Varlink

/// dossierd, over its socket: one connection a call, made on a thread of its own pool, so a
/// slow answer holds no thread of the server's.
public struct Daemon: Sendable {
    public let socketPath: String
    let pool: NIOThreadPool
    /// How long a call may wait for its answer.
    let timeout: Duration

    public init(socketPath: String, pool: NIOThreadPool, timeout: Duration = .seconds(30)) {
        self.socketPath = socketPath
        self.pool = pool
        self.timeout = timeout
    }

    /// Calls `method` and returns its reply.
    public func call<Method: DossierMethod>(_ method: Method.Type, _ parameters: Method.Parameters) async throws
        -> Method.Reply
    {
        let encoded: [String: JSONValue]
        do {
            encoded = try JSONValueEncoder().encodeObject(parameters).filter { $0.value != .null }
        } catch {
            throw DaemonError.unreadable("the request could not be written: \(error)")
        }
        let (path, timeout) = (socketPath, timeout)
        let reply: VarlinkReply
        do {
            reply = try await pool.runIfActive {
                let client = try VarlinkClient(path: path, timeout: timeout)
                return try client.call(Method.qualifiedName, encoded)
            }
        } catch let failure as VarlinkClient.Failure {
            throw DaemonError.unreachable(failure.message)
        }
        if let name = reply.error { throw DaemonError.refused(VarlinkError(name, parameters: reply.parameters)) }
        do {
            return try JSONValueDecoder().decode(Method.Reply.self, from: .object(reply.parameters))
        } catch {
            throw DaemonError.unreadable("dossierd's reply to \(Method.member) could not be read")
        }
    }
}

/// Why a call to the daemon gave no reply.
public enum DaemonError: Error, Sendable, Equatable {
    /// The socket could not be reached, or the connection broke.
    case unreachable(String)
    /// The daemon answered with an error.
    case refused(VarlinkError)
    /// The reply was not what the interface says.
    case unreadable(String)

    /// What to tell a person, in words: never the engine's text.
    public var message: String {
        switch self {
        case .unreachable(let reason): return "dossierd is not answering (\(reason))."
        case .unreadable(let reason): return reason
        case .refused(let error): return Self.describe(error)
        }
    }

    /// The HTTP status that fits.
    public var status: Int {
        switch self {
        case .unreachable: 503
        case .unreadable: 502
        case .refused(let error):
            switch DossierAPI.typedError(error) {
            case is DossierAPI.DocumentNotFound, is DossierAPI.EntityNotFound, is DossierAPI.CorrectionNotFound: 404
            case is DossierAPI.QueryTimedOut: 504
            case is DossierAPI.InternalError: 500
            default: error.name == VarlinkError.permissionDenied.name ? 403 : 400
            }
        }
    }

    static func describe(_ error: VarlinkError) -> String {
        switch DossierAPI.typedError(error) {
        case let notFound as DossierAPI.DocumentNotFound:
            return "There is no document at \(notFound.path)."
        case let notFound as DossierAPI.EntityNotFound:
            return "No name is \(notFound.entity)."
        case let invalid as DossierAPI.InvalidQuery:
            return "\(invalid.reason) at column \(invalid.column) of “\(invalid.query)”."
        case let invalid as DossierAPI.InvalidPath:
            return "“\(invalid.path)”: \(invalid.reason)."
        case let timedOut as DossierAPI.QueryTimedOut:
            return "The question took longer than dossierd allows (\(timedOut.seconds) s); try fewer or rarer words."
        case let ambiguous as DossierAPI.AmbiguousEntity:
            let candidates = ambiguous.candidates.map { "\($0.name) (\($0.kind))" }.joined(separator: ", ")
            return "More than one name is \(ambiguous.entity): \(candidates). Choose one by its kind."
        case let invalid as DossierAPI.InvalidCorrection:
            return "dossierd refused the correction: \(invalid.reason)."
        case let notFound as DossierAPI.CorrectionNotFound:
            return "There is no correction \(notFound.number)."
        case is DossierAPI.InternalError:
            return "dossierd could not answer (an internal error, in its journal)."
        default:
            if error.name == VarlinkError.permissionDenied.name {
                return "dossierd does not let this page's user make corrections (see its --allow-correct-user)."
            }
            if error.name == VarlinkError.invalidParameterName {
                let parameter = error.parameters["parameter"]?.stringValue ?? "?"
                let reason = error.parameters["reason"]?.stringValue.map { ": \($0)" } ?? ""
                return "dossierd did not accept “\(parameter)”\(reason)."
            }
            return "dossierd answered \(error.name)."
        }
    }
}
