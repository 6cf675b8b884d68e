import ArgumentParser
import DossierProtocol

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "List the sentences that state a date, in date order, grouped by month.",
        discussion: "Dates are as precise as the text: a year, a month, a day, or a span of years. A day of no "
            + "known year (\"August 26\" in a document with no date of its own) comes last. --from and --to take "
            + "YYYY, YYYY-MM or YYYY-MM-DD, and keep the dates that overlap the span.")

    @OptionGroup var connection: ConnectionOptions
    @Option(name: .customLong("entity"), help: "Only sentences that name this (repeat, up to 4: every one of them).")
    var entities: [String] = []
    @Option(help: "From this date (YYYY, YYYY-MM or YYYY-MM-DD).") var from: String?
    @Option(help: "Up to this date.") var to: String?
    @Option(help: "Only documents whose path holds this, or matches it as a glob.") var path: String?
    @Option(help: "day, month or year: how many statements in each period, for a chart.") var by: String?
    @Option(help: "How many statements to list.") var limit = 100
    @Argument(help: "Words the sentences must match, in the search language.") var query: [String] = []

    func run() throws {
        let response = try connection.call(
            DossierAPI.Timeline.self,
            .init(
                entities: entities.isEmpty ? nil : entities, from: from, to: to,
                query: try QueryTerms.query(query, path: path, queryName: "the query"), by: by, limit: limit))
        if connection.printJSONIfAsked(response) { return }
        if let periods = response.reply.periods {
            let widest = periods.map(\.statements).max() ?? 0
            for period in periods {
                let bar = String(repeating: "▇", count: max(1, period.statements * 40 / max(widest, 1)))
                print("\(period.period.padding(toLength: 10, withPad: " ", startingAt: 0)) \(bar) \(period.statements)")
            }
            if periods.isEmpty { print("No dated statements found.") }
            return
        }
        let statements = response.reply.statements
        if statements.isEmpty { print("No dated statements found.") }
        var group: String?
        for statement in statements {
            let period = Self.period(of: statement.date)
            if period != group {
                print(Terminal.bold(period))
                group = period
            }
            let names = statement.names.isEmpty ? "" : "; " + statement.names.joined(separator: ", ")
            // The date in a column of its own, the sentence wrapped beside it.
            let indent = String(repeating: " ", count: 14)
            let sentence = Terminal.wrap(statement.sentence, indent: indent)
            print("  " + statement.date.padding(toLength: 12, withPad: " ", startingAt: 0) + sentence.dropFirst(14))
            print(Terminal.dim(indent + statement.path + names))
        }
    }

    /// The heading a statement is listed under: its year and month, its year, or "no year".
    static func period(of date: String) -> String {
        if date.hasPrefix("--") { return "no year" }
        if date.contains("/") { return String(date.prefix(4)) }
        return String(date.prefix(7))
    }
}
