import Foundation
import Logging
import Query
import Synchronization

/// Reads the verbs and the nouns derived from them, and the adjectives and the nouns they are a
/// value of, from WordNet's database, as Debian's `wordnet-base` installs it. Without it,
/// questions find the relatives that spelling shows ("leader" for "lead") but not the others
/// ("death" for "die", "height" for "tall").
public struct WordNetFiles: Sendable {
    public var folder = "/usr/share/wordnet"
    /// How much of a file is read at a time.
    var partSize = 1 << 18

    public init() {}

    /// The relations, or nil when the database cannot be read. Its files (21 MB) are read a part
    /// at a time: only the links and the nouns they point to are kept.
    public func load() -> WordDerivations? {
        let files = ["data.verb", "data.adj", "data.noun"].map { FileHandle(forReadingAtPath: "\(folder)/\($0)") }
        defer { for file in files { try? file?.close() } }
        guard let verbs = files[0], let adjectives = files[1], let nouns = files[2] else { return nil }
        let derivations = WordDerivations(
            wordNetVerbs: FileLines(verbs, partSize: partSize), adjectives: FileLines(adjectives, partSize: partSize),
            nouns: FileLines(nouns, partSize: partSize))
        return derivations.count > 0 ? derivations : nil
    }

    /// What Status lists when the database is missing: the package and the folder.
    var missing: String { "wordnet-base (\(folder))" }
}

/// The lines of a file with the byte offset each starts at, read a part at a time.
private struct FileLines: Sequence, IteratorProtocol {
    let handle: FileHandle
    let partSize: Int
    /// The lines of the part read, and the unfinished line at its end.
    private var lines: [(offset: Int, line: ArraySlice<UInt8>)] = []
    private var position = 0
    private var rest: [UInt8] = []
    private var restOffset = 0
    private var ended = false

    init(_ handle: FileHandle, partSize: Int) {
        self.handle = handle
        self.partSize = partSize
    }

    mutating func next() -> (offset: Int, line: ArraySlice<UInt8>)? {
        while position == lines.count {
            guard !ended else { return nil }
            let part = (try? handle.read(upToCount: partSize)) ?? nil
            var bytes = rest
            if let part, !part.isEmpty {
                bytes += part
            } else {
                ended = true
            }
            // Up to the last newline now; the rest waits for the next part (or ends the file).
            let cut = ended ? bytes.count : (bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0)
            lines = WordNetDerivations.lines(Array(bytes[..<cut]), from: restOffset)
            position = 0
            rest = Array(bytes[cut...])
            restOffset += cut
        }
        defer { position += 1 }
        return lines[position]
    }
}

/// WordNet's relations, read in the background from start; an Ask waits until they are read,
/// nothing else does.
final class DerivationsLoader: Sendable {
    private let loading: Task<WordDerivations, Never>
    /// What is missing once reading has ended without relations, known without waiting.
    private let outcome = Outcome()

    private final class Outcome: Sendable {
        let missing = Mutex<String?>(nil)
    }

    init(files: WordNetFiles = WordNetFiles(), logger: Logger) {
        let outcome = self.outcome
        loading = Task.detached(priority: .utility) {
            if let derivations = files.load() {
                // The files' bytes are freed: hand that memory back.
                MallocArenas.trim()
                return derivations
            }
            outcome.missing.withLock { $0 = files.missing }
            logger.notice(
                "WordNet is missing; questions match words as written and spelled relatives only",
                metadata: ["event": "data-missing", "data": "\(files.missing)"])
            return .none
        }
    }

    var derivations: WordDerivations {
        get async { await loading.value }
    }

    /// The data that could not be read, if any (nothing while it is being read).
    var missing: [String] { outcome.missing.withLock { $0.map { [$0] } ?? [] } }
}
