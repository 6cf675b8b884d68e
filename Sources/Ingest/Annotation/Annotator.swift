/// Runs every annotator over a segmented document. Sentences are numbered through the whole
/// document, in order, as the cache numbers them. Dates the text leaves open are resolved
/// against `date`, the document's own, when it is known; `title` tells what the document is
/// about, which its pronouns and descriptions may stand for.
public enum Annotator {
    public static func annotate(
        _ sections: [Section], title: String = "", date: CalendarDate? = nil, lexicon: NameLexicon = .empty
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
        var tokenizedSentences: [TokenizedSentence] = []
        tokenizedSentences.reserveCapacity(sentences.count)
        for (index, sentence) in sentences.enumerated() {
            let tokenized = TokenizedSentence(sentence)
            tokenizedSentences.append(tokenized)
            candidates += EntityRecognizer.recognise(sentence: tokenized, index: index, lexicon: lexicon)
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
            references: ReferenceResolver.resolve(sentences: tokenizedSentences, entities: entities, title: title))
    }
}
