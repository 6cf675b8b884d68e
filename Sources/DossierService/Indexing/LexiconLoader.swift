import Ingest
import Logging

/// The lexicon names are typed with, read from the system's data (`NameLexiconFiles`) in the
/// background from start: reading it takes longer than comparing an unchanged folder with the
/// cache, which needs no lexicon, so a restart does not wait for it. Whatever ingests a document
/// or reports the missing data waits until it is read.
final class LexiconLoader: Sendable {
    private let loading: Task<(lexicon: NameLexicon, missing: [String]), Never>

    /// Starts reading `files`; what is missing is logged once read.
    init(files: NameLexiconFiles = NameLexiconFiles(), logger: Logger) {
        loading = Task.detached(priority: .userInitiated) {
            let loaded = files.load()
            // The data files' parse trees are freed: hand that memory back.
            MallocArenas.trim()
            for data in loaded.missing {
                logger.notice(
                    "data for typing names is missing; names are typed by the built-in lists and context",
                    metadata: ["event": "data-missing", "data": "\(data)"])
            }
            return loaded
        }
    }

    /// A lexicon already at hand.
    init(_ lexicon: NameLexicon) {
        loading = Task { (lexicon, []) }
    }

    var lexicon: NameLexicon {
        get async { await loading.value.lexicon }
    }

    /// The data sets for typing names that could not be read (package and path).
    var missing: [String] {
        get async { await loading.value.missing }
    }
}
