import ArgumentParser
import Varlink

struct EntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities", abstract: "List people, organisations and places, most mentioned first.")

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "person, organisation, place or other.") var kind: String?
    @Option(help: "Only those named in this document.") var path: String?
    @Option(help: "How many to list.") var limit = 50

    func run() throws {
        var parameters: [String: JSONValue] = ["limit": JSONValue(limit)]
        if let kind { parameters["kind"] = .string(kind) }
        if let path { parameters["path"] = .string(path) }
        let reply = try connection.call("Entities", parameters)
        if connection.printJSONIfAsked(reply) { return }
        for entity in reply["entities"]?.arrayValue ?? [] {
            print(EntityLine.describe(entity))
        }
    }
}

struct RelatedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "related", abstract: "Show what is named together with an entity, with the sentences that say so.")

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "How many to list.") var limit = 20
    @Argument(help: "The entity's name or alias.") var entity: [String]

    func run() throws {
        let reply = try connection.call(
            "Related", ["entity": .string(entity.joined(separator: " ")), "limit": JSONValue(limit)])
        if connection.printJSONIfAsked(reply) { return }
        if let subject = reply["entity"] { print(EntityLine.describe(subject)) }
        for relation in reply["related"]?.arrayValue ?? [] {
            let weight = relation["weight"]?.intValue ?? 0
            print("  \(weight)× \(EntityLine.describe(relation["entity"] ?? [:]))")
            for evidence in relation["evidence"]?.arrayValue ?? [] {
                let sentence = evidence["sentence"]?.stringValue ?? ""
                print(
                    Terminal.dim(
                        Terminal.wrap("\(sentence) (\(evidence["path"]?.stringValue ?? ""))", indent: "      ")))
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
        var parameters: [String: JSONValue] = ["limit": JSONValue(limit)]
        if let speaker { parameters["speaker"] = .string(speaker) }
        let reply = try connection.call("Quotes", parameters)
        if connection.printJSONIfAsked(reply) { return }
        let quotes = reply["quotes"]?.arrayValue ?? []
        if quotes.isEmpty { print("No quotations found.") }
        for quote in quotes {
            print(Terminal.wrap("“\(quote["text"]?.stringValue ?? "")”"))
            let speaker = quote["speaker"]?.stringValue ?? "unattributed"
            print(Terminal.dim("  — \(speaker), \(quote["path"]?.stringValue ?? "")"))
        }
    }
}

enum EntityLine {
    static func describe(_ entity: JSONValue) -> String {
        let name = Terminal.bold(entity["name"]?.stringValue ?? "?")
        let kind = entity["kind"]?.stringValue ?? "?"
        let mentions = entity["mentions"]?.intValue ?? 0
        let aliases = entity["aliases"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let titles = entity["titles"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let also =
            (aliases.isEmpty ? "" : ", also " + aliases.joined(separator: ", "))
            + (titles.isEmpty ? "" : "; " + titles.joined(separator: ", "))
        return "\(name) \(Terminal.dim("(\(kind), \(mentions) mention\(mentions == 1 ? "" : "s")\(also))"))"
    }
}
