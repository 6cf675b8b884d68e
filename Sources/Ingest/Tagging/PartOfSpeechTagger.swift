/// Tags words with their part of speech by a linear model over ``TaggerFeatures``, left to
/// right, each word's tag chosen knowing the two before it (greedy decoding, as averaged
/// perceptron taggers do). Words that were one tag almost always in training take it directly.
///
/// The model is data (``TaggerModelFile``), trained by ``TaggerTrainer``.
public struct PartOfSpeechTagger: Sendable, Equatable {
    /// Each feature's weights, found by hash in an open-addressed table: a slot holds the
    /// feature's hash and where its weights are in `entries`. One slot and its weights are
    /// read together, so a feature usually costs two reads of memory.
    private struct Slot: Equatable {
        var key: UInt64 = 0
        var start: UInt32 = 0
        var count: UInt32 = 0
    }

    private struct Entry: Equatable {
        var weight: Float
        var tag: UInt8
    }

    /// A word's tag classes and, for a word of one tag, that tag: found with one probe a word.
    private struct WordSlot: Equatable {
        var key: UInt64 = 0
        var classes: UInt32 = 0
        var fixed: UInt8 = .max
    }

    private let slots: [Slot]
    private let entries: [Entry]
    private let mask: Int
    private let wordSlots: [WordSlot]
    private let wordMask: Int

    /// Features with their weights, in the order they are added.
    struct Features {
        var keys: [UInt64] = []
        var starts: [Int] = [0]
        var entries: [(tag: PartOfSpeech, weight: Float)] = []

        mutating func reserve(_ count: Int) {
            keys.reserveCapacity(count)
            starts.reserveCapacity(count + 1)
            entries.reserveCapacity(count * 4)
        }

        mutating func append(key: UInt64, entries added: [(tag: PartOfSpeech, weight: Float)]) {
            keys.append(key)
            entries += added
            starts.append(entries.count)
        }
    }

    /// The features, each with its weights by tag, and the words of one tag.
    public init(
        weights: [UInt64: [(tag: PartOfSpeech, weight: Float)]], fixed: [UInt64: PartOfSpeech],
        classes: [UInt64: UInt32]
    ) {
        var features = Features()
        features.reserve(weights.count)
        for key in weights.keys.sorted() { features.append(key: key, entries: weights[key]!) }
        self.init(features: features, fixed: fixed, classes: classes)
    }

    init(features: Features, fixed: [UInt64: PartOfSpeech], classes: [UInt64: UInt32]) {
        var capacity = 16
        while capacity < features.keys.count * 2 { capacity *= 2 }
        var slots = [Slot](repeating: Slot(), count: capacity)
        var entries: [Entry] = []
        entries.reserveCapacity(features.entries.count)
        for (index, key) in features.keys.enumerated() {
            let range = features.starts[index]..<features.starts[index + 1]
            guard !range.isEmpty, key != 0 else { continue }
            var slot = Int(truncatingIfNeeded: key) & (capacity - 1)
            while slots[slot].key != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Slot(key: key, start: UInt32(entries.count), count: UInt32(range.count))
            for entry in features.entries[range] {
                entries.append(Entry(weight: entry.weight, tag: entry.tag.rawValue))
            }
        }
        self.slots = slots
        self.entries = entries
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
            Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0),
            Float(0), Float(0), Float(0), Float(0), Float(0), Float(0), Float(0)
        )
        withUnsafeMutableBytes(of: &scores) { raw in
            let scores = raw.bindMemory(to: Float.self)
            slots.withUnsafeBufferPointer { slots in
                entries.withUnsafeBufferPointer { entries in
                    for feature in features {
                        var index = Int(truncatingIfNeeded: feature) & mask
                        while true {
                            let slot = slots[index]
                            if slot.key == feature {
                                for entry in entries[Int(slot.start)..<Int(slot.start + slot.count)] {
                                    scores[Int(entry.tag)] += entry.weight
                                }
                                break
                            }
                            if slot.key == 0 { break }
                            index = (index + 1) & mask
                        }
                    }
                }
            }
        }
        return withUnsafeBytes(of: &scores) { raw in
            let scores = raw.bindMemory(to: Float.self)
            var best = 0
            for index in 1..<PartOfSpeech.count where scores[index] > scores[best] { best = index }
            return PartOfSpeech(rawValue: UInt8(best))!
        }
    }

    /// Every feature with its weights, in the order of their hashes: what a model file holds.
    public var weights: [(key: UInt64, entries: [(tag: PartOfSpeech, weight: Float)])] {
        slots.filter { $0.key != 0 }.sorted { $0.key < $1.key }.map { slot in
            (
                slot.key,
                entries[Int(slot.start)..<Int(slot.start + slot.count)].map {
                    (PartOfSpeech(rawValue: $0.tag)!, $0.weight)
                }
            )
        }
    }
}
