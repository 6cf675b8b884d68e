/// Sentences with every word's part of speech, read from CoNLL-U (the Universal Dependencies
/// format): one word a line, ten tab-separated columns, a blank line after each sentence.
/// Multi-word tokens ("3-4 don't") and empty nodes ("8.1") are skipped: a tagger tags the
/// syntactic words.
public enum Treebank {
    public struct Sentence: Sendable, Equatable {
        public var words: [String]
        public var tags: [PartOfSpeech]

        public init(words: [String], tags: [PartOfSpeech]) {
            self.words = words
            self.tags = tags
        }
    }

    public struct Malformed: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public static func sentences(_ text: String) throws(Malformed) -> [Sentence] {
        var sentences: [Sentence] = []
        var current = Sentence(words: [], tags: [])
        func finish() {
            if !current.words.isEmpty { sentences.append(current) }
            current = Sentence(words: [], tags: [])
        }
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty {
                finish()
                continue
            }
            if line.hasPrefix("#") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 10 else {
                throw Malformed(line: number + 1, reason: "\(columns.count) columns, not 10")
            }
            if columns[0].contains("-") || columns[0].contains(".") { continue }
            guard let tag = PartOfSpeech(tag: columns[3]) else {
                throw Malformed(line: number + 1, reason: "unknown tag \(columns[3])")
            }
            current.words.append(String(columns[1]))
            current.tags.append(tag)
        }
        finish()
        return sentences
    }
}
