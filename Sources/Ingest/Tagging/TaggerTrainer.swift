/// Trains a ``PartOfSpeechTagger`` as an averaged perceptron: tag each training sentence left to
/// right with the weights so far; where a tag is wrong, add to the right tag's weights and take
/// from the wrong one's; the model is every weight averaged over every step, which keeps it from
/// following the last sentences it saw. Sentences are visited in an order shuffled by a seeded
/// generator, so the same data always gives the same model.
public struct TaggerTrainer: Sendable {
    /// Passes over the training sentences.
    public var iterations: Int
    /// Seeds the order of sentences in each pass.
    public var seed: UInt64
    /// Averaged weights smaller than this are left out of the model: they seldom change a tag
    /// and make the file larger.
    public var smallest: Float
    /// A word seen at least this often, with one tag at least `fixedShare` of the time, takes
    /// that tag without features.
    public var fixedCount = 20
    public var fixedShare = 0.97
    /// A word seen at least this often has its tags (those it took at least once in twenty)
    /// as a feature of itself and of the words before it.
    public var classCount = 3

    public init(iterations: Int = 8, seed: UInt64 = 1, smallest: Float = 0.1) {
        self.iterations = iterations
        self.seed = seed
        self.smallest = smallest
    }

    /// The model, and after each pass `report(pass, accuracy on the training sentences)`.
    public func train(
        _ sentences: [Treebank.Sentence], report: (Int, Double) -> Void = { _, _ in }
    ) -> PartOfSpeechTagger {
        let plain = sentences.map { TaggerFeatures.words($0.words, classes: [:]) }
        let counts = Self.tagCounts(plain, sentences)
        let fixed = Self.fixedWords(counts, count: fixedCount, share: fixedShare)
        let classes = Self.classes(counts, count: classCount)
        let words = sentences.map { TaggerFeatures.words($0.words, classes: classes) }
        var perceptron = Perceptron()
        var generator = SplitMix64(seed: seed)
        var order = Array(sentences.indices)
        let startTag = UInt8(PartOfSpeech.count)
        let buffer = UnsafeMutablePointer<UInt64>.allocate(capacity: TaggerFeatures.count)
        defer { buffer.deallocate() }
        for pass in 1...max(1, iterations) {
            generator.shuffle(&order)
            var right = 0
            var total = 0
            for sentence in order {
                var previous = startTag
                var beforePrevious = startTag
                for index in words[sentence].indices {
                    let truth = sentences[sentence].tags[index]
                    var guess = truth
                    if let known = fixed[words[sentence][index].normal] {
                        guess = known
                    } else {
                        TaggerFeatures.features(
                            words[sentence], at: index, previous: previous, beforePrevious: beforePrevious,
                            into: buffer)
                        let features = UnsafeBufferPointer(start: buffer, count: TaggerFeatures.count)
                        guess = perceptron.best(features)
                        perceptron.step()
                        if guess != truth { perceptron.update(features, truth: truth, guess: guess) }
                    }
                    if guess == truth { right += 1 }
                    total += 1
                    beforePrevious = previous
                    previous = guess.rawValue
                }
            }
            report(pass, Double(right) / Double(max(1, total)))
        }
        return PartOfSpeechTagger(weights: perceptron.averaged(smallest: smallest), fixed: fixed, classes: classes)
    }

    /// The share of `sentences`' words that `tagger` tags as they are tagged.
    public static func accuracy(of tagger: PartOfSpeechTagger, on sentences: [Treebank.Sentence]) -> Double {
        var right = 0
        var total = 0
        for sentence in sentences {
            let tags = tagger.tag(sentence.words)
            right += zip(tags, sentence.tags).count { $0 == $1 }
            total += sentence.tags.count
        }
        return Double(right) / Double(max(1, total))
    }

    /// How often each word (by ``TaggerFeatures/Word/normal``) took each tag.
    static func tagCounts(_ words: [[TaggerFeatures.Word]], _ sentences: [Treebank.Sentence]) -> [UInt64: [Int]] {
        var counts: [UInt64: [Int]] = [:]
        for (sentenceWords, sentence) in zip(words, sentences) {
            for (word, tag) in zip(sentenceWords, sentence.tags) {
                counts[word.normal, default: Array(repeating: 0, count: PartOfSpeech.count)][Int(tag.rawValue)] += 1
            }
        }
        return counts
    }

    /// The tags each word seen at least `count` times took at least once in twenty, as bits.
    static func classes(_ counts: [UInt64: [Int]], count: Int) -> [UInt64: UInt32] {
        var classes: [UInt64: UInt32] = [:]
        for (word, byTag) in counts {
            let seen = byTag.reduce(0, +)
            guard seen >= count else { continue }
            var mask: UInt32 = 0
            for (tag, times) in byTag.enumerated() where times * 20 >= seen { mask |= 1 << tag }
            classes[word] = mask
        }
        return classes
    }

    /// The words seen at least `count` times that took one tag at least `share` of the time.
    static func fixedWords(_ counts: [UInt64: [Int]], count: Int, share: Double) -> [UInt64: PartOfSpeech] {
        var fixed: [UInt64: PartOfSpeech] = [:]
        for (word, byTag) in counts {
            let seen = byTag.reduce(0, +)
            guard seen >= count, let most = byTag.indices.max(by: { byTag[$0] < byTag[$1] }) else { continue }
            if Double(byTag[most]) / Double(seen) >= share { fixed[word] = PartOfSpeech(rawValue: UInt8(most)) }
        }
        return fixed
    }
}

/// The perceptron's weights while it learns: one row of weights a feature, with what the
/// average needs (each weight's running total and when it last changed).
private struct Perceptron {
    var slots: [UInt64: Int] = [:]
    var keys: [UInt64] = []
    var weights: [Float] = []
    var totals: [Double] = []
    var stamps: [Int] = []
    var now = 0
    static let width = PartOfSpeech.count

    mutating func step() { now += 1 }

    func best(_ features: UnsafeBufferPointer<UInt64>) -> PartOfSpeech {
        var scores = [Float](repeating: 0, count: Self.width)
        for feature in features {
            guard let slot = slots[feature] else { continue }
            for tag in 0..<Self.width { scores[tag] += weights[slot * Self.width + tag] }
        }
        var best = 0
        for tag in 1..<Self.width where scores[tag] > scores[best] { best = tag }
        return PartOfSpeech(rawValue: UInt8(best))!
    }

    mutating func update(_ features: UnsafeBufferPointer<UInt64>, truth: PartOfSpeech, guess: PartOfSpeech) {
        for feature in features {
            let slot = slot(feature)
            change(slot * Self.width + Int(truth.rawValue), by: 1)
            change(slot * Self.width + Int(guess.rawValue), by: -1)
        }
    }

    private mutating func slot(_ feature: UInt64) -> Int {
        if let slot = slots[feature] { return slot }
        let slot = keys.count
        slots[feature] = slot
        keys.append(feature)
        weights.append(contentsOf: repeatElement(0, count: Self.width))
        totals.append(contentsOf: repeatElement(0, count: Self.width))
        stamps.append(contentsOf: repeatElement(0, count: Self.width))
        return slot
    }

    private mutating func change(_ index: Int, by delta: Float) {
        totals[index] += Double(now - stamps[index]) * Double(weights[index])
        stamps[index] = now
        weights[index] += delta
    }

    func averaged(smallest: Float) -> [UInt64: [(tag: PartOfSpeech, weight: Float)]] {
        var averaged: [UInt64: [(tag: PartOfSpeech, weight: Float)]] = [:]
        for (slot, key) in keys.enumerated() {
            var entries: [(tag: PartOfSpeech, weight: Float)] = []
            for tag in 0..<Self.width {
                let index = slot * Self.width + tag
                let total = totals[index] + Double(now - stamps[index]) * Double(weights[index])
                let weight = Float(total / Double(max(1, now)))
                if abs(weight) >= smallest { entries.append((PartOfSpeech(rawValue: UInt8(tag))!, weight)) }
            }
            if !entries.isEmpty { averaged[key] = entries }
        }
        return averaged
    }
}

/// A small, seeded pseudo-random generator (splitmix64): the same seed, the same numbers, on
/// every machine and in every run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        defer { state &+= 0x9E37_79B9_7F4A_7C15 }
        return TaggerFeatures.mix(state)
    }

    /// Fisher and Yates's shuffle, written out so that no library's choice of method changes the order.
    mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, Int(next() % UInt64(index + 1)))
        }
    }
}
