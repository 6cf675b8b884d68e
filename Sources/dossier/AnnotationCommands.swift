import ArgumentParser
import DossierProtocol

struct EntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities", abstract: "List people, organisations and places, and correct them.",
        discussion: """
            A correction names an entity by its name or any alias, in any case; --kind says which when
            two share a name. Corrections are kept apart from the cache and apply to every document,
            those that come later too.
              dossier entities merge "U.S." "United States"
              dossier entities rename "ISIS-K" "Islamic State Khorasan"
              dossier entities kind Police organisation
              dossier entities hide Monday
              dossier entities split "Michael Jordan" --alias Jordan --kind place
              dossier entities corrections
              dossier entities undo 3
            """,
        subcommands: [
            EntityListCommand.self, MergeCommand.self, RenameCommand.self, KindCommand.self, HideCommand.self,
            SplitCommand.self, CorrectionsCommand.self, UndoCommand.self,
        ],
        defaultSubcommand: EntityListCommand.self)
}

struct EntityListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List people, organisations and places, most mentioned first.")

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "person, organisation, place or other.") var kind: String?
    @Option(help: "Only those named in this document.") var path: String?
    @Option(help: "How many to list.") var limit = 50

    func run() throws {
        let response = try connection.call(DossierAPI.Entities.self, .init(kind: kind, path: path, limit: limit))
        if connection.printJSONIfAsked(response) { return }
        for entity in response.reply.entities {
            print(EntityLine.describe(entity))
        }
    }
}

struct RelatedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "related", abstract: "Show what is named together with an entity, with the sentences that say so.",
        discussion: """
            With --with, only that other name, and up to --limit of the sentences that name both:
              dossier related Taliban --with ISIS-K --limit 100
            """)

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "How many to list (with --with, how many sentences).") var limit = 20
    @Option(name: .customLong("with"), help: "Only this other name (a name or an alias), with its sentences.")
    var other: String?
    @Argument(help: "The entity's name or alias.") var entity: [String]

    func run() throws {
        let response = try connection.call(
            DossierAPI.Related.self, .init(entity: entity.joined(separator: " "), limit: limit, with: other))
        if connection.printJSONIfAsked(response) { return }
        print(EntityLine.describe(response.reply.entity))
        for relation in response.reply.related {
            print("  \(relation.weight)× \(EntityLine.describe(relation.entity))")
            for evidence in relation.evidence {
                print(Terminal.dim(Terminal.wrap("\(evidence.sentence) (\(evidence.path))", indent: "      ")))
            }
            let left = relation.weight - relation.evidence.count
            if other != nil, left > 0 {
                print(Terminal.dim("      and \(left) more sentence\(left == 1 ? "" : "s") (--limit)"))
            }
        }
    }
}

struct QuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes", abstract: "List direct quotations and who said them.")

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "Only this speaker's (a name or an alias).") var speaker: String?
    @Option(help: "How many to list.") var limit = 50

    func run() throws {
        let response = try connection.call(DossierAPI.Quotes.self, .init(speaker: speaker, limit: limit))
        if connection.printJSONIfAsked(response) { return }
        let quotes = response.reply.quotes
        if quotes.isEmpty { print("No quotations found.") }
        for quote in quotes {
            print(Terminal.wrap("“\(quote.text)”"))
            print(Terminal.dim("  — \(quote.speaker ?? "unattributed"), \(quote.path)"))
        }
    }
}

enum EntityLine {
    static func describe(_ entity: DossierAPI.Entity) -> String {
        let mentions = entity.mentions
        let also =
            (entity.aliases.isEmpty ? "" : ", also " + entity.aliases.joined(separator: ", "))
            + (entity.titles.isEmpty ? "" : "; " + entity.titles.joined(separator: ", "))
        return
            "\(Terminal.bold(entity.name)) \(Terminal.dim("(\(entity.kind), \(mentions) mention\(mentions == 1 ? "" : "s")\(also))"))"
    }
}
