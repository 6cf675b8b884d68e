/// Groups blocks into sections under their headings and splits paragraphs into sentences.
enum Segmenter {
    static func sections(from blocks: [Block]) -> [Section] {
        var sections: [Section] = []
        var current = Section(heading: nil, paragraphs: [])
        for block in blocks {
            switch block {
            case .heading(_, let text):
                if current.heading != nil || !current.paragraphs.isEmpty { sections.append(current) }
                current = Section(heading: text, paragraphs: [])
            case .paragraph(let text):
                current.paragraphs.append(Paragraph(text: text, kind: .prose, sentences: SentenceSplitter.split(text)))
            case .code(let text):
                current.paragraphs.append(Paragraph(text: text, kind: .code, sentences: []))
            }
        }
        if current.heading != nil || !current.paragraphs.isEmpty { sections.append(current) }
        return sections
    }
}
