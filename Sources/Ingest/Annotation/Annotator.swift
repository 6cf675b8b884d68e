/// Runs every annotator over a segmented document. Sentences are numbered through the whole
/// document, in order, as the cache numbers them. Dates the text leaves open are resolved
/// against `date`, the document's own, when it is known; `title` tells what the document is
/// about, which its pronouns and descriptions may stand for. The tagger, when there is one,
/// tells a name from a capitalised ordinary word.
public enum Annotator {
    public static func annotate(
        _ sections: [Section], title: String = "", date: CalendarDate? = nil, lexicon: NameLexicon = .empty,
        tagger: PartOfSpeechTagger? = nil
    ) -> Annotations {
        var sentences: [String] = []
        var paragraphOf: [Int] = []
        var paragraphs: [String] = []
        for section in sections {
            for paragraph in section.paragraphs where paragraph.kind == .prose {
                paragraphs.append(paragraph.text)
                for sentence in paragraph.sentences {
                    sentences.append(sentence)
                    paragraphOf.append(paragraphs.count - 1)
                }
            }
        }
        // A few thousand characters tell the language as well as the whole text.
        var sample = ""
        for paragraph in paragraphs where sample.utf8.count < 4000 { sample += paragraph + " " }
        let language = LanguageDetector.detect(sample)
        // Each sentence is tokenized once, for names, dates and numbers.
        var candidates: [EntityRecognizer.Candidate] = []
        var dates: [DateMention] = []
        var numbers: [NumberMention] = []
        // The references need every sentence's tokens again once the names are known. Kept for
        // a document of ordinary size; a large one (a log) makes them again one sentence at a
        // time, rather than hold a few dozen bytes a character for all of them at once.
        let keepsTokens = sentences.reduce(0) { $0 + $1.utf8.count } <= Self.keptTokensTextBytes
        var tokens: [[Token]] = []
        if keepsTokens { tokens.reserveCapacity(sentences.count) }
        for (index, sentence) in sentences.enumerated() {
            let tokenized = TokenizedSentence(sentence)
            if keepsTokens { tokens.append(tokenized.tokens) }
            candidates += EntityRecognizer.recognise(
                sentence: tokenized, index: index, lexicon: lexicon, tagger: tagger)
            numbers += NumberRecognizer.recognise(tokenized, index: index)
            if DateRecognizer.mayHaveDates(sentence, reference: date) {
                dates += DateRecognizer.recognise(tokenized, index: index, reference: date)
            }
        }
        let entities = EntityRecognizer.merge(candidates)
        return Annotations(
            language: language,
            foreignSpans: LanguageDetector.foreignSpans(in: paragraphs, documentLanguage: language),
            entities: entities,
            dates: dates,
            numbers: numbers,
            quotes: QuoteRecognizer.recognise(sentences: sentences, paragraphOf: paragraphOf, entities: entities),
            references: ReferenceResolver.resolve(
                sentenceCount: sentences.count,
                tokens: { keepsTokens ? tokens[$0] : TokenizedSentence(sentences[$0]).tokens },
                entities: entities, title: title))
    }

    /// Up to this much text, the sentences' tokens are kept between the two passes.
    static let keptTokensTextBytes = 1 << 20
}
