import ArgumentParser
import DossierProtocol

/// The entity a correction is about: a name or alias, and its kind when the name is not enough.
struct EntityChoice: ParsableArguments {
    @Option(help: "The entity's kind, when two share the name: person, organisation, place or other.")
    var kind: String?
}

/// Prints a correction made or undone.
enum CorrectionOutput {
    static func print(
        _ response: ConnectionOptions.Response<DossierAPI.CorrectionReply>, _ connection: ConnectionOptions,
        undone: Bool = false
    ) {
        if connection.printJSONIfAsked(response) { return }
        let correction = response.reply.correction
        Swift.print("\(undone ? "undone" : "kept as") \(correction.number): \(correction.summary)")
    }

    /// One line of the list: number, what, who and when.
    static func line(_ correction: DossierAPI.Correction) -> String {
        "\(Terminal.bold(String(correction.number)))  \(correction.summary)  "
            + Terminal.dim("\(correction.user), \(correction.at)")
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Say that two entities are one: the second's name and kind stand, the first's names become aliases.")

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "The first entity's kind, when two share its name.") var kind: String?
    @Option(name: .customLong("into-kind"), help: "The second entity's kind, when two share its name.") var intoKind:
        String?
    @Argument(help: "The entity merged.") var entity: String
    @Argument(help: "The entity it is merged into.") var into: String

    func run() throws {
        let response = try connection.call(
            DossierAPI.MergeEntities.self, .init(entity: entity, kind: kind, into: into, intoKind: intoKind))
        CorrectionOutput.print(response, connection)
    }
}

struct RenameCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename", abstract: "Change the name an entity is shown by; the old one stays an alias.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var choice: EntityChoice
    @Argument(help: "The entity.") var entity: String
    @Argument(help: "Its name.") var name: String

    func run() throws {
        let response = try connection.call(
            DossierAPI.RenameEntity.self, .init(entity: entity, kind: choice.kind, name: name))
        CorrectionOutput.print(response, connection)
    }
}

struct KindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kind", abstract: "Say what kind of entity it is: person, organisation, place or other.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var choice: EntityChoice
    @Argument(help: "The entity.") var entity: String
    @Argument(help: "person, organisation, place or other.") var newKind: String

    func run() throws {
        let response = try connection.call(
            DossierAPI.SetEntityKind.self, .init(entity: entity, kind: choice.kind, to: newKind))
        CorrectionOutput.print(response, connection)
    }
}

struct HideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hide",
        abstract: "Say that it is not a name at all: gone from entities, relations, filters and answers.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var choice: EntityChoice
    @Argument(help: "The entity.") var entity: String

    func run() throws {
        let response = try connection.call(DossierAPI.HideEntity.self, .init(entity: entity, kind: choice.kind))
        CorrectionOutput.print(response, connection)
    }
}

struct SplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Make an alias an entity of its own, where it is written (\"Jordan\" the country inside the player).")

    @OptionGroup var connection: ConnectionOptions
    @Option(name: .customLong("entity-kind"), help: "The entity's kind, when two share its name.") var entityKind:
        String?
    @Option(help: "The alias that is an entity of its own.") var alias: String
    @Option(help: "The new entity's kind (the entity's, if not given).") var kind: String?
    @Argument(help: "The entity.") var entity: String

    func run() throws {
        let response = try connection.call(
            DossierAPI.SplitEntity.self, .init(entity: entity, kind: entityKind, alias: alias, aliasKind: kind))
        CorrectionOutput.print(response, connection)
    }
}

struct CorrectionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corrections", abstract: "List the corrections to names in force, in the order made.")

    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let response = try connection.call(DossierAPI.ListCorrections.self, .init())
        if connection.printJSONIfAsked(response) { return }
        if let problem = response.reply.problem { Terminal.error(problem) }
        if response.reply.corrections.isEmpty { Terminal.note("no corrections (kept in \(response.reply.file))") }
        for correction in response.reply.corrections {
            print(CorrectionOutput.line(correction))
        }
    }
}

struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Take back a correction; those after it apply again, in order.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The correction's number (dossier entities corrections lists them).") var number: Int

    func run() throws {
        let response = try connection.call(DossierAPI.UndoCorrection.self, .init(number: number))
        CorrectionOutput.print(response, connection, undone: true)
    }
}
