/// Tags words with their part of speech by a linear model over ``TaggerFeatures``, left to
/// right, each word's tag chosen knowing the two before it (greedy decoding, as averaged
/// perceptron taggers do). Words that were one tag almost always in training take it directly.
///
/// The model is data (``TaggerModelFile``), trained by ``TaggerTrainer``.
public struct PartOfSpeechTagger: Sendable, Equatable {
    /// A feature's hash and its weights, found by hash in an open-addressed table. Most features
    /// have two weights (the perceptron's right tag and the wrong one it took), and a slot holds
    /// two itself, so a feature usually costs one read of memory; a feature of more has them in
    /// `spilled`, and one of many (the bias, the tags before, common affixes: the features met at
    /// almost every word) also as a row of every tag's weight in `rows`, added all at once.
    /// Weights are 16-bit integers over the model's one `scale`, as the file holds them, and a
    /// tag's score is their exact sum.
    private struct Slot: Equatable {
        var key: UInt64 = 0
        /// The tags of the two weights held here; for a feature of more, its row in `rows` plus
        /// one (little-endian), 0 for none.
        var tags: (UInt8, UInt8) = (0, 0)
        /// The two weights held here; for a feature of more, where they start in `spilled`.
        var weights: (Int16, Int16) = (0, 0)
        /// How many of the feature's weights are in `spilled`; 0 when they are held here.
        var spilledCount: UInt16 = 0

        init() {}

        init(key: UInt64, entries: ArraySlice<Entry>, spilled: inout [Entry], rows: inout [Row]) {
            self.key = key
            if entries.count <= 2 {
                let first = entries.first!
                let second = entries.dropFirst().first ?? Entry(weight: 0, tag: first.tag)
                tags = (first.tag, second.tag)
                weights = (first.weight, second.weight)
                return
            }
            let start = UInt32(spilled.count)
            weights = (Int16(truncatingIfNeeded: start), Int16(truncatingIfNeeded: start >> 16))
            spilledCount = UInt16(entries.count)
            spilled += entries
            if entries.count >= Slot.rowFrom, rows.count < Int(UInt16.max) {
                var row = Row()
                for entry in entries { row[Int(entry.tag)] &+= entry.weight }
                rows.append(row)
                tags = (UInt8(truncatingIfNeeded: rows.count), UInt8(truncatingIfNeeded: rows.count >> 8))
            }
        }

        /// Features of this many weights or more are added as rows.
        static let rowFrom = 6

        /// Where the weights start in `spilled`, when they are there.
        var start: Int { Int(UInt16(bitPattern: weights.0)) | Int(UInt16(bitPattern: weights.1)) << 16 }

        /// The feature's row in `rows`, when it has one.
        var row: Int { (Int(tags.0) | Int(tags.1) << 8) - 1 }

        static func == (left: Slot, right: Slot) -> Bool {
            left.key == right.key && left.tags == right.tags && left.weights == right.weights
                && left.spilledCount == right.spilledCount
        }
    }

    /// Every tag's weight for one feature, a lane a tag (the lanes past the last tag hold 0):
    /// one line of memory.
    typealias Row = SIMD32<Int16>

    /// Rows summed without overflow: each 32-bit lane of a row read as `SIMD16<Int32>` holds an
    /// even tag's weight in its low half and the next odd tag's in its high half (little-endian),
    /// and each half is added, sign and all, to its own 32-bit sum.
    struct RowSums {
        var even = SIMD16<Int32>()
        var odd = SIMD16<Int32>()

        @inline(__always)
        mutating func add(_ row: Row) {
            let pairs = unsafeBitCast(row, to: SIMD16<Int32>.self)
            even &+= (pairs &<< 16) &>> 16
            odd &+= pairs &>> 16
        }

        subscript(tag: Int) -> Int32 { tag & 1 == 0 ? even[tag >> 1] : odd[tag >> 1] }
    }

    struct Entry: Equatable {
        var weight: Int16
        var tag: UInt8
    }

    /// A word's tag classes and, for a word of one tag, that tag: found with one probe a word.
    private struct WordSlot: Equatable {
        var key: UInt64 = 0
        var classes: UInt32 = 0
        var fixed: UInt8 = .max
    }

    /// What one unit of a weight is worth.
    let scale: Float
    private let slots: [Slot]
    private let spilled: [Entry]
    private let rows: [Row]
    private let mask: Int
    private let wordSlots: [WordSlot]
    private let wordMask: Int

    /// Features with their weights, in the order they are added.
    struct Features {
        var keys: [UInt64] = []
        var starts: [Int] = [0]
        var entries: [Entry] = []

        mutating func reserve(_ count: Int) {
            keys.reserveCapacity(count)
            starts.reserveCapacity(count + 1)
            entries.reserveCapacity(count * 3)
        }

        mutating func append(key: UInt64, entries added: some Sequence<Entry>) {
            entries += added
            end(key)
        }

        /// Ends the feature `key`, whose weights are those appended to `entries` since the last.
        mutating func end(_ key: UInt64) {
            keys.append(key)
            starts.append(entries.count)
        }
    }

    /// The features, each with its weights by tag, and the words of one tag. The weights are
    /// kept as 16-bit integers over one scale (the largest weight is `Int16.max` of it), as a
    /// model file holds them.
    public init(
        weights: [UInt64: [(tag: PartOfSpeech, weight: Float)]], fixed: [UInt64: PartOfSpeech],
        classes: [UInt64: UInt32]
    ) {
        let largest = weights.values.lazy.flatMap { $0.map { abs($0.weight) } }.max() ?? 0
        let scale = largest > 0 ? largest / Float(Int16.max) : 1
        var features = Features()
        features.reserve(weights.count)
        for key in weights.keys.sorted() {
            features.append(
                key: key,
                entries: weights[key]!.map { Entry(weight: Int16(($0.weight / scale).rounded()), tag: $0.tag.rawValue) }
            )
        }
        self.init(features: features, scale: scale, fixed: fixed, classes: classes)
    }

    init(features: Features, scale: Float, fixed: [UInt64: PartOfSpeech], classes: [UInt64: UInt32]) {
        var capacity = 16
        while capacity < features.keys.count * 2 { capacity *= 2 }
        var slots = [Slot](repeating: Slot(), count: capacity)
        var spilled: [Entry] = []
        var rows: [Row] = []
        for (index, key) in features.keys.enumerated() {
            let range = features.starts[index]..<features.starts[index + 1]
            guard !range.isEmpty, key != 0 else { continue }
            var slot = Int(truncatingIfNeeded: key) & (capacity - 1)
            while slots[slot].key != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Slot(key: key, entries: features.entries[range], spilled: &spilled, rows: &rows)
        }
        self.scale = scale
        self.slots = slots
        self.spilled = spilled
        self.rows = rows
        self.mask = capacity - 1
        var wordCapacity = 16
        let known = Set(fixed.keys).union(classes.keys)
        while wordCapacity < known.count * 2 { wordCapacity *= 2 }
        var wordSlots = [WordSlot](repeating: WordSlot(), count: wordCapacity)
        for key in known.sorted() where key != 0 {
            var slot = Int(truncatingIfNeeded: key) & (wordCapacity - 1)
            while wordSlots[slot].key != 0 { slot = (slot + 1) & (wordCapacity - 1) }
            wordSlots[slot] = WordSlot(key: key, classes: classes[key] ?? 0, fixed: fixed[key]?.rawValue ?? .max)
        }
        self.wordSlots = wordSlots
        self.wordMask = wordCapacity - 1
    }

    /// Words (by ``TaggerFeatures/Word/normal``) that take one tag whatever surrounds them.
    var fixed: [UInt64: PartOfSpeech] {
        Dictionary(
            uniqueKeysWithValues: wordSlots.filter { $0.key != 0 && $0.fixed != .max }.map {
                ($0.key, PartOfSpeech(rawValue: $0.fixed)!)
            })
    }

    /// Words (by ``TaggerFeatures/Word/normal``) seen often enough in training to know which tags they take.
    var classes: [UInt64: UInt32] {
        Dictionary(
            uniqueKeysWithValues: wordSlots.filter { $0.key != 0 && $0.classes != 0 }.map { ($0.key, $0.classes) })
    }

    /// What training says of the word whose normal form hashes to `key`.
    @inline(__always)
    private func known(_ key: UInt64) -> WordSlot {
        var index = Int(truncatingIfNeeded: key) & wordMask
        while true {
            let slot = wordSlots[index]
            if slot.key == key || slot.key == 0 { return slot.key == key ? slot : WordSlot() }
            index = (index + 1) & wordMask
        }
    }

    /// How many features the model weighs.
    public var featureCount: Int { slots.count { $0.key != 0 } }

    /// The tags of `words`, one each.
    public func tag(_ words: [String]) -> [PartOfSpeech] {
        tag(
            words.map { text in
                var word = TaggerFeatures.Word(text)
                word.ambiguity = UInt64(known(word.normal).classes)
                return word
            })
    }

    /// The tags of words whose features are already read.
    public func tag(_ words: [TaggerFeatures.Word]) -> [PartOfSpeech] {
        var tags: [PartOfSpeech] = []
        tags.reserveCapacity(words.count)
        let startTag = UInt8(PartOfSpeech.count)
        var previous = startTag
        var beforePrevious = startTag
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: TaggerFeatures.count) { buffer in
            for index in words.indices {
                let chosen: PartOfSpeech
                let fixed = known(words[index].normal).fixed
                if fixed != .max {
                    chosen = PartOfSpeech(rawValue: fixed)!
                } else {
                    TaggerFeatures.features(
                        words, at: index, previous: previous, beforePrevious: beforePrevious,
                        into: buffer.baseAddress!)
                    chosen = best(buffer)
                }
                tags.append(chosen)
                beforePrevious = previous
                previous = chosen.rawValue
            }
        }
        return tags
    }

    /// The tag whose weights over `features` sum highest (the first of equals).
    @inline(__always)
    func best(_ features: UnsafeMutableBufferPointer<UInt64>) -> PartOfSpeech {
        var scores = (
            Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0),
            Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0), Int32(0)
        )
        var rowScores = RowSums()
        withUnsafeMutableBytes(of: &scores) { raw in
            let scores = raw.bindMemory(to: Int32.self)
            slots.withUnsafeBufferPointer { slots in
                // Read every feature's first slot before weighing any: the reads do not wait on
                // each other, so the memory works on all of them at once, and the loop below,
                // whose branches depend on what it reads, finds them near.
                var first: UInt64 = 0
                for feature in features { first |= slots[Int(truncatingIfNeeded: feature) & mask].key }
                // No feature found where it would first be: the model knows none of them.
                guard first != 0 else { return }
                for feature in features {
                    var index = Int(truncatingIfNeeded: feature) & mask
                    var slot = slots[index]
                    while slot.key != feature && slot.key != 0 {
                        index = (index + 1) & mask
                        slot = slots[index]
                    }
                    // A feature the model lacks ends at an empty slot, whose weights of nothing
                    // are added as well: one branch fewer to guess.
                    if slot.spilledCount == 0 {
                        scores[Int(slot.tags.0)] &+= Int32(slot.weights.0)
                        scores[Int(slot.tags.1)] &+= Int32(slot.weights.1)
                    } else if slot.tags != (0, 0) {
                        rowScores.add(rows[slot.row])
                    } else {
                        spilled.withUnsafeBufferPointer { spilled in
                            for entry in spilled[slot.start..<(slot.start + Int(slot.spilledCount))] {
                                scores[Int(entry.tag)] &+= Int32(entry.weight)
                            }
                        }
                    }
                }
            }
        }
        return withUnsafeBytes(of: &scores) { raw in
            let scores = raw.bindMemory(to: Int32.self)
            var best = 0
            var highest = scores[0] &+ rowScores[0]
            for index in 1..<PartOfSpeech.count {
                let score = scores[index] &+ rowScores[index]
                if score > highest { (best, highest) = (index, score) }
            }
            return PartOfSpeech(rawValue: UInt8(best))!
        }
    }

    /// Every feature with its weights (in units of `scale`), in the order of their hashes: what
    /// a model file holds.
    var weights: [(key: UInt64, entries: [Entry])] {
        slots.filter { $0.key != 0 }.sorted { $0.key < $1.key }.map { slot in
            if slot.spilledCount == 0 {
                let both = [
                    Entry(weight: slot.weights.0, tag: slot.tags.0), Entry(weight: slot.weights.1, tag: slot.tags.1),
                ]
                // A feature of one weight holds a second of nothing.
                return (slot.key, slot.weights.1 == 0 && slot.tags.1 == slot.tags.0 ? [both[0]] : both)
            }
            return (slot.key, Array(spilled[slot.start..<(slot.start + Int(slot.spilledCount))]))
        }
    }
}
