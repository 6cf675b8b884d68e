/// The part of speech of a sentence's tokens, as the tagger reads the sentence. Only as much of
/// the sentence is split and tagged as the token asked for needs: a word's tag depends on the
/// tags before it and on the two words after it, so the tags of a sentence's beginning are the
/// same whether the rest is read or not. Without a tagger every tag is unknown.
struct TokenTags {
    private let sentence: TokenizedSentence
    private let tagger: PartOfSpeechTagger?
    /// The tags of the first tokens, as far as they are read.
    private var tags: [PartOfSpeech?] = []
    /// How many tokens have been read, over every reading.
    private(set) var tokensRead = 0

    init(_ sentence: TokenizedSentence, tagger: PartOfSpeechTagger?) {
        self.sentence = sentence
        self.tagger = tagger
    }

    /// The tag of the token at `index`; nil without a tagger.
    mutating func tag(at index: Int) -> PartOfSpeech? {
        guard let tagger else { return nil }
        if index >= tags.count {
            // Reading on from the start, at least twice as far as before: a long sentence asked
            // about token after token is read a bounded number of times over, not once a token.
            let last = min(sentence.tokens.count - 1, max(index, 2 * tags.count))
            (tags, tokensRead) = (Self.tags(of: sentence, through: last, by: tagger), tokensRead + last + 1)
        }
        return tags[index]
    }

    /// The tags of the tokens up to `last`. The tagger splits text as its treebank does ("Smith
    /// 's", "ISIS - K"); a token takes the tag of the word it starts with.
    private static func tags(
        of sentence: TokenizedSentence, through last: Int, by tagger: PartOfSpeechTagger
    ) -> [PartOfSpeech?] {
        let tokens = sentence.tokens
        // The words up to the token's, and at least the two after it.
        let limit = last + 3 < tokens.count ? tokens[last + 3].start : sentence.scalars.count
        let words = WordSplitter.words(sentence.text, before: limit)
        let wordTags = tagger.tag(words.map(\.text))
        var tags: [PartOfSpeech?] = []
        tags.reserveCapacity(last + 1)
        var word = 0
        for token in tokens[...last] {
            while word < words.count, words[word].range.lowerBound < token.start { word += 1 }
            let starts = word < words.count && words[word].range.lowerBound == token.start
            tags.append(starts ? wordTags[word] : nil)
        }
        return tags
    }
}
