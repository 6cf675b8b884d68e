import Foundation
import Ingest

/// What a person said about a name.
public enum CorrectionAction: Sendable, Equatable {
    /// `entity` and `into` are one entity: `into`'s name and kind stand, `entity`'s names become aliases.
    case merge(EntityName, into: EntityName)
    /// The name shown is `name`; the old one stays an alias.
    case rename(EntityName, to: String)
    /// The entity is of kind `to`.
    case retype(EntityName, to: Entity.Kind)
    /// It is not a name at all.
    case hide(EntityName)
    /// Where it is written as `alias`, it is an entity of its own, of kind `kind`.
    case split(EntityName, alias: String, kind: Entity.Kind)

    /// The entity the correction is about.
    public var entity: EntityName {
        switch self {
        case .merge(let entity, _), .rename(let entity, _), .retype(let entity, _), .hide(let entity),
            .split(let entity, _, _):
            entity
        }
    }

    /// The action's name, as the file and the protocol write it.
    public var name: String {
        switch self {
        case .merge: "merge"
        case .rename: "rename"
        case .retype: "kind"
        case .hide: "hide"
        case .split: "split"
        }
    }

    /// Why the action cannot be taken whatever the cache holds, or nil.
    public var problem: String? {
        switch self {
        case .merge(let entity, let into):
            if entity == into { return "\(entity) cannot be merged into itself" }
            return NameRule.problem(with: into.name)
        case .rename(let entity, let name):
            if let problem = NameRule.problem(with: name) { return problem }
            if name == entity.name { return "\(entity) is already called that" }
        case .retype(let entity, let kind):
            if kind == entity.kind { return "\(entity) is already of that kind" }
        case .hide:
            return nil
        case .split(let entity, let alias, _):
            if let problem = NameRule.problem(with: alias) { return problem }
            if EntityName.key(alias) == entity.key { return "\"\(alias)\" is the name of \(entity) itself" }
        }
        return NameRule.problem(with: entity.name)
    }

    /// One line that says what the action does.
    public var summary: String {
        switch self {
        case .merge(let entity, let into): "merge \(entity) into \(into)"
        case .rename(let entity, let name): "rename \(entity) to \"\(name)\""
        case .retype(let entity, let kind): "set the kind of \(entity) to \(kind.rawValue)"
        case .hide(let entity): "hide \(entity)"
        case .split(let entity, let alias, let kind): "split \"\(alias)\" (\(kind.rawValue)) from \(entity)"
        }
    }
}

/// A correction as kept: its number (never reused), the action, who made it and when.
public struct Correction: Sendable, Equatable {
    public var number: Int
    public var action: CorrectionAction
    /// The user who made it, by name (or uid when the name is unknown).
    public var user: String
    public var at: Date

    public init(number: Int, action: CorrectionAction, user: String, at: Date) {
        self.number = number
        self.action = action
        self.user = user
        self.at = at
    }
}
