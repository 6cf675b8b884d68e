import Foundation
import Ingest
import Logging
import Synchronization

/// The part-of-speech tagger's model that ships with dossier (`Resources/Tagger`, trained by
/// `Scripts/train-tagger` on the Universal Dependencies English Web Treebank), read at start.
/// Installed, it is in `share/dossier` beside `bin`; built, in the resources folder SwiftPM puts
/// beside the executable.
public enum ShippedTagger {
    public static let fileName = "english-ewt.tagger"

    /// Where the model may be, for the running executable.
    static func candidates(executable: String) -> [String] {
        let folder = (executable as NSString).deletingLastPathComponent
        return [
            "\(folder)/../share/dossier/\(fileName)",
            "\(folder)/Dossier_DossierService.resources/Tagger/\(fileName)",
            "\(folder)/Dossier_DossierService.resources/\(fileName)",
        ]
    }

    /// The model, or nil with what is missing logged.
    public static func load(logger: Logger) -> PartOfSpeechTagger? {
        let executable =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        for path in candidates(executable: executable) {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            do {
                return try TaggerModelFile.decode(Array(data))
            } catch {
                logger.error(
                    "the tagger's model cannot be read; short answers and names fall back to rules over words",
                    metadata: ["event": "data-unreadable", "path": "\(path)", "error": "\(error)"])
                return nil
            }
        }
        logger.notice(
            "the tagger's model is missing; short answers and names fall back to rules over words",
            metadata: ["event": "data-missing", "data": "\(fileName)"])
        return nil
    }
}

/// The shipped tagger, read in the background from start so that the socket is served at once;
/// an Ask and the first file read wait until it is read, nothing else does.
final class TaggerLoader: Sendable {
    private let loading: Task<PartOfSpeechTagger?, Never>
    /// Whether reading has ended without a model, known without waiting.
    private let outcome = Outcome()

    private final class Outcome: Sendable {
        let failed = Mutex(false)
    }

    init(logger: Logger) {
        let outcome = self.outcome
        loading = Task.detached(priority: .utility) {
            let tagger = ShippedTagger.load(logger: logger)
            if tagger == nil { outcome.failed.withLock { $0 = true } }
            return tagger
        }
    }

    /// The tagger; nil when its model is missing or unreadable.
    var tagger: PartOfSpeechTagger? {
        get async { await loading.value }
    }

    /// Whether the model was found missing or unreadable (false while it is being read).
    var isMissing: Bool { outcome.failed.withLock { $0 } }
}
