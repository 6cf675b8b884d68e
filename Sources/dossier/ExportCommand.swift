import ArgumentParser
import DossierProtocol
import Foundation
import Varlink

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every row of a kind as CSV or JSON Lines, or the network of names as GraphML or GEXF.",
        discussion: "KIND is documents, entities, mentions, quotes, timeline, relations or network. Rows come "
            + "from the daemon as they are read, all from one generation of the cache, and are written as they "
            + "come. CSV follows RFC 4180 with a header row; a list's items are joined by \"; \" (JSON Lines "
            + "keeps them as arrays). The network's nodes are the names, its edges two names in one sentence, "
            + "weighted by the sentences that hold both.")

    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "documents, entities, mentions, quotes, timeline, relations or network.") var kind: String
    @Option(help: "csv or jsonl; for the network, graphml or gexf.") var format: String
    @Option(help: "Only the rows of documents that match this (for the timeline: of sentences).") var query: String?
    @Option(help: "Only the rows about this entity.") var entity: String?
    @Option(help: "Only documents whose path holds this, or matches it as a glob.") var path: String?
    @Option(help: "Timeline: only dates from this one (YYYY, YYYY-MM or YYYY-MM-DD).") var from: String?
    @Option(help: "Timeline: only dates up to this one.") var to: String?
    @Option(name: .customLong("kind"), help: "Entities, relations, network: only names of this kind.")
    var entityKind: String?
    @Option(help: "Network: only edges of at least this many sentences.") var minWeight = 1
    @Option(help: "Write to this file (replaced once the export is whole) instead of standard output.")
    var output: String?

    func validate() throws {
        let formats = kind == "network" ? ["graphml", "gexf"] : ["csv", "jsonl"]
        guard formats.contains(format) else {
            throw ValidationError("--format for \(kind) is \(formats.joined(separator: " or "))")
        }
    }

    func run() throws {
        let parameters = DossierAPI.Export.Parameters(
            kind: kind, query: try QueryTerms.query(query.map { [$0] } ?? [], path: path, queryName: "--query"),
            entity: entity, entityKind: entityKind, from: from, to: to)
        var sink = try ExportSink(path: output)
        let client = try connection.connect(timeout: nil)
        /// How a row is written, once the columns are known.
        var writeRow: ((JSONValue) -> String)?
        var network = NetworkDocument(format: .init(rawValue: format) ?? .graphml, minimumWeight: minWeight)
        do {
            try client.stream(DossierAPI.Export.qualifiedName, try ConnectionOptions.encode(parameters)) { reply in
                // An error becomes a message and an exit code; rows are read as they came, not
                // decoded into a copy.
                if reply.error != nil { _ = try connection.decode(DossierAPI.Export.self, reply) }
                let part = reply.parameters
                let parsedRows = part["rows"]?.arrayValue ?? []
                if kind == "network" {
                    if let generation = part["generation"]?.intValue {
                        try sink.write(network.opening(generation: Int(generation)))
                    }
                    if part["table"] == "relations" { try sink.write(network.middle) }
                    for row in parsedRows {
                        try sink.write(row["source_id"] == nil ? network.node(row) : network.edge(row) ?? "")
                    }
                    if part["count"] != nil { try sink.write(network.closing) }
                } else if let columns = part["columns"]?.arrayValue?.compactMap(\.stringValue) {
                    if format == "csv" {
                        let csv = CSVRows(columns: columns)
                        try sink.write(csv.header)
                        writeRow = csv.row
                    } else {
                        writeRow = JSONLinesRows(columns: columns).row
                    }
                } else if let writeRow {
                    for row in parsedRows { try sink.write(writeRow(row)) }
                }
                return true
            }
            try sink.finish()
        } catch ExportSink.ReaderGone.gone {
            // `| head` read what it wanted: nothing more to say.
            throw ExitCode.success
        } catch let failure as VarlinkClient.Failure {
            sink.abandon()
            Terminal.error("the export ended early: \(failure)")
            throw ExitCode.unreachable
        } catch {
            sink.abandon()
            throw error
        }
    }
}

/// Where an export is written: standard output, or a file that takes the place of `path` only
/// once the export is whole. Writes are buffered.
struct ExportSink {
    enum ReaderGone: Error { case gone }

    private let descriptor: Int32
    private let path: String?
    private let partial: String?
    private var buffer: [UInt8] = []

    init(path: String?) throws {
        self.path = path
        guard let path else {
            descriptor = STDOUT_FILENO
            partial = nil
            // A reader that goes away is a write error, not a signal.
            signal(SIGPIPE, SIG_IGN)
            return
        }
        let partial = path + ".partial"
        descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ValidationError("cannot write \(partial): \(String(cString: strerror(errno)))")
        }
        self.partial = partial
    }

    mutating func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 64 * 1024 { try flush() }
    }

    mutating func finish() throws {
        try flush()
        guard let partial, let path else { return }
        guard fsync(descriptor) == 0, close(descriptor) == 0, rename(partial, path) == 0 else {
            throw ValidationError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes what was written of a file.
    func abandon() {
        guard let partial else { return }
        close(descriptor)
        unlink(partial)
    }

    private mutating func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw ReaderGone.gone }
                throw ValidationError("cannot write the export: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
