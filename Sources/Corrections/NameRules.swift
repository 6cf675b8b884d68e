import Ingest

/// The corrections as rules that rewrite a name, in order: where a name ends up, and whether it
/// is shown at all.
///
/// A name found in a document starts as what the recogniser made of it (its origin); each
/// correction about the entity it is at that point moves it on (to the entity it was merged
/// into, renamed, retyped, split off) or hides it, and hidden is final. A split applies to
/// where the name is written as the alias; a name not written (a title, a pronoun) stays.
public struct NameRules: Sendable, Equatable {
    public let actions: [CorrectionAction]
    /// The entities some correction is about: a name that is none of them at first is never moved.
    public let subjects: Set<EntityName>

    public init(_ actions: [CorrectionAction] = []) {
        self.actions = actions
        subjects = Set(actions.map(\.entity))
    }

    public var isEmpty: Bool { actions.isEmpty }

    /// Where a name ends up.
    public enum Resolution: Sendable, Equatable {
        case shown(EntityName)
        case hidden
    }

    /// What becomes of `origin` where it is written as `written` (nil: a title or a pronoun).
    public func resolve(_ origin: EntityName, written: String? = nil) -> Resolution {
        guard subjects.contains(origin) else { return .shown(origin) }
        let writtenKey = written.map(EntityName.key)
        var current = origin
        for action in actions where action.entity == current {
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
