import DossierService
import Foundation
import Ingest
import Logging
import Store

// Measures the pure ingest pipeline (bytes to Document, annotations included) over every file of
// a folder, beside a plain word-splitting pass over the same bytes in the same run: the floor.
//
//     dossier-ingest-bench FOLDER [ROUNDS] [--no-pathological] [--digest] [--store]
//
// --digest prints one checksum of every document the pipeline made, to show that a faster
// version makes the same documents. --store also times writing them all to a new cache, in the
// daemon's batches, on one thread: what the one writer costs; and preparing them for it, as the
// readers of files do (texts laid out and compressed, term vectors).

var arguments = CommandLine.arguments
let pathological = !arguments.contains("--no-pathological")
let digest = arguments.contains("--digest")
let store = arguments.contains("--store")
arguments.removeAll { $0 == "--no-pathological" || $0 == "--digest" || $0 == "--store" }
guard arguments.count >= 2 else {
    FileHandle.standardError.write(
        Data("usage: dossier-ingest-bench FOLDER [ROUNDS] [--no-pathological] [--digest] [--store]\n".utf8))
    exit(64)
}
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
var files: [(name: String, bytes: [UInt8])] = []
let enumerator = FileManager.default.enumerator(atPath: arguments[1])
while let name = enumerator?.nextObject() as? String {
    let path = arguments[1] + "/" + name
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
        let data = FileManager.default.contents(atPath: path)
    else { continue }
    files.append((name, Array(data)))
}
files.sort { $0.name < $1.name }
let megabytes = Double(files.reduce(0) { $0 + $1.bytes.count }) / 1e6

func seconds(_ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<rounds {
        let start = ContinuousClock.now
        body()
        let (whole, fraction) = (ContinuousClock.now - start).components
        best = min(best, Double(whole) + Double(fraction) / 1e18)
    }
    return best
}

var words = 0
let floor = seconds {
    words = 0
    for file in files {
        var inWord = false
        for byte in file.bytes {
            let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
            if !isSpace && !inWord { words += 1 }
            inWord = !isSpace
        }
    }
}
// The lexicon and the tagger the daemon reads at start, so that names are read as the daemon reads them.
let (lexicon, missingData) = NameLexiconFiles().load()
for data in missingData { FileHandle.standardError.write(Data("missing: \(data)\n".utf8)) }
let tagger = ShippedTagger.load(logger: Logger(label: "dossier-ingest-bench"))
let ingestor = Ingestor(configuration: IngestConfiguration(lexicon: lexicon, tagger: tagger))
var entities = 0
@MainActor func timeIngest(_ ingestor: Ingestor) -> Double {
    seconds {
        entities = 0
        for file in files {
            if case .document(let document) = ingestor.ingest(file.bytes, fileName: file.name) {
                entities += document.annotations.entities.count
            }
        }
    }
}
// The same pipeline without the tagger, in the same run: what reading names with it costs.
let untagged = timeIngest(Ingestor(configuration: IngestConfiguration(lexicon: lexicon)))
let ingest = timeIngest(ingestor)
if digest {
    // FNV-1a over each document's full description: stable across runs, unlike `Hasher`.
    var checksum: UInt64 = 0xcbf2_9ce4_8422_2325
    for file in files {
        for byte in String(describing: ingestor.ingest(file.bytes, fileName: file.name)).utf8 {
            checksum = (checksum ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
    }
    print("digest \(String(checksum, radix: 16))")
}
print("files \(files.count), \(String(format: "%.1f", megabytes)) MB, \(words) words, \(entities) entities")
print(String(format: "word-splitting floor  %8.1f MB/s", megabytes / floor))
print(
    String(format: "ingest pipeline       %8.1f MB/s  (%.2f%% of the floor)", megabytes / ingest, 100 * floor / ingest))
print(
    String(
        format: "  without the tagger  %8.1f MB/s  (the pipeline takes %.2f× as long with it)", megabytes / untagged,
        ingest / untagged))

if store {
    let results = files.map { ingestor.ingest($0.bytes, fileName: $0.name) }
    let changes = zip(files, results).map { file, result in
        StoreChange.index(
            path: file.name,
            file: FileState(size: Int64(file.bytes.count), modificationTime: 0, inode: 0, contentHash: ""),
            result: result)
    }
    let folder = FileManager.default.temporaryDirectory.path + "/dossier-store-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cache = try DocumentStore(path: folder + "/cache.sqlite")
    let start = ContinuousClock.now
    for batch in stride(from: 0, to: changes.count, by: 256) {
        try await cache.writer.apply(Array(changes[batch..<min(batch + 256, changes.count)]))
    }
    let (whole, fraction) = (ContinuousClock.now - start).components
    let elapsed = Double(whole) + Double(fraction) / 1e18
    print(String(format: "store, one writer     %8.1f MB/s  (%.2f s)", megabytes / elapsed, elapsed))
    // What the readers of files do for the writer: texts laid out and compressed (with the
    // dictionary the cache made of them), term vectors, JSON columns.
    let dictionary = cache.textDictionaries.current
    var prepared = 0
    let preparing = seconds {
        prepared = 0
        for result in results {
            if case .document = PreparedResult(result, dictionary: dictionary) { prepared += 1 }
        }
    }
    print(
        String(
            format: "prepared for the writer %6.1f MB/s  (%.2f s, %d documents, %@ dictionary)", megabytes / preparing,
            preparing, prepared, dictionary == nil ? "no" : "with a"))
}

// A 10 MB pathological input (unclosed markup, one endless capitalised run) must finish.
for (label, unit) in !pathological ? [] : [("'<a ' × 3.3M", "<a "), ("'[' × 10M", "["), ("'Dr. A ' × 1.7M", "Dr. A ")] {
    let text = Array(String(repeating: unit, count: 10_000_000 / unit.utf8.count).utf8)
    let start = ContinuousClock.now
    for name in ["x.txt", "x.md", "x.html"] { _ = ingestor.ingest(text, fileName: name) }
    print("10 MB pathological \(label), three formats: \(ContinuousClock.now - start)")
}
