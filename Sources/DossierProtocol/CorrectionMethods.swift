import Varlink

extension DossierAPI {
    /// An entity as a correction names it.
    public struct EntityReference: Codable, Sendable, Equatable {
        public var name: String
        public var kind: String
        public init(name: String, kind: String) {
            self.name = name
            self.kind = kind
        }
    }

    /// A correction to names, as kept: what it says, who made it and when.
    public struct Correction: Codable, Sendable, Equatable {
        public var number: Int
        /// merge, rename, kind, hide or split.
        public var action: String
        public var entity: EntityReference
        /// merge: the entity it was merged into.
        public var into: EntityReference?
        /// rename: the new name.
        public var name: String?
        /// kind: the new kind; split: the kind of the new entity.
        public var kind: String?
        /// split: the alias that became an entity of its own.
        public var alias: String?
        /// What it does, in words.
        public var summary: String
        public var user: String
        /// ISO 8601, UTC.
        public var at: String

        public init(
            number: Int, action: String, entity: EntityReference, into: EntityReference? = nil, name: String? = nil,
            kind: String? = nil, alias: String? = nil, summary: String, user: String, at: String
        ) {
            self.number = number
            self.action = action
            self.entity = entity
            self.into = into
            self.name = name
            self.kind = kind
            self.alias = alias
            self.summary = summary
            self.user = user
            self.at = at
        }
    }

    /// What a correction's reply holds: the correction as kept, and the generation of the change
    /// it made (a client waiting for it in the change feed knows when it is seen).
    public struct CorrectionReply: Codable, Sendable, Equatable {
        public var correction: Correction
        public var generation: Int
        public init(correction: Correction, generation: Int) {
            self.correction = correction
            self.generation = generation
        }
    }

    /// `entity` and `into` are one entity: `into`'s name and kind stand, `entity`'s names become aliases.
    public enum MergeEntities: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var entity: String
            public var kind: String?
            public var into: String
            public var intoKind: String?

            public init(entity: String, kind: String? = nil, into: String, intoKind: String? = nil) {
                self.entity = entity
                self.kind = kind
                self.into = into
                self.intoKind = intoKind
            }

            public func validate() throws(VarlinkError) {
                try RequestLimits.checkCorrectionName(entity, CodingKeys.entity)
                try RequestLimits.checkKind(kind, CodingKeys.kind)
                try RequestLimits.checkCorrectionName(into, CodingKeys.into)
                try RequestLimits.checkKind(intoKind, CodingKeys.intoKind)
            }
        }

        public typealias Reply = CorrectionReply
    }

    /// The entity's name shown is `name`; the old one stays an alias.
    public enum RenameEntity: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var entity: String
            public var kind: String?
            public var name: String

            public init(entity: String, kind: String? = nil, name: String) {
                self.entity = entity
                self.kind = kind
                self.name = name
            }

            public func validate() throws(VarlinkError) {
                try RequestLimits.checkCorrectionName(entity, CodingKeys.entity)
                try RequestLimits.checkKind(kind, CodingKeys.kind)
                try RequestLimits.checkCorrectionName(name, CodingKeys.name)
            }
        }

        public typealias Reply = CorrectionReply
    }

    /// The entity is of kind `to`.
    public enum SetEntityKind: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var entity: String
            public var kind: String?
            public var to: String

            public init(entity: String, kind: String? = nil, to: String) {
                self.entity = entity
                self.kind = kind
                self.to = to
            }

            public func validate() throws(VarlinkError) {
                try RequestLimits.checkCorrectionName(entity, CodingKeys.entity)
                try RequestLimits.checkKind(kind, CodingKeys.kind)
                try RequestLimits.checkKind(to, CodingKeys.to)
            }
        }

        public typealias Reply = CorrectionReply
    }

    /// The entity is not a name at all.
    public enum HideEntity: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var entity: String
            public var kind: String?

            public init(entity: String, kind: String? = nil) {
                self.entity = entity
                self.kind = kind
            }

            public func validate() throws(VarlinkError) {
                try RequestLimits.checkCorrectionName(entity, CodingKeys.entity)
                try RequestLimits.checkKind(kind, CodingKeys.kind)
            }
        }

        public typealias Reply = CorrectionReply
    }

    /// Where the entity is written as `alias`, that is an entity of its own (of `aliasKind`, or
    /// the entity's kind).
    public enum SplitEntity: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var entity: String
            public var kind: String?
            public var alias: String
            public var aliasKind: String?

            public init(entity: String, kind: String? = nil, alias: String, aliasKind: String? = nil) {
                self.entity = entity
                self.kind = kind
                self.alias = alias
                self.aliasKind = aliasKind
            }

            public func validate() throws(VarlinkError) {
                try RequestLimits.checkCorrectionName(entity, CodingKeys.entity)
                try RequestLimits.checkKind(kind, CodingKeys.kind)
                try RequestLimits.checkCorrectionName(alias, CodingKeys.alias)
                try RequestLimits.checkKind(aliasKind, CodingKeys.aliasKind)
            }
        }

        public typealias Reply = CorrectionReply
    }

    /// Every correction in force, in the order made.
    public enum ListCorrections: DossierMethod {
        public typealias Parameters = VarlinkEmpty

        public struct Reply: Codable, Sendable, Equatable {
            public var corrections: [Correction]
            /// Where they are kept.
            public var file: String
            /// Why the file could not be read at start (it was set aside, and the daemon serves
            /// without the corrections in it); null when it could.
            public var problem: String?

            public init(corrections: [Correction], file: String, problem: String? = nil) {
                self.corrections = corrections
                self.file = file
                self.problem = problem
            }
        }
    }

    /// Takes back one correction; those after it apply again, in order.
    public enum UndoCorrection: DossierMethod {
        public struct Parameters: VarlinkParameters {
            public var number: Int
            public init(number: Int) { self.number = number }

            public func validate() throws(VarlinkError) {
                try Self.check(number, in: 1...Int.max, CodingKeys.number)
            }
        }

        public typealias Reply = CorrectionReply
    }

    /// More than one entity goes by that name: the correction says which with its kind.
    public struct AmbiguousEntity: DossierError, Equatable {
        public var entity: String
        public var candidates: [EntityReference]
        public init(entity: String, candidates: [EntityReference]) {
            self.entity = entity
            self.candidates = candidates
        }
    }

    /// The correction cannot be made (an entity merged into itself, a name it already has…).
    public struct InvalidCorrection: DossierError, Equatable {
        public var reason: String
        public init(reason: String) { self.reason = reason }
    }

    /// No correction has that number.
    public struct CorrectionNotFound: DossierError, Equatable {
        public var number: Int
        public init(number: Int) { self.number = number }
    }
}

extension RequestLimits {
    /// A name in a correction: not empty, and no longer than a name may be.
    static func checkCorrectionName(_ value: String, _ key: some CodingKey) throws(VarlinkError) {
        try checkName(value, key)
        if value.allSatisfy(\.isWhitespace) { throw refusal(key.stringValue, "empty") }
    }

    /// An entity kind: person, organisation, place or other.
    static func checkKind(_ value: String?, _ key: some CodingKey) throws(VarlinkError) {
        guard let value, EntityKind(rawValue: value) == nil else { return }
        throw refusal(key.stringValue, "person, organisation, place or other")
    }
}
