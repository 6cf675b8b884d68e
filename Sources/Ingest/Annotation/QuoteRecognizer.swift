/// Finds direct quotations (“…” or "…", three words or more) and who said them: a person named in
/// the same sentence with a speech verb ("X told Insider:", "according to X", "“…,” said X"), or,
/// for a quotation standing alone, the speaker of the sentence before.
enum QuoteRecognizer {
    static func recognise(sentences: [String], paragraphOf: [Int], entities: [Entity]) -> [Quote] {
        var mentionsBySentence: [Int: [(name: String, text: String)]] = [:]
        for entity in entities where entity.kind == .person {
            for mention in entity.mentions {
                mentionsBySentence[mention.sentence, default: []].append((entity.name, mention.text))
            }
        }
        var quotes: [Quote] = []
        var lastSpeaker: (paragraph: Int, name: String)?
        var open: (sentence: Int, text: String, outside: String)?  // a quotation that spans sentences
        for (index, sentence) in sentences.enumerated() {
            for span in quotedSpans(sentence, continuing: open != nil) {
                let text = (open.map { $0.text + " " } ?? "") + span.text
                let startSentence = open?.sentence ?? index
                let outside = open?.outside ?? span.outside
                if !span.closed {
                    open = (startSentence, text, outside)
                    continue
                }
                open = nil
                guard WordCounter.count(text, upTo: 3) >= 3 else { continue }
                var speaker = speakerIn(
                    startSentence, outside: outside, mentions: mentionsBySentence[startSentence] ?? [])
                if speaker == nil, startSentence != index {
                    speaker = speakerIn(index, outside: outside, mentions: mentionsBySentence[index] ?? [])
                }
                if speaker == nil, let last = lastSpeaker, last.paragraph == paragraphOf[safe: startSentence] {
                    speaker = last.name
                }
                if speaker == nil, startSentence > 0,
                    paragraphOf[safe: startSentence - 1] == paragraphOf[safe: startSentence],
                    let previous = mentionsBySentence[startSentence - 1]?.first
                {
                    speaker = previous.name
                }
                if let speaker, let paragraph = paragraphOf[safe: startSentence] { lastSpeaker = (paragraph, speaker) }
                quotes.append(Quote(text: text, speaker: speaker, sentence: startSentence))
            }
        }
        return quotes
    }

    /// The person this sentence says spoke: one mentioned outside the quotation, near a speech verb.
    private static func speakerIn(_ sentence: Int, outside: String, mentions: [(name: String, text: String)]) -> String?
    {
        let candidates = mentions.filter { outside.contains($0.text) }
        guard !candidates.isEmpty else { return nil }
        let words = Set(Tokenizer.tokens(outside).map { $0.text.lowercased() })
        guard !words.isDisjoint(with: Gazetteer.speechVerbs) else { return nil }
        return candidates.first?.name
    }

    struct Span {
        var text: String
        var closed: Bool
        /// The sentence without the quoted text.
        var outside: String
    }

    /// Quoted stretches in a sentence. With `continuing`, the sentence starts inside a quotation.
    static func quotedSpans(_ sentence: String, continuing: Bool) -> [Span] {
        if !continuing, !opensQuotation(sentence) { return [] }
        var sentence = sentence
        // Reads UTF-8 bytes: the marks are " (22), “ (E2 80 9C) and ” (E2 80 9D), which no other
        // character's bytes contain.
        return sentence.withUTF8 { bytes in
            var spans: [(text: [UInt8], closed: Bool)] = []
            var outside: [UInt8] = []
            var current: [UInt8]? = continuing ? [] : nil
            var straightOpen = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let curly: UInt8? =
                    byte == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80
                        && (bytes[index + 2] == 0x9C || bytes[index + 2] == 0x9D) ? bytes[index + 2] : nil
                if curly == 0x9C {
                    current = []
                } else if curly == 0x9D, let text = current {
                    spans.append((text, true))
                    current = nil
                } else if byte == 0x22 {
                    if straightOpen, let text = current {
                        spans.append((text, true))
                        current = nil
                        straightOpen = false
                    } else if current == nil {
                        current = []
                        straightOpen = true
                    }
                } else {
                    let length = curly == nil ? 1 : 3
                    let slice = bytes[index..<(index + length)]
                    if current != nil { current!.append(contentsOf: slice) } else { outside.append(contentsOf: slice) }
                    index += length
                    continue
                }
                index += curly == nil ? 1 : 3
            }
            if let current, !current.isEmpty { spans.append((current, false)) }
            let outsideText = String(decoding: outside, as: UTF8.self)
            return spans.map { span in
                Span(text: trim(String(decoding: span.text, as: UTF8.self)), closed: span.closed, outside: outsideText)
            }
        }
    }

    /// Whether the sentence has a straight quote or an opening curly one (“ is E2 80 9C): without
    /// one, a quotation cannot start in it.
    private static func opensQuotation(_ sentence: String) -> Bool {
        sentence.utf8.withContiguousStorageIfAvailable { bytes in
            var index = 0
            while index < bytes.count {
                if bytes[index] == 0x22 { return true }
                if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x9C {
                    return true
                }
                index += 1
            }
            return false
        } ?? true
    }

    private static func trim(_ text: String) -> String {
        text.trimmingCharacters(in: " ,")
    }
}
