import Ingest

/// The words a question writes on either side of its question word, which a sentence that
/// answers tends to write on the same sides of the answer: "from" of "…separates Bavaria from
/// what other one?" ("from Baden-Württemberg"), "architect" of "What nationality is the architect
/// Enric Miralles?" ("Spanish architect Enric Miralles"), "prohibits" of "What prohibits atoms…?".
struct QuestionFrame: Sendable, Equatable {
    /// The word right before the question word, lower-cased; nil when the question opens with it.
    var before: String?
    /// The stem of the first word after the question word that says something: not the noun it
    /// asks about, an auxiliary or a small word.
    var after: String?

    init(_ question: Question) {
        let words = WordSplitter.words(question.text).map { $0.text.lowercased() }
        guard let wh = words.firstIndex(where: { Self.questionWords.contains($0) }) else { return }
        before = wh > 0 && words[wh - 1].first?.isLetter == true ? words[wh - 1] : nil
        func says(_ word: String) -> Bool {
            word.first?.isLetter == true && !Question.auxiliaries.contains(word) && !Stopwords.english.contains(word)
                && !Question.kindWords.contains(word) && TermExtractor.term(word) != question.askedNoun
        }
        after = words[(wh + 1)...].first(where: says).map(TermExtractor.term)
    }

    static let questionWords: Set<String> = ["what", "which", "who", "whom", "whose", "when", "where", "how", "why"]
}
