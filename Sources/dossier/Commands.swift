import ArgumentParser
import Foundation
import Varlink

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show what the daemon holds and is doing.")

    @OptionGroup var connection: ConnectionOptions
    @Flag(help: "Wait until the initial scan is done and nothing is pending (a progress bar on a terminal).")
    var wait = false

    func run() throws {
        var reply = try connection.call("Status")
        if wait { reply = try ProgressWaiter(connection: connection).wait(from: reply) }
        if connection.printJSONIfAsked(reply) { return }
        let status = reply["status"]?.objectValue ?? [:]
        func int(_ key: String) -> Int64 { status[key]?.intValue ?? 0 }
        let counters = status["counters"]?.objectValue ?? [:]
        func counter(_ key: String) -> Int64 { counters[key]?.intValue ?? 0 }
        print(
            "\(Terminal.bold("dossierd \(status["version"]?.stringValue ?? "?")")) watching \(status["root"]?.stringValue ?? "?")"
        )
        print("  documents    \(int("documents")) (\(int("words")) words)")
        let notIndexed = int("failed") + int("unsupported")
        if notIndexed > 0 {
            print(
                "  not indexed  \(notIndexed) (\(int("unsupported")) unsupported, \(int("failed")) failed; see 'dossier docs --failed')"
            )
        }
        let phase = status["phase"]?.stringValue ?? "?"
        let initial = status["initialScanComplete"]?.boolValue == true ? "" : ", initial scan running"
        print("  pending      \(int("pending")) (\(phase)\(initial))")
        print("  generation   \(int("generation"))")
        print(
            "  folders      \(int("watchedFolders")) watched"
                + (int("unwatchedFolders") > 0 ? ", \(int("unwatchedFolders")) unwatched (inotify limit)" : ""))
        if status["rootMissing"]?.boolValue == true {
            print("  \(Terminal.bold("the watched folder is missing")); answering from the cache until it is back")
        }
        if let error = status["cacheError"]?.stringValue {
            print("  \(Terminal.bold("cache not written: \(error)")); answering from what it holds, retrying")
        }
        if int("subscribers") > 0 {
            print("  following    \(int("subscribers")) client\(int("subscribers") == 1 ? "" : "s") of the change feed")
        }
        if int("overflows") > 0 {
            print("  rescans      \(int("rescans")) after \(int("overflows")) lost-event reports")
        }
        print(
            "  since start  \(counter("scanned")) scanned, \(counter("read")) read, \(counter("processed")) processed, \(counter("failed")) failed"
        )
    }
}

struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "docs", abstract: "List the documents.")

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "How many to list.") var limit = 100
    @Option(help: "How many to skip.") var offset = 0
    @Flag(help: "Only the files that could not be indexed, with why.") var failed = false

    func run() throws {
        let reply = try connection.call(
            "ListDocuments", ["limit": JSONValue(limit), "offset": JSONValue(offset), "failed": .bool(failed)])
        if connection.printJSONIfAsked(reply) { return }
        let documents = reply["documents"]?.arrayValue ?? []
        for document in documents {
            let path = document["path"]?.stringValue ?? "?"
            if document["status"]?.stringValue != "indexed" {
                print(
                    "\(path)  \(Terminal.dim("[\(document["status"]?.stringValue ?? "?")] \(document["reason"]?.stringValue ?? "")"))"
                )
            } else {
                print(
                    "\(Terminal.bold(path))  \(document["title"]?.stringValue ?? "")  \(Terminal.dim("(\(document["words"]?.intValue ?? 0) words)"))"
                )
            }
        }
        let total = reply["total"]?.intValue ?? Int64(documents.count)
        if total > Int64(offset + documents.count) {
            print(Terminal.dim("… \(total - Int64(offset + documents.count)) more (use --offset and --limit)"))
        }
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one document: title, structure and text.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The document's path, absolute or relative to the watched folder.") var path: String

    func run() throws {
        let reply = try connection.call("GetDocument", ["path": .string(path)])
        if connection.printJSONIfAsked(reply) { return }
        let document = reply["document"] ?? [:]
        print(Terminal.bold(document["title"]?.stringValue ?? ""))
        var facts = [document["path"]?.stringValue ?? path]
        if let category = document["category"]?.stringValue { facts.append("category \(category)") }
        if let published = document["published"]?.stringValue { facts.append("published \(published)") }
        if let format = document["format"]?.stringValue { facts.append(format) }
        let words = document["words"]?.intValue ?? 0
        if let pageWords = document["pageWords"]?.intValue {
            facts.append("\(words) of the page's \(pageWords) words kept as the article")
        } else {
            facts.append("\(words) words")
        }
        print(Terminal.dim(facts.joined(separator: " · ")))
        let page = [
            document["siteName"]?.stringValue.map { "site \($0)" }, document["byline"]?.stringValue.map { "by \($0)" },
        ].compactMap { $0 }
        if !page.isEmpty { print(Terminal.dim(page.joined(separator: " · "))) }
        if let reason = document["reason"]?.stringValue { print("\(document["status"]?.stringValue ?? ""): \(reason)") }
        for warning in document["warnings"]?.arrayValue ?? [] {
            print(Terminal.dim("warning: \(warning.stringValue ?? "")"))
        }
        if let language = document["language"]?.stringValue {
            let foreign = (document["foreignSpans"]?.arrayValue ?? []).compactMap { span -> String? in
                guard let text = span["text"]?.stringValue, let language = span["language"]?.stringValue else {
                    return nil
                }
                return "“\(text)” (\(language))"
            }
            print(
                Terminal.dim(
                    "language \(language)" + (foreign.isEmpty ? "" : "; also " + foreign.joined(separator: ", "))))
        }
        let names = (document["entities"]?.arrayValue ?? []).compactMap { entity -> String? in
            guard let name = entity["name"]?.stringValue, let kind = entity["kind"]?.stringValue else { return nil }
            return "\(name) (\(kind))"
        }
        if !names.isEmpty { print(Terminal.dim(Terminal.wrap("names: " + names.joined(separator: ", ")))) }
        let dates = (document["dates"]?.arrayValue ?? []).compactMap(Self.describe)
        if !dates.isEmpty { print(Terminal.dim("dates: " + dates.joined(separator: ", "))) }
        let numbers = (document["numbers"]?.arrayValue ?? []).compactMap { $0["text"]?.stringValue }
        if !numbers.isEmpty { print(Terminal.dim(Terminal.wrap("numbers: " + numbers.joined(separator: ", ")))) }
        for section in document["sections"]?.arrayValue ?? [] {
            print()
            if let heading = section["heading"]?.stringValue { print(Terminal.bold("## \(heading)")); print() }
            let paragraphs = section["paragraphs"]?.arrayValue?.compactMap(\.stringValue) ?? []
            print(paragraphs.map { Terminal.wrap($0) }.joined(separator: "\n\n"))
        }
    }

    /// "August 26 (2021-08-26)" when the text left the year to the document's date; the text alone otherwise.
    static func describe(_ date: JSONValue) -> String? {
        guard let text = date["text"]?.stringValue else { return nil }
        guard date["resolved"]?.boolValue == true, let year = date["startYear"]?.intValue else { return text }
        var resolved = String(year)
        for part in [date["month"]?.intValue, date["day"]?.intValue] {
            guard let part else { break }
            resolved += part < 10 ? "-0\(part)" : "-\(part)"
        }
        return "\(text) (\(resolved))"
    }
}

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Find documents: words, \"phrases\", prefix*, OR, NOT, -word, fields.",
        discussion: """
            Words must all match (stemmed: "attacks" finds "attack"; accents are ignored).
              "exact phrase"         words next to each other
              recruit*               words that start with recruit
              taliban OR haqqani     either word (AND is the default; capitals for operators)
              taliban -isis          leave out documents with a word (also: NOT isis)
              (a OR b) c             grouping
              title:kabul            a word in the title
              entity:"Haqqani network"   documents that name an entity (any alias)
              path:notes/            paths that contain the text, or match a glob: path:'*.md'
              lang:en                documents in a language
            """)

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "How many hits to show.") var limit = 10
    @Option(help: "How many hits to skip.") var offset = 0
    @Argument(help: "The words to look for.") var query: [String]

    func run() throws {
        let reply = try connection.call(
            "Search",
            ["query": .string(query.joined(separator: " ")), "limit": JSONValue(limit), "offset": JSONValue(offset)])
        if connection.printJSONIfAsked(reply) { return }
        let hits = reply["hits"]?.arrayValue ?? []
        let total = reply["total"]?.intValue ?? 0
        if hits.isEmpty {
            print("No document contains all of: \(query.joined(separator: " "))")
            return
        }
        for (index, hit) in hits.enumerated() {
            print(
                "\(offset + index + 1). \(Terminal.bold(hit["title"]?.stringValue ?? ""))  \(Terminal.dim(hit["path"]?.stringValue ?? ""))"
            )
            let snippet = (hit["snippet"]?.stringValue ?? "").replacing("\n", with: " ")
            let highlights = (hit["highlights"]?.arrayValue ?? []).compactMap { range -> Range<Int>? in
                guard let start = range["start"]?.intValue, let end = range["end"]?.intValue, start <= end else {
                    return nil
                }
                return Int(start)..<Int(end)
            }
            print(Terminal.wrap(Terminal.highlighted(snippet, ranges: highlights), indent: "   "))
        }
        print(Terminal.dim("\(total) document\(total == 1 ? "" : "s") found"))
    }
}

struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask", abstract: "Ask a question; get the passages that answer it, with their source.")

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "How many answers to show.") var limit = 1
    @Argument(help: "The question.") var question: [String]

    func run() throws {
        let reply = try connection.call(
            "Ask", ["question": .string(question.joined(separator: " ")), "limit": JSONValue(limit)])
        if connection.printJSONIfAsked(reply) { return }
        let answers = reply["answers"]?.arrayValue ?? []
        if answers.isEmpty {
            print("Nothing in the documents answers that.")
            throw ExitCode.notFound
        }
        for (index, answer) in answers.enumerated() {
            if index > 0 { print() }
            print(Terminal.wrap(answer["text"]?.stringValue ?? ""))
            var source = "  — \(answer["path"]?.stringValue ?? "")"
            if let heading = answer["heading"]?.stringValue { source += ", \"\(heading)\"" }
            source += " (score \(answer["score"]?.doubleValue.map { String(format: "%.2f", $0) } ?? "?"))"
            print(Terminal.dim(source))
        }
    }
}

struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar", abstract: "Find the documents most like one, with what they share.")

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "How many documents to show.") var limit = 10
    @Argument(help: "A document's path, absolute or relative to the watched folder.") var path: String

    func run() throws {
        let reply = try connection.call("Similar", ["path": .string(path), "limit": JSONValue(limit)])
        if connection.printJSONIfAsked(reply) { return }
        let similar = reply["similar"]?.arrayValue ?? []
        if similar.isEmpty {
            print("No document is like \(path).")
            return
        }
        for (index, document) in similar.enumerated() {
            let score = document["score"]?.doubleValue.map { String(format: "%.2f", $0) } ?? "?"
            print(
                "\(index + 1). \(Terminal.bold(document["title"]?.stringValue ?? ""))  \(Terminal.dim(document["path"]?.stringValue ?? ""))  \(Terminal.dim("(score \(score))"))"
            )
            var shared: [String] = []
            let terms = (document["terms"]?.arrayValue ?? []).compactMap(\.stringValue)
            if !terms.isEmpty { shared.append("words: " + terms.joined(separator: ", ")) }
            let entities = (document["entities"]?.arrayValue ?? []).compactMap(\.stringValue)
            if !entities.isEmpty { shared.append("names: " + entities.joined(separator: ", ")) }
            if !shared.isEmpty { print(Terminal.dim(Terminal.wrap(shared.joined(separator: "; "), indent: "   "))) }
        }
    }
}

struct ReindexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex", abstract: "Process a document, or all of them, again.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "A document's path; all documents when left out.") var path: String?

    func run() throws {
        let reply = try connection.call("Reindex", path.map { ["path": .string($0)] } ?? [:])
        if connection.printJSONIfAsked(reply) { return }
        print(path.map { "\($0) queued for processing" } ?? "all documents queued for processing")
    }
}

struct FollowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow",
        abstract: "Print changes to the documents as they happen, until interrupted.",
        discussion: "With --json, one JSON object per line: the first has the current generation, then one per change.")

    @OptionGroup var connection: ConnectionOptions
    @Option(help: "Start after this generation: changes since then are printed first.") var since: Int?

    func run() throws {
        let client = try connection.connect(timeout: nil)
        var parameters: [String: JSONValue] = [:]
        if let since { parameters["since"] = JSONValue(since) }
        do {
            try client.stream("io.dossier.Subscribe", parameters) { reply in
                let parameters = try connection.check(reply)
                if connection.json {
                    print(JSONWriter.string(.object(parameters)))
                } else if let change = parameters["change"] {
                    let generation = Terminal.dim(String(parameters["generation"]?.intValue ?? 0))
                    let kind = Terminal.bold(change["kind"]?.stringValue ?? "?")
                    let previous = change["previousPath"]?.stringValue.map { " (from \($0))" } ?? ""
                    print("\(generation) \(kind) \(change["path"]?.stringValue ?? "?")\(previous)")
                } else {
                    let generation = parameters["generation"]?.intValue ?? 0
                    Terminal.note("following changes after generation \(generation); Ctrl-C stops")
                }
                fflush(nil)
                return true
            }
        } catch let failure as VarlinkClient.Failure {
            Terminal.error("the stream ended: \(failure)")
            throw ExitCode.unreachable
        }
    }
}

/// Polls Status until the initial scan is done and nothing is pending, drawing progress on a terminal.
struct ProgressWaiter {
    let connection: ConnectionOptions

    func wait(from first: [String: JSONValue]) throws -> [String: JSONValue] {
        let client = try connection.connect()
        var reply = first
        let started = ContinuousClock.now
        let startProcessed = first["status"]?["counters"]?["processed"]?.intValue ?? 0
        var drew = false
        while true {
            let status = reply["status"]?.objectValue ?? [:]
            let pending = status["pending"]?.intValue ?? 0
            if status["initialScanComplete"]?.boolValue == true && pending == 0 { break }
            if Terminal.stderrIsTerminal {
                let processed = status["counters"]?["processed"]?.intValue ?? 0
                let (seconds, attoseconds) = (ContinuousClock.now - started).components
                let elapsed = max(0.001, Double(seconds) + Double(attoseconds) / 1e18)
                let rate = Double(processed - startProcessed) / elapsed
                Terminal.progress(done: Int(processed), total: Int(processed + pending), rate: rate)
                drew = true
            }
            Thread.sleep(forTimeInterval: 0.2)
            reply = try connection.call("Status", on: client)
        }
        if drew { Terminal.clearProgress() }
        return reply
    }
}
