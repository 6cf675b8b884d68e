import Foundation
import GRDB
import Synchronization

/// When and from what a cache makes the dictionary its texts are compressed with
/// (``TextDictionary``): once it holds ``threshold`` bytes of text, from the texts stored last.
/// Until then texts are compressed without one; a cache too small to make one is small enough
/// without it.
final class TextDictionaryTrainer: Sendable {
    let dictionaries: TextDictionaries
    /// Bytes of text stored since the last try.
    private let written = Mutex(0)

    init(dictionaries: TextDictionaries) {
        self.dictionaries = dictionaries
    }

    /// Loads the dictionaries the cache at `pool` holds, and makes one when it has none and
    /// holds text enough (a cache from before dictionaries). A dictionary that cannot be made now
    /// (a full disk) is made later, once more text is stored: the cache is usable without one.
    func open(_ pool: DatabasePool) throws {
        let stored = try pool.read { db in
            try Data.fetchAll(db, sql: "SELECT bytes FROM text_dictionaries ORDER BY id")
        }
        for bytes in stored { dictionaries.add(TextDictionary(bytes: Array(bytes))) }
        guard dictionaries.current == nil, let made = try? pool.write({ db in try make(db) }) else { return }
        dictionaries.add(made)
    }

    /// Counts `bytes` more text stored in the writer's transaction `db`. When there is no
    /// dictionary yet and ``threshold`` bytes were stored since the last try, makes one and
    /// stores it in that transaction; it is what the caller gives ``dictionaries`` once committed.
    func noteWritten(_ bytes: Int, in db: Database) throws -> TextDictionary? {
        guard bytes > 0, dictionaries.current == nil else { return nil }
        let due = written.withLock { written in
            written += bytes
            guard written >= Self.threshold else { return false }
            written = 0
            return true
        }
        return due ? try make(db) : nil
    }

    /// A dictionary made from the texts stored last, stored in `db`; nil when they are fewer
    /// than ``threshold`` bytes or share no words.
    private func make(_ db: Database) throws -> TextDictionary? {
        var sample: [[UInt8]] = []
        var length = 0
        do {
            let texts = try String.fetchCursor(db, sql: "SELECT body_text(body) FROM texts ORDER BY id DESC")
            while length < Self.sampleSize, let text = try texts.next() {
                let bytes = Array(text.utf8.prefix(Self.longestSample))
                sample.append(bytes)
                length += bytes.count
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            // A damaged text ("damaged text"): the texts before it are sample enough, and the
            // reads that meet it report it.
        }
        guard length >= Self.threshold, let dictionary = TextDictionary.train(on: sample) else { return nil }
        try db.execute(
            sql: "INSERT OR REPLACE INTO text_dictionaries (checksum, bytes) VALUES (?, ?)",
            arguments: [Int64(dictionary.checksum), Data(dictionary.bytes)])
        return dictionary
    }

    /// The text a dictionary is made from once there is this much (256 KiB: a hundred short
    /// documents, or a few long ones).
    static let threshold = 256 * 1024
    /// The most text a dictionary is made from.
    static let sampleSize = 1024 * 1024
    /// The most taken from one text, so that one long text does not make the dictionary alone.
    static let longestSample = 64 * 1024
}
