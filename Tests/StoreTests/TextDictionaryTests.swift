import CLibZ
import DossierTesting
import Foundation
import GRDB
import Ingest
import Testing

@testable import Store

/// A cache makes a dictionary of its texts' words once it holds text enough, and texts stored
/// after are compressed with it.
@Suite struct TextDictionaryTests {
    /// A report of `sentences` sentences of made-up words, the same for the same `seed`.
    static func report(seed: Int, sentences: Int = 30) -> String {
        let words = [
            "harbour", "council", "budget", "reservoir", "turbine", "committee", "treaty", "pipeline",
            "inspection", "ferry", "quarterly", "engineers", "Lisbon", "Kraków", "Ōsaka", "Zoë",
        ]
        var state = UInt64(seed) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let body = (0..<sentences).map { _ in
            let sentence = (0..<(8 + next(8))).map { _ in words[next(words.count)] }.joined(separator: " ")
            return sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
        }
        return "Report \(seed)\n\n" + body.joined(separator: " ")
    }

    static func state(_ hash: String) -> FileState {
        FileState(size: 10, modificationTime: 1_000, inode: 1, contentHash: hash)
    }

    /// Stores reports `numbers` as the readers of files do: compressed with the store's current dictionary.
    static func store(reports numbers: Range<Int>, in store: DocumentStore) async throws {
        let ingestor = Ingestor()
        let changes = numbers.map { number in
            StoreChange.index(
                path: "report-\(number).txt", file: state("\(number)"),
                result: ingestor.ingest(Array(report(seed: number).utf8), fileName: "report-\(number).txt"),
                dictionary: store.textDictionaries.current)
        }
        try await store.writer.apply(changes)
    }

    @Test func theDictionaryHoldsTheWordsThatSaveMostTheMostValuableLast() throws {
        let texts = (0..<20).map { Array(Self.report(seed: $0).utf8) }
        let dictionary = try #require(TextDictionary.train(on: texts, size: 200))
        #expect(dictionary.bytes.count <= 200)
        let text = String(decoding: dictionary.bytes, as: UTF8.self)
        #expect(text.contains("pipeline "))
        #expect(text.contains("Ōsaka "), "non-ASCII letters belong to their words")
        #expect(!text.contains("Lis "), "pieces are whole words")
        #expect(TextDictionary.train(on: texts, size: 200) == dictionary, "the same texts make the same dictionary")

        // Each piece is a word and what follows; the one covering most bytes comes last.
        var counts: [String: Int] = [:]
        for text in texts {
            for word in String(decoding: text, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                counts[String(word), default: 0] += 1
            }
        }
        let best = try #require(
            counts.filter { !$0.key.hasSuffix(".") }.max { $0.value * $0.key.utf8.count < $1.value * $1.key.utf8.count }
        )
        #expect(text.hasSuffix(best.key + " "), "\(best)")
    }

    @Test func nothingRepeatedMakesNoDictionary() {
        #expect(TextDictionary.train(on: [Array("one two three four".utf8)]) == nil)
        #expect(TextDictionary.train(on: []) == nil)
    }

    @Test func aTextCompressedWithTheDictionaryNeedsItToInflate() throws {
        let texts = (0..<40).map { Array(Self.report(seed: $0).utf8) }
        let dictionary = try #require(TextDictionary.train(on: texts))
        let other = try #require(TextDictionary.train(on: [Array("lighthouse keeper lighthouse keeper ".utf8)]))
        let text = Self.report(seed: 1000, sentences: 6)
        let plain = try #require(CompressedText.compress(text))
        let stored = try #require(CompressedText.compress(text, dictionary: dictionary))
        #expect(Double(stored.count) < Double(plain.count) * 0.8, "\(stored.count) against \(plain.count)")

        func inflate(_ bytes: [UInt8], _ known: [TextDictionary]) -> [UInt8]? {
            bytes.withUnsafeBytes { bytes in
                CompressedText.decompress(bytes) { checksum in known.first { $0.checksum == checksum } }
            }
        }
        #expect(inflate(stored, [other, dictionary]) == Array(text.utf8))
        #expect(inflate(stored, []) == nil, "without its dictionary")
        #expect(inflate(stored, [other]) == nil)
        #expect(inflate(plain, [dictionary]) == Array(text.utf8), "a text compressed without one needs none")
    }

    /// What is stored after the length is the stream zlib itself writes, byte for byte: a text
    /// stored before, when zlib framed its streams, reads the same, and zlib reads what is stored now.
    @Test func aStoredTextIsTheStreamZlibItselfWrites() throws {
        let trained = try #require(TextDictionary.train(on: (0..<40).map { Array(Self.report(seed: $0).utf8) }))
        for (number, dictionary) in [trained, nil].enumerated() {
            let text = Array(Self.report(seed: 3000 + number, sentences: 6).utf8)
            let byZlib = try #require(Self.zlibDeflated(text, dictionary: dictionary))
            let stored = try #require(
                CompressedText.compress(String(decoding: text, as: UTF8.self), dictionary: dictionary))
            #expect(Array(stored.dropFirst(CompressedText.headerSize)) == byZlib)
            #expect(Self.zlibInflated(byZlib, count: text.count, dictionary: dictionary) == text)
            let lengthThenZlib = stored.prefix(CompressedText.headerSize) + byZlib
            let inflated = lengthThenZlib.withUnsafeBytes { bytes in
                CompressedText.decompress(bytes) { $0 == trained.checksum ? trained : nil }
            }
            #expect(inflated == text)
            // The trailer is the text's checksum: a text inflating to other bytes is refused.
            var wrongChecksum = stored
            wrongChecksum[wrongChecksum.count - 1] ^= 1
            #expect(wrongChecksum.withUnsafeBytes { CompressedText.decompress($0) { _ in trained } } == nil)
        }
    }

    /// `text` deflated by zlib in its own format, as `CompressedText` deflates it.
    static func zlibDeflated(_ text: [UInt8], dictionary: TextDictionary?) -> [UInt8]? {
        var stream = z_stream()
        guard deflateInit_(&stream, CompressedText.level, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        if let dictionary {
            let status = dictionary.bytes.withUnsafeBufferPointer {
                deflateSetDictionary(&stream, $0.baseAddress, uInt($0.count))
            }
            guard status == Z_OK else { return nil }
        }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(text.count))))
        let status = text.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!)
                stream.avail_in = uInt(input.count)
                stream.next_out = output.baseAddress!
                stream.avail_out = uInt(output.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return Array(output.prefix(Int(stream.total_out)))
    }

    /// The `count` bytes zlib inflates `stream` to, with `dictionary` when it asks for one.
    static func zlibInflated(_ stream: [UInt8], count: Int, dictionary: TextDictionary?) -> [UInt8]? {
        var inflater = z_stream()
        guard inflateInit_(&inflater, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&inflater) }
        var output = [UInt8](repeating: 0, count: count)
        let status = stream.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                inflater.next_in = UnsafeMutablePointer(mutating: input.baseAddress!)
                inflater.avail_in = uInt(input.count)
                inflater.next_out = output.baseAddress!
                inflater.avail_out = uInt(output.count)
                var status = inflate(&inflater, Z_FINISH)
                if status == Z_NEED_DICT, let dictionary {
                    status = dictionary.bytes.withUnsafeBufferPointer {
                        inflateSetDictionary(&inflater, $0.baseAddress, uInt($0.count))
                    }
                    if status == Z_OK { status = inflate(&inflater, Z_FINISH) }
                }
                return status
            }
        }
        return status == Z_STREAM_END && Int(inflater.total_out) == count ? output : nil
    }

    /// Streams are kept from one text to the next: what one text was compressed with (its
    /// dictionary or none) leaves nothing in the next, whichever thread compresses it.
    @Test func textsCompressedAtOnceWithDifferentDictionariesEachInflateAlone() async throws {
        let dictionaries = [
            try #require(TextDictionary.train(on: (0..<40).map { Array(Self.report(seed: $0).utf8) })),
            try #require(TextDictionary.train(on: [Array("lighthouse keeper lighthouse keeper ".utf8)])),
        ]
        let texts = (0..<60).map { Self.report(seed: 2000 + $0, sentences: 4) }
        func dictionary(_ number: Int) -> TextDictionary? { number % 3 == 2 ? nil : dictionaries[number % 3] }
        let alone = try texts.indices.map {
            try #require(CompressedText.compress(texts[$0], dictionary: dictionary($0)))
        }
        let together = try await withThrowingTaskGroup(of: (Int, [UInt8]?).self) { group in
            for _ in 0..<4 {
                for number in texts.indices {
                    group.addTask { (number, CompressedText.compress(texts[number], dictionary: dictionary(number))) }
                }
            }
            var made: [(Int, [UInt8]?)] = []
            for try await result in group { made.append(result) }
            return made
        }
        #expect(together.count == texts.count * 4)
        for (number, stored) in together {
            #expect(stored == alone[number], "text \(number)")
            let inflated = stored?.withUnsafeBytes { bytes in
                CompressedText.decompress(bytes) { checksum in dictionaries.first { $0.checksum == checksum } }
            }
            #expect(inflated == Array(texts[number].utf8), "text \(number)")
        }
    }

    @Test func aCacheMakesItsDictionaryOnceItHoldsTextEnoughAndKeepsIt() async throws {
        let work = try TemporaryDirectory()
        let path = work.subpath("cache.sqlite")
        var store = try DocumentStore(path: path)
        var stored = 0
        var number = 0
        while store.textDictionaries.current == nil {
            #expect(stored < TextDictionaryTrainer.threshold * 2, "a dictionary once the threshold is passed")
            try await Self.store(reports: number..<number + 20, in: store)
            number += 20
            stored = try await store.pool.read { db in
                try Int.fetchOne(db, sql: "SELECT sum(length(CAST(body_text(body) AS BLOB))) FROM texts") ?? 0
            }
        }
        #expect(stored >= TextDictionaryTrainer.threshold)
        let dictionary = try #require(store.textDictionaries.current)
        try await Self.store(reports: number..<number + 20, in: store)

        /// How the stored texts of reports `numbers` are compressed: the dictionary's checksum, 0 for none.
        func dictionaries(of numbers: Range<Int>, _ store: DocumentStore) async throws -> Set<UInt32> {
            try await store.pool.read { db in
                let bodies = try Data.fetchAll(
                    db,
                    sql:
                        "SELECT t.body FROM texts t JOIN documents d ON d.id = t.id WHERE d.path IN (\(numbers.map { "'report-\($0).txt'" }.joined(separator: ",")))"
                )
                return Set(
                    bodies.map { body in
                        // zlib's header: FDICT (0x20) in its second byte, then the checksum, big-endian.
                        let bytes = Array(body)
                        guard bytes[5] & 0x20 != 0 else { return 0 }
                        return bytes[6..<10].reduce(0) { $0 << 8 | UInt32($1) }
                    })
            }
        }
        #expect(try await dictionaries(of: number..<number + 20, store) == [dictionary.checksum])
        #expect(try await dictionaries(of: 0..<20, store) == [0], "texts stored before stay as they were")

        // Opened again (a restart), the cache reads both kinds and goes on with the same dictionary.
        try store.close()
        store = try DocumentStore(path: path)
        #expect(store.textDictionaries.current == dictionary)
        for probe in [0, number + 19] {
            let document = try #require(try await store.documents.document(path: "report-\(probe).txt"))
            let expected = Self.report(seed: probe).split(separator: "\n\n").last.map(String.init)
            #expect(document.sections.flatMap(\.paragraphs).last == expected)
        }
        let page = try await store.search.documents(
            DocumentSearch(match: "\"Report \(number + 19)\""), limit: 5, highlight: ("[", "]"))
        #expect(page.hits.map(\.path) == ["report-\(number + 19).txt"])
        #expect(try store.integrityCheck() == "ok")
    }

    @Test func aCacheFromBeforeDictionariesMakesOneWhenItOpens() async throws {
        let work = try TemporaryDirectory()
        let path = work.subpath("cache.sqlite")
        var store = try DocumentStore(path: path)
        // A cache from before dictionaries: texts enough, and none.
        try await Self.store(reports: 0..<120, in: store)
        try await store.pool.write { db in try db.execute(sql: "DELETE FROM text_dictionaries") }
        try store.close()

        store = try DocumentStore(path: path)
        let dictionary = try #require(store.textDictionaries.current)
        let kept = try await store.pool.read { db in try Data.fetchAll(db, sql: "SELECT bytes FROM text_dictionaries") }
        #expect(kept == [Data(dictionary.bytes)])
        try await Self.store(reports: 120..<121, in: store)
        let document = try await store.documents.document(path: "report-120.txt")
        #expect(document?.summary.title == "Report 120")
        #expect(
            document?.sections.flatMap(\.paragraphs).last == Self.report(seed: 120).components(separatedBy: "\n\n").last
        )
    }
}
