import ArgumentParser
import DossierProtocol
import Foundation
import Varlink

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show what the daemon holds and is doing.")

    @OptionGroup var connection: ConnectionOptions
    @Flag(help: "Wait until the initial scan is done and nothing is pending (a progress bar on a terminal).")
    var wait = false

    func run() throws {
        var response = try connection.call(DossierAPI.Status.self, .init())
        if wait { response = try ProgressWaiter(connection: connection).wait(from: response) }
        if connection.printJSONIfAsked(response) { return }
        let status = response.reply.status
        print("\(Terminal.bold("dossierd \(status.version)")) watching \(status.root)")
        print("  documents    \(status.documents) (\(status.words) words)")
        let notIndexed = status.failed + status.unsupported
        if notIndexed > 0 {
            print(
                "  not indexed  \(notIndexed) (\(status.unsupported) unsupported, \(status.failed) failed; see 'dossier docs --failed')"
            )
        }
        let initial = status.initialScanComplete ? "" : ", initial scan running"
        print("  pending      \(status.pending) (\(status.phase)\(initial))")
        print("  generation   \(status.generation)")
        print(
            "  folders      \(status.watchedFolders) watched"
                + (status.unwatchedFolders > 0 ? ", \(status.unwatchedFolders) unwatched (inotify limit)" : ""))
        if status.rootMissing {
            print("  \(Terminal.bold("the watched folder is missing")); answering from the cache until it is back")
        }
        if let error = status.cacheError {
            print("  \(Terminal.bold("cache not written: \(error)")); answering from what it holds, retrying")
        }
        if status.subscribers > 0 {
            print("  following    \(status.subscribers) client\(status.subscribers == 1 ? "" : "s") of the change feed")
        }
        if status.overflows > 0 {
            print("  rescans      \(status.rescans) after \(status.overflows) lost-event reports")
        }
        if status.missedChanges > 0 {
            print("  missed       \(status.missedChanges) changes no event reported, found by the periodic check")
        }
        if status.corrections > 0 {
            print("  corrections  \(status.corrections) to names (dossier entities corrections)")
        }
        if let problem = status.correctionsProblem {
            print("  \(Terminal.bold("corrections not read")): \(problem)")
        }
        for program in status.missingPrograms {
            print("  not installed \(program)")
        }
        if !status.missingData.isEmpty {
            print("  names typed without \(status.missingData.joined(separator: ", ")) (not installed)")
        }
        let counters = status.counters
        print(
            "  since start  \(counters.scanned) scanned, \(counters.read) read, \(counters.processed) processed, \(counters.failed) failed"
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
        let response = try connection.call(
            DossierAPI.ListDocuments.self, .init(limit: limit, offset: offset, failed: failed))
        if connection.printJSONIfAsked(response) { return }
        let documents = response.reply.documents
        for document in documents {
            if document.status != "indexed" {
                print("\(document.path)  \(Terminal.dim("[\(document.status)] \(document.reason ?? "")"))")
            } else {
                print(
                    "\(Terminal.bold(document.path))  \(document.title)  \(Terminal.dim("(\(document.words) words)"))")
            }
        }
        let total = response.reply.total
        if total > offset + documents.count {
            print(Terminal.dim("… \(total - offset - documents.count) more (use --offset and --limit)"))
        }
    }
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one document: title, structure and text.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The document's path, absolute or relative to the watched folder.") var path: String

    func run() throws {
        let response = try connection.call(DossierAPI.GetDocument.self, .init(path: path))
        if connection.printJSONIfAsked(response) { return }
        let document = response.reply.document
        print(Terminal.bold(document.title))
        var facts = [document.path]
        if let category = document.category { facts.append("category \(category)") }
        if let published = document.published { facts.append("published \(published)") }
        if let format = document.format { facts.append(document.ocr ? "\(format), text recognised (OCR)" : format) }
        if let pageWords = document.pageWords {
            facts.append("\(document.words) of the page's \(pageWords) words kept as the article")
        } else {
            facts.append("\(document.words) words")
        }
        print(Terminal.dim(facts.joined(separator: " · ")))
        let page = [document.siteName.map { "site \($0)" }, document.byline.map { "by \($0)" }].compactMap { $0 }
        if !page.isEmpty { print(Terminal.dim(page.joined(separator: " · "))) }
        if let reason = document.reason { print("\(document.status): \(reason)") }
        for warning in document.warnings {
            print(Terminal.dim("warning: \(warning)"))
        }
        if let language = document.language {
            let foreign = (document.foreignSpans ?? []).map { "“\($0.text)” (\($0.language))" }
            print(
                Terminal.dim(
                    "language \(language)" + (foreign.isEmpty ? "" : "; also " + foreign.joined(separator: ", "))))
        }
        // The first few of each list: a big log holds thousands of numbers (--json gives them all).
        let names = (document.entities ?? []).map { "\($0.name) (\($0.kind))" }
        if !names.isEmpty { print(Terminal.dim(Terminal.wrap("names: " + Self.firstFew(names, 30)))) }
        let dates = (document.dates ?? []).map(Self.describe)
        if !dates.isEmpty { print(Terminal.dim(Terminal.wrap("dates: " + Self.firstFew(dates, 20)))) }
        let numbers = (document.numbers ?? []).map(\.text)
        if !numbers.isEmpty { print(Terminal.dim(Terminal.wrap("numbers: " + Self.firstFew(numbers, 20)))) }
        for section in document.sections {
            print()
            if let heading = section.heading { print(Terminal.bold("## \(heading)")); print() }
            print(section.paragraphs.map { Terminal.wrap($0) }.joined(separator: "\n\n"))
        }
    }

    /// The first `count` items, and how many more there are.
    static func firstFew(_ items: [String], _ count: Int) -> String {
        let shown = items.prefix(count).joined(separator: ", ")
        return items.count > count ? shown + ", and \(items.count - count) more" : shown
    }

    /// "August 26 (2021-08-26)" when the text left the year to the document's date; the text alone otherwise.
    static func describe(_ date: DossierAPI.WrittenDate) -> String {
        guard date.resolved == true, let year = date.startYear else { return date.text }
        var resolved = String(year)
        for part in [date.month, date.day] {
            guard let part else { break }
            resolved += part < 10 ? "-0\(part)" : "-\(part)"
        }
        return "\(date.text) (\(resolved))"
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
        let response = try connection.call(
            DossierAPI.Search.self, .init(query: query.joined(separator: " "), limit: limit, offset: offset))
        if connection.printJSONIfAsked(response) { return }
        let hits = response.reply.hits
        let total = response.reply.total
        if hits.isEmpty {
            print("No document contains all of: \(query.joined(separator: " "))")
            return
        }
        for (index, hit) in hits.enumerated() {
            print("\(offset + index + 1). \(Terminal.bold(hit.title))  \(Terminal.dim(hit.path))")
            let snippet = hit.snippet.replacing("\n", with: " ")
            let highlights = hit.highlights.filter { $0.start <= $0.end }.map { $0.start..<$0.end }
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
        let response = try connection.call(
            DossierAPI.Ask.self, .init(question: question.joined(separator: " "), limit: limit))
        if connection.printJSONIfAsked(response) { return }
        let answers = response.reply.answers
        if answers.isEmpty {
            print("Nothing in the documents answers that.")
            throw ExitCode.notFound
        }
        for (index, answer) in answers.enumerated() {
            if index > 0 { print() }
            if let short = answer.shortAnswer { print(Terminal.bold(short)) }
            print(Terminal.wrap(answer.text))
            var source = "  — \(answer.path)"
            if let heading = answer.heading { source += ", \"\(heading)\"" }
            source += " (score \(String(format: "%.2f", answer.score)))"
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
        let response = try connection.call(DossierAPI.Similar.self, .init(path: path, limit: limit))
        if connection.printJSONIfAsked(response) { return }
        let similar = response.reply.similar
        if similar.isEmpty {
            print("No document is like \(path).")
            return
        }
        for (index, document) in similar.enumerated() {
            let score = String(format: "%.2f", document.score)
            print(
                "\(index + 1). \(Terminal.bold(document.title))  \(Terminal.dim(document.path))  \(Terminal.dim("(score \(score))"))"
            )
            var shared: [String] = []
            if !document.terms.isEmpty { shared.append("words: " + document.terms.joined(separator: ", ")) }
            if !document.entities.isEmpty { shared.append("names: " + document.entities.joined(separator: ", ")) }
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
        let response = try connection.call(DossierAPI.Reindex.self, .init(path: path))
        if connection.printJSONIfAsked(response) { return }
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
    @Option(
        name: .customLong("entity"),
        help: "Only documents with new sentences that name this (repeat, up to 4: any of them), with those sentences.")
    var entities: [String] = []

    func run() throws {
        let client = try connection.connect(timeout: nil)
        do {
            try client.stream(
                DossierAPI.Subscribe.qualifiedName,
                try ConnectionOptions.encode(
                    DossierAPI.Subscribe.Parameters(since: since, entities: entities.isEmpty ? nil : entities))
            ) { reply in
                let response = try connection.decode(DossierAPI.Subscribe.self, reply)
                let generation = response.reply.generation
                if connection.json {
                    print(JSONWriter.string(.object(response.parameters)))
                } else if let change = response.reply.change, let correction = change.correction {
                    let what = change.kind == "reverted" ? "undone" : change.kind
                    print(
                        "\(Terminal.dim(String(generation))) \(Terminal.bold(what)) \(correction.number): "
                            + correction.summary)
                } else if let change = response.reply.change {
                    let previous = change.previousPath.map { " (from \($0))" } ?? ""
                    print("\(Terminal.dim(String(generation))) \(Terminal.bold(change.kind)) \(change.path)\(previous)")
                    for sentence in change.sentences ?? [] {
                        print(Terminal.wrap(sentence, indent: "    "))
                    }
                } else if response.reply.stopping == true {
                    Terminal.note("dossierd is stopping; resume with --since \(generation)")
                } else {
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

    func wait(from first: ConnectionOptions.Response<DossierAPI.Status.Reply>) throws
        -> ConnectionOptions.Response<DossierAPI.Status.Reply>
    {
        let client = try connection.connect()
        var response = first
        let started = ContinuousClock.now
        let startProcessed = first.reply.status.counters.processed
        var drew = false
        while true {
            let status = response.reply.status
            if status.initialScanComplete && status.pending == 0 { break }
            if Terminal.stderrIsTerminal {
                let processed = status.counters.processed
                let (seconds, attoseconds) = (ContinuousClock.now - started).components
                let elapsed = max(0.001, Double(seconds) + Double(attoseconds) / 1e18)
                let rate = Double(processed - startProcessed) / elapsed
                Terminal.progress(done: processed, total: processed + status.pending, rate: rate)
                drew = true
            }
            Thread.sleep(forTimeInterval: 0.2)
            response = try connection.call(DossierAPI.Status.self, .init(), on: client)
        }
        if drew { Terminal.clearProgress() }
        return response
    }
}
