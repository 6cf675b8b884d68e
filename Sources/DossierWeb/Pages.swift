import DossierProtocol
import Logging
import Varlink

/// The pages: each asks the daemon what it shows and renders it. Every text from the daemon is
/// escaped by the templates; the few pieces of markup made here are `HTML`, built from escaped
/// text.
public struct Pages: Sendable {
    let daemon: Daemon
    let templates: Templates
    /// The form token the correction forms carry.
    let formToken: String
    let logger: Logger

    public init(daemon: Daemon, templates: Templates, formToken: String, logger: Logger) {
        self.daemon = daemon
        self.templates = templates
        self.formToken = formToken
        self.logger = logger
    }

    /// A page of `template`, or the daemon's problem as a page of its own.
    func render(_ template: String, _ make: () async throws -> Any) async -> PageResponse {
        do {
            return .page(templates.render(try await make(), template: template))
        } catch let error as DaemonError {
            return problem(error)
        } catch let error as PageError {
            return message(error.title, error.message, status: error.status)
        } catch {
            return failure(error, making: template)
        }
    }

    /// A page that could not be made for a reason of this program's: logged, and said plainly.
    func failure(_ error: any Error, making what: String) -> PageResponse {
        logger.error("a page could not be made", metadata: ["page": "\(what)", "error": "\(error)"])
        return message("Something went wrong", "The page could not be made.", status: 500)
    }

    /// The daemon's problem, in words; a daemon that is not answering is asked again soon.
    func problem(_ error: DaemonError) -> PageResponse {
        if error.status >= 500, case .refused = error {
            logger.warning("dossierd could not answer", metadata: ["error": "\(error.message)"])
        } else if case .unreadable(let reason) = error {
            logger.warning("dossierd's reply could not be read", metadata: ["reason": "\(reason)"])
        }
        if case .unreachable = error {
            return message(
                "dossierd is not answering", error.message, status: error.status, section: nil, retry: 5)
        }
        return message(
            error.status == 404 ? "Not found" : "dossierd could not answer", error.message,
            status: error.status)
    }

    func message(_ title: String, _ detail: String, status: Int, section: String? = nil, retry: Int? = nil)
        -> PageResponse
    {
        struct View {
            var frame: Frame
            var detail: String
            var retry: Int?
        }
        var frame = Frame(title: title, section: section)
        frame.refresh = retry
        return .page(
            templates.render(View(frame: frame, detail: detail, retry: retry), template: "message"), status: status)
    }
}

/// A page that cannot be made from what was asked.
struct PageError: Error {
    var title: String
    var message: String
    var status: Int
}
