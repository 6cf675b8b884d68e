/// Counts words handed in as UTF-8 bytes, keeping each distinct word once: no `String` and no
/// hashing of one per occurrence, since most words of a document recur.
///
/// An open-addressing table of indexes into `entries`, which keep the order words were first seen.
struct WordTally {
    struct Entry {
        var hash: UInt64
        var start: Int
        var length: Int
        var count: Int
    }

    /// Distinct words, in the order they were first seen.
    private(set) var entries: [Entry] = []
    /// The bytes of every distinct word, one after another.
    private var arena: [UInt8] = []
    /// Indexes into `entries`, or -1 for a free slot; the count is a power of two.
    private var slots: [Int32]

    init(capacity: Int = 256) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
        entries.reserveCapacity(capacity)
        arena.reserveCapacity(capacity * 8)
    }

    var count: Int { entries.count }

    /// A tally of `words`, each counted once.
    init(_ words: some Collection<String>) {
        self.init(capacity: words.count)
        for var word in words { _ = word.withUTF8 { add($0) } }
    }

    /// Adds `count` occurrences of `word`; says whether the word is new, and where its entry is.
    @discardableResult
    mutating func add(_ word: UnsafeBufferPointer<UInt8>, count: Int = 1) -> (index: Int, isNew: Bool) {
        let hash = Self.hash(word)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { break }
            if entries[index].hash == hash && matches(entries[index], word) {
                entries[index].count += count
                return (index, false)
            }
            slot = (slot + 1) & mask
        }
        let index = entries.count
        slots[slot] = Int32(index)
        entries.append(Entry(hash: hash, start: arena.count, length: word.count, count: count))
        arena.append(contentsOf: word)
        if entries.count * 2 > slots.count { grow() }
        return (index, true)
    }

    /// Where the entry of `word` is, if it has been added.
    func index(of word: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Self.hash(word)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            if entries[index].hash == hash && matches(entries[index], word) { return index }
            slot = (slot + 1) & mask
        }
    }

    func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool { index(of: word) != nil }

    /// Calls `body` with the bytes of `entry`'s word, valid during the call.
    func withWord<Result>(_ entry: Entry, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        arena.withUnsafeBufferPointer { arena in
            body(UnsafeBufferPointer(rebasing: arena[entry.start..<entry.start + entry.length]))
        }
    }

    /// The word of `entry`.
    func word(_ entry: Entry) -> String { withWord(entry) { String(decoding: $0, as: UTF8.self) } }

    private func matches(_ entry: Entry, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard entry.length == word.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            for offset in 0..<word.count where arena[entry.start + offset] != word[offset] { return false }
            return true
        }
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }

    /// FNV-1a, finished with a multiply-xorshift so that the low bits, which pick the slot, mix well.
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 32
        hash &*= 0xd6e8_feb8_6659_fd93
        hash ^= hash >> 32
        return hash
    }

    /// An order of entries, by index: the most frequent first, then by word as strings order
    /// them. ASCII words (nearly all) are compared by their bytes, which is the same order
    /// without making strings: first by their first eight bytes as one number.
    var ordersByCountThenWord: (Int, Int) -> Bool {
        let entries = entries
        let arena = arena
        let prefixes = entries.map { entry in
            arena.withUnsafeBufferPointer { arena in
                let word = arena[entry.start..<entry.start + entry.length]
                guard word.allSatisfy({ $0 < 0x80 }) else { return UInt64?.none }
                var prefix: UInt64 = 0
                for (offset, byte) in word.prefix(8).enumerated() { prefix |= UInt64(byte) << (56 - 8 * offset) }
                return prefix
            }
        }
        return { left, right in
            let (leftEntry, rightEntry) = (entries[left], entries[right])
            guard leftEntry.count == rightEntry.count else { return leftEntry.count > rightEntry.count }
            if let leftPrefix = prefixes[left], let rightPrefix = prefixes[right], leftPrefix != rightPrefix {
                return leftPrefix < rightPrefix
            }
            return arena.withUnsafeBufferPointer { arena in
                let leftWord = UnsafeBufferPointer(
                    rebasing: arena[leftEntry.start..<leftEntry.start + leftEntry.length])
                let rightWord = UnsafeBufferPointer(
                    rebasing: arena[rightEntry.start..<rightEntry.start + rightEntry.length])
                guard prefixes[left] != nil, prefixes[right] != nil else {
                    return String(decoding: leftWord, as: UTF8.self) < String(decoding: rightWord, as: UTF8.self)
                }
                return leftWord.lexicographicallyPrecedes(rightWord)
            }
        }
    }
}
