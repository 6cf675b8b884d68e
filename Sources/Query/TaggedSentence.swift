import Ingest

/// A sentence split into the treebank's words, tagged, and read into phrases, with which words
/// a question says.
struct TaggedSentence {
    let words: [WordSplitter.Word]
    let tags: [PartOfSpeech]
    let phrases: [PhraseChunker.Phrase]
    /// Whether the question says each word (or a relative of it).
    let asked: [Bool]
    /// Each word's stem, lower-cased, as the index stems it: what the question's nouns and verbs
    /// are compared with.
    let stems: [String]
    private let scalars: [Unicode.Scalar]

    init(_ text: String, tagger: PartOfSpeechTagger, question: Question, relatives: [String: Set<String>]) {
        scalars = Array(text.unicodeScalars)
        let words = WordSplitter.words(text)
        self.words = words
        let texts = words.map(\.text)
        tags = tagger.tag(texts)
        let touching = words.indices.map { $0 > 0 && words[$0 - 1].range.upperBound == words[$0].range.lowerBound }
        phrases = PhraseChunker.phrases(words: texts, tags: tags, touching: touching)
        let terms = Set(question.terms).union(relatives.values.joined())
        let said = Set(question.words)
        stems = texts.map { TermExtractor.term($0.lowercased()) }
        asked = texts.map { word in
            let lower = word.lowercased()
            return said.contains(lower) || TermExtractor.terms(lower).contains { terms.contains($0) }
        }
    }

    /// The text of words `range`, as the sentence writes it.
    func text(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        return String(
            String.UnicodeScalarView(
                scalars[words[range.lowerBound].range.lowerBound..<words[range.upperBound - 1].range.upperBound]))
    }

    /// The words that `text` spans where the sentence first writes it, whole words only.
    func wordRange(of text: String) -> Range<Int>? {
        let target = Array(text.unicodeScalars)
        guard !target.isEmpty, target.count <= scalars.count else { return nil }
        var start = 0
        while start + target.count <= scalars.count {
            if scalars[start..<(start + target.count)].elementsEqual(target),
                let first = words.firstIndex(where: { $0.range.lowerBound == start }),
                let last = words[first...].firstIndex(where: { $0.range.upperBound == start + target.count })
            {
                return first..<(last + 1)
            }
            start += 1
        }
        return nil
    }

    /// `range` without the words it opens with that join or lead others (a determiner, "and",
    /// "of", a possessive), nor the words the question says before its own ("the largest
    /// mainline Protestant denomination" → "mainline Protestant denomination" for "…the largest
    /// what?").
    ///
    /// A name stays whole: "Rhine Gorge", "Lake Überlingen" keep the word the question says.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var range = range
        while range.count > 1,
            Self.joining.contains(tags[range.lowerBound])
                || (asked[range.lowerBound]
                    && !(tags[range.lowerBound] == .properNoun && tags[range.lowerBound + 1] == .properNoun))
                || (tags[range.lowerBound] == .pronoun && PhraseChunker.isPossessive(words[range.lowerBound].text))
        {
            range = (range.lowerBound + 1)..<range.upperBound
        }
        return range
    }

    /// `range` with the "of" phrase said of it, when that says something the question does not:
    /// "the fundamental theorem of arithmetic", "the rotational inertia of planet Earth"; but
    /// "algebraic aspects", not "… of numbers", when the question says "numbers".
    func withComplement(_ range: Range<Int>) -> Range<Int> {
        guard let complement = complement(of: range), !complement.allSatisfy(isSaid) else { return range }
        return range.lowerBound..<complement.upperBound
    }

    /// The noun phrase of the "of" phrase said of `range`, trimmed: "journalism" in "the
    /// profession of journalism".
    func complement(of range: Range<Int>) -> Range<Int>? {
        guard
            let phrase = phrases.first(where: {
                $0.kind == .prepositional && $0.range.lowerBound == range.upperBound && $0.attachedTo != nil
                    && words[$0.head].text.lowercased() == "of"
            })
        else { return nil }
        let noun = trimmed((phrase.range.lowerBound + 1)..<phrase.range.upperBound)
        return noun.isEmpty ? nil : noun
    }

    /// Whether the word adds nothing to what the question says: said by it, or a small word.
    func isSaid(_ index: Int) -> Bool {
        asked[index] || (!isNumber(index) && Stopwords.english.contains(words[index].text.lowercased()))
            || tags[index] == .punctuation
    }

    /// Noun phrases the question does not already say, trimmed (``trimmed(_:)``): what could
    /// answer it.
    func openNounPhrases() -> [Range<Int>] {
        phrases.compactMap { phrase -> Range<Int>? in
            guard phrase.kind == .noun else { return nil }
            let range = trimmed(phrase.range)
            let content = range.filter { ![.determiner, .punctuation, .particle, .adposition].contains(tags[$0]) }
            // A number is content even when it is a small word ("twelve").
            guard !content.isEmpty, !content.allSatisfy(isSaid),
                !(range.count == 1 && tags[range.lowerBound] == .pronoun)
            else { return nil }
            return range
        }
    }

    /// The shorter noun phrases that end where noun phrase `range` ends, each from one of its
    /// later words: "environmental determinism" and "determinism" of "concept environmental
    /// determinism". None that opens on a word that joins or leads others ("-", "'s", "and",
    /// "of", "the"), or on the second part of a compound ("Rabin" of "Miller–Rabin"), or holds
    /// nothing new.
    func tails(of range: Range<Int>) -> [Range<Int>] {
        guard range.count > 1 else { return [] }
        return ((range.lowerBound + 1)..<range.upperBound).compactMap { start in
            let tail = start..<range.upperBound
            guard !Self.joining.contains(tags[start]), !PhraseChunker.joiningMarks.contains(words[start].text),
                !PhraseChunker.joiningMarks.contains(words[start - 1].text), !tail.allSatisfy(isSaid)
            else { return nil }
            return tail
        }
    }

    /// The tags of words that join others, or lead them, and so do not open a phrase of their own.
    static let joining: Set<PartOfSpeech> = [
        .punctuation, .particle, .coordinatingConjunction, .adposition, .determiner,
    ]

    /// Other parts of noun phrase `range` that may answer alone: its common words and its
    /// proper nouns apart, when the one run follows the other ("historians" and "John Gallagher"
    /// of "historians John Gallagher", "Spanish architect" of "Spanish architect Enric
    /// Miralles"), and each without the words the question says at its end ("US$100,000" of
    /// "US$100,000 prize", "Spanish" of "Spanish architect" for "…the architect?").
    func parts(of range: Range<Int>) -> [Range<Int>] {
        var pieces = [range]
        // Where proper nouns give way to common words or the other way; words that join are neither.
        let content = range.filter { !Self.joining.contains(tags[$0]) }
        let changes = zip(content, content.dropFirst()).filter {
            (tags[$0] == .properNoun) != (tags[$1] == .properNoun)
        }
        if changes.count == 1, let (last, first) = changes.first, first == last + 1 {
            pieces += [range.lowerBound..<first, first..<range.upperBound]
        }
        var parts: [Range<Int>] = []
        for piece in pieces {
            if piece != range { parts.append(piece) }
            var end = piece.upperBound
            while end > piece.lowerBound, asked[end - 1] || Self.joining.contains(tags[end - 1]) { end -= 1 }
            if end > piece.lowerBound, end < piece.upperBound { parts.append(piece.lowerBound..<end) }
        }
        return parts.filter { !$0.allSatisfy(isSaid) }
    }

    /// Runs of adjectives the question does not say, perhaps joined by "and", "or" or a comma
    /// ("strong", "vicious and destructive"), each with an adverb that grades it.
    func adjectiveRuns() -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var index = 0
        while index < tags.count {
            guard tags[index] == .adjective else {
                index += 1
                continue
            }
            var start = index
            if start > 0, tags[start - 1] == .adverb { start -= 1 }
            var end = index + 1
            while end + 1 < tags.count, tags[end + 1] == .adjective,
                tags[end] == .coordinatingConjunction || words[end].text == ","
            {
                end += 2
            }
            index = end
            let run = start..<end
            if !run.allSatisfy(isSaid), run.count <= Phrase.longest { runs.append(run) }
        }
        return runs
    }

    /// What a verb the question does not say does, with what it is done to: the verb and the
    /// noun or prepositional phrase right after it, perhaps past a particle or an adverb
    /// ("ignored the warning", "returned to New York"), a noun phrase with its "of" phrase
    /// ("abolish the state of Israel").
    func verbPhrases() -> [Range<Int>] {
        phrases.compactMap { group -> Range<Int>? in
            guard group.kind == .verb, tags[group.head] == .verb, !asked[group.head] else { return nil }
            let objects = (group.head + 1)...(group.head + 2)
            guard
                let object = phrases.first(where: { phrase in
                    phrase.kind != .verb && objects.contains(phrase.range.lowerBound)
                        && (group.head + 1..<phrase.range.lowerBound).allSatisfy {
                            [.particle, .adverb].contains(tags[$0])
                        }
                })
            else { return nil }
            let end = object.kind == .noun ? withComplement(object.range).upperBound : object.range.upperBound
            let range = group.head..<end
            return range.count <= 2 * Phrase.longest && !range.allSatisfy(isSaid) ? range : nil
        }
    }

    /// Two numbers joined by "to" or a dash, each with the number words around it ("12 to 15
    /// million", "20 to 1").
    func numberRanges() -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for index in words.indices.dropFirst().dropLast() {
            let word = words[index].text.lowercased()
            guard ["to", "-", "–", "—"].contains(word), isNumber(index - 1), isNumber(index + 1) else { continue }
            var start = index - 1
            while start > 0, isNumber(start - 1) { start -= 1 }
            var end = index + 2
            while end < words.count, isNumber(end) { end += 1 }
            ranges.append(start..<end)
        }
        return ranges
    }

    /// Times written as how long ago or in which era ("11,700 years ago", "3 million years ago",
    /// "13,000 BP", "3000 yr BP", "44 BC", "AD 800"): dates to a reader, which name no day of a
    /// calendar and so are not the date recogniser's.
    func eraDates() -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        func isEra(_ index: Int) -> Bool { index < words.count && Self.eras.contains(words[index].text) }
        func isWord(_ index: Int, in set: Set<String>) -> Bool {
            index < words.count && set.contains(words[index].text.lowercased())
        }
        while index < words.count {
            if isEra(index), index + 1 < words.count, isNumber(index + 1) {
                ranges.append(index..<(index + 2))
                index += 2
                continue
            }
            guard isNumber(index) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < words.count, isNumber(end) { end += 1 }
            if isEra(end) {
                ranges.append(index..<(end + 1))
            } else if isWord(end, in: Self.timeUnits), isEra(end + 1) {
                ranges.append(index..<(end + 2))
            } else if isWord(end, in: Self.timeUnits), isWord(end + 1, in: ["ago"]) {
                ranges.append(index..<(end + 2))
            }
            index = end
        }
        return ranges
    }

    /// As they are written: "BP" before present, where "bp" is a basis point.
    static let eras: Set<String> = ["BP", "BC", "BCE", "AD", "CE", "B.C.", "A.D.", "B.C.E.", "C.E.", "B.P."]
    static let timeUnits: Set<String> = [
        "years", "yr", "yrs", "decades", "centuries", "millennia", "months", "weeks", "days",
    ]

    /// How many words lie between `range` and the nearest word the question says.
    func distance(_ range: Range<Int>) -> Int {
        asked.indices.filter { asked[$0] }.map { index in
            index < range.lowerBound
                ? range.lowerBound - index : index >= range.upperBound ? index - range.upperBound + 1 : 0
        }.min() ?? .max
    }

    /// A numeral, or a word the number recogniser reads as a number ("twelve" may be tagged as an adjective).
    func isNumber(_ index: Int) -> Bool { tags[index] == .numeral || NumberWords.contains(words[index].text) }

    /// A year ("1066", "1990s"), or a word that counts centuries or decades.
    func isYearLike(_ index: Int) -> Bool {
        let word = words[index].text.lowercased()
        if ["century", "centuries", "decade", "decades", "millennium"].contains(word) { return true }
        let digits = word.prefix { $0.isASCII && $0.isNumber }
        return tags[index] == .numeral && (3...4).contains(digits.count)
            && (word.count == digits.count || word.dropFirst(digits.count) == "s")
    }

    /// Whether a word the question says comes before `range`.
    func follows(_ range: Range<Int>) -> Bool { asked[..<range.lowerBound].contains(true) }
}
