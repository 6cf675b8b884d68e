import Ingest

/// The corrections as rules that rewrite a name, in order: where a name ends up, and whether it
/// is shown at all.
///
/// A name found in a document starts as what the recogniser made of it (its origin); each
/// correction about the entity it is at that point moves it on (to the entity it was merged
/// into, renamed, retyped, split off) or hides it, and hidden is final. A split applies to
/// where the name is written as the alias; a name not written (a title, a pronoun) stays.
public struct NameRules: Sendable, Equatable {
    public private(set) var actions: [CorrectionAction] = []
    /// Where in `actions` each entity is the subject, in order: a name's way through them is
    /// found without reading every one.
    private var positions: [EntityName: [Int]] = [:]
    /// The first entity of a kind that a correction is about, by its name's key.
    private var typedSubjects: [String: EntityName] = [:]

    public init(_ actions: [CorrectionAction] = []) {
        for action in actions { append(action) }
    }

    /// Adds a correction after the others.
    public mutating func append(_ action: CorrectionAction) {
        positions[action.entity, default: []].append(actions.count)
        if action.entity.kind != .other, typedSubjects[action.entity.key] == nil {
            typedSubjects[action.entity.key] = action.entity
        }
        actions.append(action)
    }

    /// The entities some correction is about: a name that is none of them at first is never moved.
    public var subjects: Set<EntityName> { Set(positions.keys) }

    /// Whether some correction is about `name`.
    public func isAbout(_ name: EntityName) -> Bool { positions[name] != nil }

    /// The entity of a kind (person, organisation or place) called `name` that a correction is
    /// about, the one of the first such correction: what a name read without a kind stands for.
    public func typedSubject(named name: String) -> EntityName? {
        typedSubjects[EntityName.key(name)]
    }

    public var isEmpty: Bool { actions.isEmpty }

    /// Where a name ends up.
    public enum Resolution: Sendable, Equatable {
        case shown(EntityName)
        case hidden
    }

    /// What becomes of `origin` where it is written as `written` (nil: a title or a pronoun).
    public func resolve(_ origin: EntityName, written: String? = nil) -> Resolution {
        guard positions[origin] != nil else { return .shown(origin) }
        let writtenKey = written.map(EntityName.key)
        var current = origin
        var after = -1
        // The next correction about the entity the name is now, after the last one applied.
        while let next = positions[current]?.first(where: { $0 > after }) {
            after = next
            let action = actions[next]
            switch action {
            case .merge(_, let into):
                current = into
            case .rename(_, let name):
                current = EntityName(name: name, kind: current.kind)
            case .retype(_, let kind):
                current = EntityName(name: current.name, kind: kind)
            case .hide:
                return .hidden
            case .split(_, let alias, let kind):
                if writtenKey == EntityName.key(alias) { current = EntityName(name: alias, kind: kind) }
            }
        }
        return .shown(current)
    }
}
