/// Runs every annotator over a segmented document. Sentences are numbered through the whole
/// document, in order, as the cache numbers them. Dates the text leaves open are resolved
/// against `date`, the document's own, when it is known.
public enum Annotator {
    public static func annotate(_ sections: [Section], date: CalendarDate? = nil) -> Annotations {
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
        let entities = EntityRecognizer.recognise(sentences: sentences)
        return Annotations(
            language: language,
            foreignSpans: LanguageDetector.foreignSpans(in: paragraphs, documentLanguage: language),
            entities: entities,
            dates: DateRecognizer.recognise(sentences: sentences, reference: date),
            quotes: QuoteRecognizer.recognise(sentences: sentences, paragraphOf: paragraphOf, entities: entities))
    }
}
