import Ingest

/// Where each section, paragraph and sentence of a document lies in the text the cache stores
/// for it, so that the text is stored once and its parts as ranges of it.
///
/// The body is the document's `body`: headings and paragraphs separated by blank lines. Ranges
/// are UTF-8 byte offsets. A sentence is found in its paragraph from where the one before it
/// ended; one that is not there word for word (a caller's own sentence list) keeps its text.
struct TextLayout: Equatable {
    struct Range: Equatable {
        var start: Int
        var length: Int
    }

    struct SectionPlace: Equatable {
        var heading: String?
        /// The ordinal of the first sentence at or after the section's start.
        var firstSentence: Int
    }

    struct ParagraphPlace: Equatable {
        var section: Int
        var kind: Paragraph.Kind
        var range: Range
        var firstSentence: Int
        var sentenceCount: Int
    }

    struct SentencePlace: Equatable {
        var section: Int
        var paragraph: Int
        var range: Range
        var text: String
        /// Whether the sentence is a range of its paragraph, or is stored with its own text.
        var isRange: Bool
    }

    var body: String
    var sections: [SectionPlace] = []
    var paragraphs: [ParagraphPlace] = []
    var sentences: [SentencePlace] = []

    /// Lays out `sections`, keeping at most `limit` places of each kind.
    init(_ sections: [Section], limit: Int = Schema.maximumPlaces) {
        body = ""
        let separator = "\n\n"
        func append(_ text: String) -> Range {
            if !body.isEmpty { body += separator }
            let start = body.utf8.count
            body += text
            return Range(start: start, length: text.utf8.count)
        }
        for section in sections {
            if let heading = section.heading { _ = append(heading) }
            guard self.sections.count < limit else { continue }
            self.sections.append(SectionPlace(heading: section.heading, firstSentence: self.sentences.count))
            for paragraph in section.paragraphs {
                let range = append(paragraph.text)
                guard paragraphs.count < limit else { continue }
                let first = self.sentences.count
                var cursor = 0
                let bytes = Array(paragraph.text.utf8)
                for sentence in paragraph.sentences where self.sentences.count < limit {
                    var place = SentencePlace(
                        section: self.sections.count - 1, paragraph: paragraphs.count,
                        range: Range(start: 0, length: 0),
                        text: sentence, isRange: false)
                    if let offset = Self.find(Array(sentence.utf8), in: bytes, from: cursor) {
                        place.range = Range(start: range.start + offset, length: sentence.utf8.count)
                        place.isRange = true
                        cursor = offset + sentence.utf8.count
                    }
                    self.sentences.append(place)
                }
                paragraphs.append(
                    ParagraphPlace(
                        section: self.sections.count - 1, kind: paragraph.kind, range: range, firstSentence: first,
                        sentenceCount: self.sentences.count - first))
            }
        }
    }

    /// Where each of `texts` lies in the body: looked for from the start of its sentence (an
    /// ordinal) to the end of that sentence's paragraph, so that a quotation of two sentences is
    /// found too; nil for one not there word for word.
    func ranges(of texts: [(text: String, sentence: Int)]) -> [Range?] {
        guard !texts.isEmpty else { return [] }
        let bytes = Array(body.utf8)
        return texts.map { text, ordinal in
            guard sentences.indices.contains(ordinal), sentences[ordinal].isRange,
                paragraphs.indices.contains(sentences[ordinal].paragraph)
            else { return nil }
            let start = sentences[ordinal].range.start
            let paragraph = paragraphs[sentences[ordinal].paragraph].range
            let needle = Array(text.utf8)
            guard let offset = Self.find(needle, in: bytes, from: start, to: paragraph.start + paragraph.length)
            else { return nil }
            return Range(start: offset, length: needle.count)
        }
    }

    /// The first offset at or after `start` where `needle` is in `haystack`, wholly before `end`
    /// (the end of `haystack` unless said).
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int, to end: Int? = nil) -> Int? {
        let end = min(end ?? haystack.count, haystack.count)
        guard !needle.isEmpty, end >= needle.count else { return nil }
        let first = needle[0]
        var index = start
        while index <= end - needle.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
