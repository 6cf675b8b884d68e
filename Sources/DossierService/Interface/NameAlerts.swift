import DossierProtocol
import Store

/// What a client following names is told: a document added or updated with sentences that name
/// one of them and were not there before, with those sentences. It remembers, for each document,
/// the sentences that named them when last looked at.
struct NameAlerts {
    let names: [String]
    private var seen: [String: Set<String>]

    /// Remembers the sentences that name `names` now.
    init(names: [String], store: DocumentStore) async throws {
        self.names = names
        seen = try await store.entities.sentences(naming: names).mapValues(Set.init)
    }

    /// The change as the client is told it, or nil when it holds nothing new about the names.
    /// A change replayed from the log (`replayed`) is told with every sentence naming them now:
    /// what the document said before is not kept.
    mutating func alert(for change: AppliedChange, store: DocumentStore, replayed: Bool = false) async throws
        -> DossierAPI.Subscribe.Reply?
    {
        switch change.kind {
        case .added, .updated:
            let now = try await store.entities.sentences(naming: names, inDocuments: [change.path])[change.path] ?? []
            let known = replayed ? [] : seen[change.path, default: []]
            seen[change.path] = Set(now)
            let new = now.filter { !known.contains($0) }
            guard !new.isEmpty else { return nil }
            return .init(
                generation: Int(change.generation),
                change: .init(kind: change.kind.rawValue, path: change.path, sentences: new))
        case .moved:
            if let previous = change.previousPath { seen[change.path] = seen.removeValue(forKey: previous) }
            return nil
        case .removed, .failed:
            seen[change.path] = nil
            return nil
        case .corrected, .reverted:
            // What a name is changed: a client showing names refreshes them.
            return .init(change)
        }
    }
}
