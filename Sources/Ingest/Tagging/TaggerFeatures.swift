/// The features a tagger weighs for one word: the word, its affixes and shape, the words around
/// it and the tags already given to the two before it. The trainer and the tagger both read
/// features here, so a model always meets the features it was trained on.
///
/// Each feature is a 64-bit hash of its template and its value (FNV-1a over UTF-8, then mixed),
/// the same on every machine and in every run: the model stores hashes, not strings.
public struct TaggerFeatures: Sendable {
    /// What is known of one word before tagging: the hashes of its parts.
    public struct Word: Sendable {
        /// The word lower-cased, numbers folded to their shape ("!YEAR", "!DIGITS").
        var normal: UInt64
        /// The word as written.
        var written: UInt64
        var suffix1: UInt64
        var suffix2: UInt64
        var suffix3: UInt64
        var suffix4: UInt64
        var prefix1: UInt64
        var prefix3: UInt64
        /// Letters as X and x, digits as d, runs shortened: "McKenzie" → "XxXx".
        var shape: UInt64
        var flags: UInt64
        /// The tags the word took in training (a bit a tag), 0 for a word seen too seldom: what
        /// the words ahead may be, before they are tagged.
        var ambiguity: UInt64 = 0
    }

    /// Placeholders for the words before the first and after the last.
    static let start = Word(marker: "-START-")
    static let end = Word(marker: "-END-")

    /// The parts of each of `words`, with the tags each took in training (`classes`).
    public static func words(_ words: [String], classes: [UInt64: UInt32]) -> [Word] {
        words.map { text in
            var word = Word(text)
            word.ambiguity = UInt64(classes[word.normal] ?? 0)
            return word
        }
    }

    /// How many features ``features(_:at:previous:beforePrevious:into:)`` writes.
    static let count = 29

    /// The features of word `index` of `words`, given the tags of the two words before it,
    /// written into `buffer` (``count`` of them).
    @inline(__always)
    static func features(
        _ words: [Word], at index: Int, previous: UInt8, beforePrevious: UInt8,
        into buffer: UnsafeMutablePointer<UInt64>
    ) {
        let word = words[index]
        let before = index > 0 ? words[index - 1] : start
        let beforeThat = index > 1 ? words[index - 2] : start
        let after = index + 1 < words.count ? words[index + 1] : end
        let afterThat = index + 2 < words.count ? words[index + 2] : end
        let previousTag = UInt64(previous)
        let twoTags = UInt64(previous) << 8 | UInt64(beforePrevious)
        var slot = 0
        func put(_ template: UInt64, _ value: UInt64) {
            buffer[slot] = mix(template &* 0x9E37_79B9_7F4A_7C15 ^ value)
            slot += 1
        }
        put(1, 0)
        put(2, word.normal)
        put(3, word.written)
        put(4, word.suffix1)
        put(5, word.suffix2)
        put(6, word.suffix3)
        put(7, word.suffix4)
        put(8, word.prefix1)
        put(9, word.prefix3)
        put(10, word.shape)
        put(11, word.flags | (index == 0 ? 1 : 0))
        put(12, previousTag)
        put(13, twoTags)
        put(14, mix(previousTag ^ word.normal))
        put(15, before.normal)
        put(16, before.suffix3)
        put(17, beforeThat.normal)
        put(18, after.normal)
        put(19, after.suffix3)
        put(20, afterThat.normal)
        put(21, after.shape)
        put(22, mix(before.normal ^ word.normal &* 31))
        put(23, mix(word.normal ^ after.normal &* 37))
        put(24, mix(previousTag ^ after.normal &* 41))
        put(25, word.ambiguity)
        put(26, after.ambiguity)
        put(27, afterThat.ambiguity)
        put(28, mix(previousTag ^ after.ambiguity &* 43))
        put(29, mix(word.ambiguity ^ after.ambiguity &* 47))
    }

    /// The splitmix64 finaliser: spreads a value's bits over all 64.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// FNV-1a over bytes, with a seed for the part it hashes.
    @inline(__always)
    static func hash(_ bytes: some Sequence<UInt8>, seed: UInt64) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}

extension TaggerFeatures.Word {
    init(marker: String) {
        let hash = TaggerFeatures.hash(marker.utf8, seed: 0)
        self.init(
            normal: hash, written: hash, suffix1: hash, suffix2: hash, suffix3: hash, suffix4: hash, prefix1: hash,
            prefix3: hash, shape: hash, flags: 0)
    }

    init(_ text: String) {
        var text = text
        let fast = text.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
        if fast {
            self = text.withUTF8 { Self(ascii: $0) }
            return
        }
        let lower = Array(text.lowercased().utf8)
        // Scalars start where a byte is not a continuation byte; affixes count scalars.
        let starts = lower.indices.filter { lower[$0] & 0xC0 != 0x80 }
        let scalarCount = starts.count
        func offset(_ scalar: Int) -> Int { scalar < starts.count ? starts[scalar] : lower.count }
        func suffix(_ length: Int, seed: UInt64) -> UInt64 {
            TaggerFeatures.hash(lower[offset(max(0, scalarCount - length))...], seed: seed)
        }
        func prefix(_ length: Int, seed: UInt64) -> UInt64 {
            TaggerFeatures.hash(lower[..<offset(min(scalarCount, length))], seed: seed)
        }
        normal = Self.normal(lower, digits: text.utf8.count { (0x30...0x39).contains($0) })
        written = TaggerFeatures.hash(text.utf8, seed: 3)
        suffix1 = suffix(1, seed: 4)
        suffix2 = suffix(2, seed: 5)
        suffix3 = suffix(3, seed: 6)
        suffix4 = suffix(4, seed: 7)
        prefix1 = prefix(1, seed: 8)
        prefix3 = prefix(3, seed: 9)
        var shape: [UInt8] = []
        var flags: UInt64 = 0
        func add(_ letter: UInt8) {
            // Runs of one kind count at most twice: "Xxx" for "Xxxxxxx".
            if shape.count < 2 || shape[shape.count - 1] != letter || shape[shape.count - 2] != letter {
                shape.append(letter)
            }
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isUppercase {
                flags |= shape.isEmpty ? 2 : 4
                add(0x58)
            } else if scalar.properties.isAlphabetic {
                add(0x78)
            } else if scalar.properties.numericType != nil {
                flags |= 8
                add(0x64)
            } else {
                if scalar == "-" { flags |= 16 }
                add(scalar.isASCII ? UInt8(scalar.value) : 0x2A)
            }
        }
        self.shape = TaggerFeatures.hash(shape, seed: 10)
        self.flags = flags << 1
    }

    /// The same for a word all ASCII, without allocating: most words of English text.
    init(ascii bytes: UnsafeBufferPointer<UInt8>) {
        @inline(__always) func lower(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }
        let lowered = bytes.lazy.map(lower)
        func suffix(_ length: Int, seed: UInt64) -> UInt64 {
            TaggerFeatures.hash(lowered[max(0, bytes.count - length)...], seed: seed)
        }
        normal = Self.normal(lowered, digits: bytes.count { (0x30...0x39).contains($0) })
        written = TaggerFeatures.hash(bytes, seed: 3)
        suffix1 = suffix(1, seed: 4)
        suffix2 = suffix(2, seed: 5)
        suffix3 = suffix(3, seed: 6)
        suffix4 = suffix(4, seed: 7)
        prefix1 = TaggerFeatures.hash(lowered.prefix(1), seed: 8)
        prefix3 = TaggerFeatures.hash(lowered.prefix(3), seed: 9)
        // The shape's hash, made as it is written: runs of one kind at most twice.
        var shape: UInt64 = 0xCBF2_9CE4_8422_2325 ^ 10
        var last: (UInt8, UInt8) = (0, 0)
        var length = 0
        var flags: UInt64 = 0
        for byte in bytes {
            let letter: UInt8
            switch byte {
            case 0x41...0x5A:
                flags |= length == 0 ? 2 : 4
                letter = 0x58
            case 0x61...0x7A: letter = 0x78
            case 0x30...0x39:
                flags |= 8
                letter = 0x64
            default:
                if byte == 0x2D { flags |= 16 }
                letter = byte
            }
            if length < 2 || last.0 != letter || last.1 != letter {
                shape ^= UInt64(letter)
                shape = shape &* 0x0000_0100_0000_01B3
                last = (last.1, letter)
                length += 1
            }
        }
        self.shape = shape
        self.flags = flags << 1
    }

    /// The word's hash as a word: lower case, a year or a number by its kind.
    static func normal(_ lower: some Collection<UInt8>, digits: Int) -> UInt64 {
        let seed: UInt64 = 2
        if digits == 4 && lower.count == 4 { return TaggerFeatures.hash("!YEAR".utf8, seed: seed) }
        if digits > 0, let first = lower.first, (0x30...0x39).contains(first) {
            return TaggerFeatures.hash("!DIGITS".utf8, seed: seed)
        }
        return TaggerFeatures.hash(lower, seed: seed)
    }
}
