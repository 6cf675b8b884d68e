/// Reads plain text: paragraphs are separated by blank lines; a short line that reads like a
/// heading and is followed by prose is a heading.
enum PlainTextReader {
    static func read(_ text: String) -> BlockSequence {
        var paragraphs: [(text: String, lineCount: Int)] = []
        var lines: [Substring] = []
        func flush() {
            guard !lines.isEmpty else { return }
            paragraphs.append((TextNormalizer.collapseWhitespace(lines.joined(separator: " ")), lines.count))
            lines.removeAll(keepingCapacity: true)
        }
        for line in TextNormalizer.lines(text) {
            if TextNormalizer.isBlank(line) { flush() } else { lines.append(line) }
        }
        flush()

        var blocks: [Block] = []
        blocks.reserveCapacity(paragraphs.count)
        for (index, paragraph) in paragraphs.enumerated() {
            let next = index + 1 < paragraphs.count ? paragraphs[index + 1] : nil
            if paragraph.lineCount == 1, HeadingHeuristics.readsLikeHeading(paragraph.text),
                let next, HeadingHeuristics.readsLikeProse(next.text)
            {
                blocks.append(.heading(level: 2, text: paragraph.text))
            } else {
                blocks.append(.paragraph(paragraph.text))
            }
        }
        return BlockSequence(declaredTitle: nil, blocks: blocks)
    }
}

/// The general rules that tell a heading, a line of prose and a line of site chrome apart.
enum HeadingHeuristics {
    static let sentenceTerminators: Set<Character> = [".", "!", "?", "…"]
    static let closingQuotes: Set<Character> = ["\"", "”", "’", "'", "»", ")", "]"]

    /// A short line that does not end like a sentence, or a short question.
    static func readsLikeHeading(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        let words = WordCounter.count(text, upTo: 15)
        guard words >= 1, words <= 14, text.count <= 120 else { return false }
        if last == "?" { return true }
        if sentenceTerminators.contains(last) || closingQuotes.contains(last) || last == ":" || last == ","
            || last == ";"
        {
            return false
        }
        return first.isUppercase || first.isNumber
    }

    /// A line of running text: several words ending like a sentence.
    static func readsLikeProse(_ text: String) -> Bool {
        guard var last = text.last else { return false }
        var trimmed = Substring(text)
        while closingQuotes.contains(last), trimmed.count > 1 {
            trimmed = trimmed.dropLast()
            last = trimmed.last!
        }
        return sentenceTerminators.contains(last) && last != "?" || WordCounter.count(text, upTo: 15) > 14
    }

    /// Navigation and sharing chrome: a few words, no sentence punctuation ("Most Viewed", "Read more").
    static func readsLikeChrome(_ text: String) -> Bool {
        guard let last = text.last else { return true }
        let words = WordCounter.count(text, upTo: 6)
        return words <= 5 && text.count <= 40 && !sentenceTerminators.contains(last)
            && !closingQuotes.contains(last)
    }
}
