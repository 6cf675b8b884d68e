import Corrections
import DossierProtocol
import Foundation
import Ingest
import Logging
import Store
import Synchronization

/// The corrections people make to names: kept in their file, applied in the cache, told to
/// subscribers. One correction (or undo) at a time, in the order asked: the file, the cache and
/// the change feed hold them in one order.
final class NameCorrections: Sendable {
    let file: CorrectionFileStore
    private let store: DocumentStore
    private let broadcaster: ChangeBroadcaster
    private let logger: Logger
    private let state: Mutex<CorrectionFileStore.Loaded>
    private let turns = Turns()

    init(file: CorrectionFileStore, store: DocumentStore, broadcaster: ChangeBroadcaster, logger: Logger) {
        self.file = file
        self.store = store
        self.broadcaster = broadcaster
        self.logger = logger
        let loaded = file.load()
        if let problem = loaded.problem {
            logger.error(
                "the corrections file cannot be read; serving without its corrections",
                metadata: ["event": "corrections-unreadable", "problem": "\(problem)"])
        }
        state = Mutex(loaded)
    }

    var log: CorrectionLog { state.withLock { $0.log } }
    var problem: String? { state.withLock { $0.problem } }

    /// Makes the cache hold what the file says (at start: the cache may have been deleted, rebuilt,
    /// or corrected otherwise). A cache that cannot be written (a full disk) stops nothing: it
    /// catches up with the next correction.
    func applyToCache() async {
        let actions = log.actions
        do {
            try await store.writer.correct(to: actions)
            logger.info(
                "corrections applied", metadata: ["event": "corrections-applied", "count": "\(actions.count)"])
        } catch {
            logger.error(
                "the corrections could not be applied to the cache",
                metadata: ["event": "corrections-not-applied", "error": "\(error)"])
        }
    }

    /// An entity named in a request: a name or alias, and a kind when the name is not enough.
    struct Named: Sendable {
        var name: String
        var kind: Entity.Kind?
    }

    /// A correction asked for, before the names in it are looked up.
    enum Request: Sendable {
        case merge(Named, into: Named)
        case rename(Named, to: String)
        case retype(Named, to: Entity.Kind)
        case hide(Named)
        case split(Named, alias: String, kind: Entity.Kind?)
    }

    /// Makes the correction `request` asks for, on behalf of `user`.
    func make(_ request: Request, user: String) async throws -> (Correction, generation: Int) {
        try await turns.take {
            let action = try await self.action(for: request)
            var log = self.log
            let correction: Correction
            do {
                correction = try log.append(action, user: user, at: Date())
            } catch let refusal as CorrectionLog.Refusal {
                throw DossierAPI.InvalidCorrection(reason: refusal.description)
            }
            return try await self.keep(log, change: .made(correction))
        }
    }

    /// Takes back correction `number`.
    func undo(_ number: Int) async throws -> (Correction, generation: Int) {
        try await turns.take {
            var log = self.log
            let correction: Correction
            do {
                correction = try log.undo(number)
            } catch {
                throw DossierAPI.CorrectionNotFound(number: number)
            }
            return try await self.keep(log, change: .undone(correction))
        }
    }

    /// Writes `log` to the file, then to the cache, and tells subscribers.
    private func keep(_ log: CorrectionLog, change: CorrectionChange) async throws -> (Correction, generation: Int) {
        guard state.withLock({ $0.writable }) else {
            throw DossierAPI.InvalidCorrection(
                reason: "corrections cannot be kept: the corrections file could not be read or set aside")
        }
        try file.save(log)
        state.withLock { $0.log = log }
        let correction = change.correction
        let undone = change.kind == .reverted
        logger.notice(
            undone ? "correction undone" : "correction made",
            metadata: [
                "event": "\(undone ? "correction-undone" : "correction-made")",
                // The names are the documents' words: they stay out of the journal.
                "number": "\(correction.number)", "action": "\(correction.action.name)", "user": "\(correction.user)",
            ])
        let broadcaster = self.broadcaster
        let recorded = try await store.writer.correct(
            to: log.actions, recording: change, publish: { broadcaster.publish($0) })
        return (correction, Int(recorded?.generation ?? 0))
    }

    /// The action `request` asks for, with its names looked up in the cache.
    private func action(for request: Request) async throws -> CorrectionAction {
        switch request {
        case .merge(let entity, let into):
            let (from, to) = (try await find(entity), try await find(into))
            if from.id == to.id {
                throw DossierAPI.InvalidCorrection(
                    reason: "\"\(entity.name)\" and \"\(into.name)\" are already one entity, \(to.name)")
            }
            return .merge(from.name, into: to.name)
        case .rename(let entity, let name):
            return .rename(try await find(entity).name, to: name)
        case .retype(let entity, let kind):
            return .retype(try await find(entity).name, to: kind)
        case .hide(let entity):
            return .hide(try await find(entity).name)
        case .split(let entity, let alias, let kind):
            let found = try await find(entity)
            guard try await store.entities.isWritten(found.id, as: alias) else {
                throw DossierAPI.InvalidCorrection(reason: "\(found.name) is never written \"\(alias)\"")
            }
            return .split(found.name, alias: alias, kind: kind ?? found.name.kind)
        }
    }

    /// The one entity `named` means: of those whose name it is, else of those whose alias it is.
    private func find(_ named: Named) async throws -> (id: Int64, name: EntityName) {
        let candidates = try await store.entities.candidates(named: named.name, kind: named.kind?.rawValue)
        let key = EntityName.key(named.name)
        let byName = candidates.filter { $0.name.lowercased() == key }
        let chosen = byName.isEmpty ? candidates : byName
        guard let first = chosen.first else { throw DossierAPI.EntityNotFound(entity: named.name) }
        guard chosen.count == 1 else {
            throw DossierAPI.AmbiguousEntity(
                entity: named.name, candidates: chosen.map { .init(name: $0.name, kind: $0.kind) })
        }
        return (first.id, EntityName(name: first.name, kind: Entity.Kind(rawValue: first.kind) ?? .other))
    }
}

/// Runs bodies one at a time, in the order they were handed in.
final class Turns: Sendable {
    private let last = Mutex<Task<Void, Never>?>(nil)

    func take<Result: Sendable>(_ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        let task = last.withLock { last in
            let previous = last
            let task = Task<Result, any Error> {
                await previous?.value
                return try await body()
            }
            last = Task { _ = try? await task.value }
            return task
        }
        return try await task.value
    }
}
