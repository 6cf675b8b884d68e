import Varlink

extension DossierAPI {
    /// No document at that path.
    public struct DocumentNotFound: DossierError, Equatable {
        public var path: String
        public init(path: String) { self.path = path }
    }

    /// No entity by that name or alias.
    public struct EntityNotFound: DossierError, Equatable {
        public var entity: String
        public init(entity: String) { self.entity = entity }
    }

    /// The path is outside the watched folder or malformed.
    public struct InvalidPath: DossierError, Equatable {
        public var path: String
        public var reason: String
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// The query or question cannot be read; `column` (from 1) says where.
    public struct InvalidQuery: DossierError, Equatable {
        public var query: String
        public var reason: String
        public var column: Int
        public init(query: String, reason: String, column: Int) {
            self.query = query
            self.reason = reason
            self.column = column
        }
    }

    /// Subscribe's `since` is older than the change log keeps.
    public struct GenerationTooOld: DossierError, Equatable {
        public var since: Int
        public var oldest: Int
        public init(since: Int, oldest: Int) {
            self.since = since
            self.oldest = oldest
        }
    }

    /// Subscribe's `since` is newer than the cache (it was rebuilt).
    public struct GenerationUnknown: DossierError, Equatable {
        public var since: Int
        public var current: Int
        public init(since: Int, current: Int) {
            self.since = since
            self.current = current
        }
    }

    /// The subscriber fell too far behind and was cut off.
    public struct SubscriptionOverflow: DossierError, Equatable {
        public var generation: Int
        public init(generation: Int) { self.generation = generation }
    }

    /// A query ran past the daemon's time bound and was cut off.
    public struct QueryTimedOut: DossierError, Equatable {
        public var seconds: Double
        public init(seconds: Double) { self.seconds = seconds }
    }

    /// Something failed inside the daemon; its journal says what. The Varlink layer sends it
    /// for any error a handler did not declare.
    public struct InternalError: DossierError, Equatable {
        public var description: String
        public init(description: String) { self.description = description }
    }
}
