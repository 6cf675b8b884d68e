import DossierProtocol

/// A correction asked for by a form: what it is, the question that confirms it, and the call
/// that makes it. A GET only asks; only the confirming POST (with the form token) changes.
struct CorrectionRequest: Equatable {
    enum Action: String {
        case rename, merge, kind, hide, split, undo
    }

    var action: Action
    var entity: String
    var kind: String?
    var to: String
    var number: Int

    /// Reads a form; nil with the reason when it is not a correction.
    static func read(_ form: FormData) -> Result<CorrectionRequest, PageError> {
        func refuse(_ reason: String) -> Result<CorrectionRequest, PageError> {
            .failure(PageError(title: "Not a correction", message: reason, status: 400))
        }
        guard let name = form["action"], let action = Action(rawValue: name) else {
            return refuse("Say what to do: rename, merge, kind, hide, split or undo.")
        }
        if action == .undo {
            guard let number = form.integer("number", in: 1...Int(Int32.max)) else {
                return refuse("Say which correction to undo.")
            }
            return .success(CorrectionRequest(action: .undo, entity: "", kind: nil, to: "", number: number))
        }
        guard let entity = form["entity"] else { return refuse("Say which name to correct.") }
        let kind = form["kind"].flatMap { EntityKind(rawValue: $0)?.rawValue }
        let to = form["to"] ?? ""
        if action != .hide && to.isEmpty {
            return refuse(action == .kind ? "Choose the kind." : "Say the name.")
        }
        if action == .kind && EntityKind(rawValue: to) == nil {
            return refuse("A kind is person, organisation, place or other.")
        }
        return .success(CorrectionRequest(action: action, entity: entity, kind: kind, to: to, number: 0))
    }

    /// The question the confirming page asks.
    var question: String {
        switch action {
        case .rename: "Rename “\(entity)” to “\(to)”, in every document?"
        case .merge: "Merge “\(entity)” into “\(to)”: one name, “\(to)”, with “\(entity)” as an alias?"
        case .kind: "Make “\(entity)” a name of the kind \(to)?"
        case .hide: "Hide “\(entity)”: it is not a name, and no page will list it?"
        case .split: "Split “\(to)” off “\(entity)”: where it is written “\(to)”, it is a name of its own?"
        case .undo: "Undo correction \(number)?"
        }
    }

    var button: String {
        switch action {
        case .rename: "Rename"
        case .merge: "Merge"
        case .kind: "Set the kind"
        case .hide: "Hide"
        case .split: "Split"
        case .undo: "Undo"
        }
    }

    /// The form's hidden fields.
    var fields: [(name: String, value: String)] {
        if action == .undo { return [("action", "undo"), ("number", String(number))] }
        return [("action", action.rawValue), ("entity", entity), ("kind", kind ?? ""), ("to", to)]
    }

    /// Where to go back to without a change, and where to go once it is made.
    var back: String { action == .undo ? "/corrections" : Links.entity(entity) }

    var destination: String {
        switch action {
        case .rename, .merge, .split: Links.entity(to)
        case .kind: Links.entity(entity)
        case .hide, .undo: action == .hide ? "/entities" : "/corrections"
        }
    }
}

extension Pages {
    struct FormField {
        var name: String
        var value: String
    }

    /// The page that asks to confirm a correction.
    func confirm(_ form: FormData) async -> PageResponse {
        struct View {
            var frame: Frame
            var question: String
            var formToken: String
            var fields: [FormField]
            var button: String
            var back: String
        }
        switch CorrectionRequest.read(form) {
        case .failure(let error): return message(error.title, error.message, status: error.status)
        case .success(let request):
            let view = View(
                frame: Frame(title: "Confirm", heading: request.button + "?", section: nil), question: request.question,
                formToken: formToken, fields: request.fields.map { FormField(name: $0.name, value: $0.value) },
                button: request.button, back: request.back)
            return .page(templates.render(view, template: "confirm"))
        }
    }

    /// Makes a confirmed correction and goes to the page it changed.
    func correct(_ form: FormData) async -> PageResponse {
        let request: CorrectionRequest
        switch CorrectionRequest.read(form) {
        case .failure(let error): return message(error.title, error.message, status: error.status)
        case .success(let read): request = read
        }
        do {
            let (entity, kind, to) = (request.entity, request.kind, request.to)
            switch request.action {
            case .rename:
                _ = try await daemon.call(DossierAPI.RenameEntity.self, .init(entity: entity, kind: kind, name: to))
            case .merge:
                _ = try await daemon.call(DossierAPI.MergeEntities.self, .init(entity: entity, kind: kind, into: to))
            case .kind:
                _ = try await daemon.call(DossierAPI.SetEntityKind.self, .init(entity: entity, kind: kind, to: to))
            case .hide: _ = try await daemon.call(DossierAPI.HideEntity.self, .init(entity: entity, kind: kind))
            case .split:
                _ = try await daemon.call(DossierAPI.SplitEntity.self, .init(entity: entity, kind: kind, alias: to))
            case .undo: _ = try await daemon.call(DossierAPI.UndoCorrection.self, .init(number: request.number))
            }
            return .redirect(to: request.destination)
        } catch let error as DaemonError {
            return problem(error)
        } catch {
            return failure(error, making: "correction")
        }
    }
}
