import Varlink

/// The `io.dossier` interface, as types shared by the daemon and its clients: each method's
/// parameters and reply, the records they hold, and the errors. The member names are the
/// types' names; the field names are their properties'.
public enum DossierAPI {
    public static let interface = "io.dossier"

    /// Every method, in the order the description lists them.
    public static let methods: [any DossierMethod.Type] = [
        Status.self, ListDocuments.self, GetDocument.self, Search.self, Ask.self, Similar.self, Entities.self,
        Related.self, Network.self, Quotes.self, Timeline.self, Export.self, Reindex.self, Subscribe.self,
        MergeEntities.self,
        RenameEntity.self, SetEntityKind.self, HideEntity.self, SplitEntity.self, ListCorrections.self,
        UndoCorrection.self,
    ]

    /// Every error the interface declares.
    public static let errors: [any DossierError.Type] = [
        DocumentNotFound.self, EntityNotFound.self, InvalidPath.self, InvalidQuery.self, GenerationTooOld.self,
        GenerationUnknown.self, SubscriptionOverflow.self, QueryTimedOut.self, InternalError.self,
        AmbiguousEntity.self, InvalidCorrection.self, CorrectionNotFound.self,
    ]

    /// The typed error `error` stands for, when it is one of this interface's.
    public static func typedError(_ error: VarlinkError) -> (any DossierError)? {
        for type in errors {
            if let typed = type.init(error) { return typed }
        }
        return nil
    }
}

/// The version of dossier's programs.
public enum DossierVersion {
    public static let current = "0.1.0"
}

/// A method of `io.dossier`.
public protocol DossierMethod: VarlinkMethod {}

extension DossierMethod {
    public static var interface: String { DossierAPI.interface }
}

/// An error of `io.dossier`.
public protocol DossierError: VarlinkTypedError {}

extension DossierError {
    public static var interface: String { DossierAPI.interface }
}
