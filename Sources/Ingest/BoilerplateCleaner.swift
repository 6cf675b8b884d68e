/// Finds the title and strips what is not the document: a category glued to a repeated title,
/// the repeated title itself, and trailing site chrome.
enum BoilerplateCleaner {
    struct Cleaned: Equatable {
        var title: String
        var category: String?
        var blocks: [Block]
    }

    static func clean(_ sequence: BlockSequence, fallbackTitle: String) -> Cleaned {
        var blocks = stripTrailingChrome(sequence.blocks, marked: sequence.chromeTail)
        var title: String?
        var category: String?

        if blocks.count >= 2, isTitleCandidate(blocks[0]), isTitleCandidate(blocks[1]) {
            let first = blocks[0].text
            let second = blocks[1].text
            if first == second {
                title = second
                blocks.removeFirst(2)
            } else if let prefix = gluedCategory(first, title: second) {
                title = second
                category = prefix
                blocks.removeFirst(2)
            }
        }
        if title == nil, let declared = sequence.declaredTitle.map(TextNormalizer.collapseWhitespace),
            !declared.isEmpty
        {
            title = declared
            // A page's first heading often repeats its <title>, or the <title> adds the site's name.
            if let first = blocks.first, case .heading = first, declared.hasPrefix(first.text) || first.text == declared
            {
                title = first.text
                blocks.removeFirst()
            }
        }
        // A web page's first paragraph is its text, not a title it forgot to declare.
        if title == nil, let first = blocks.first, isTitleCandidate(first), sequence.page == nil || first.isHeading {
            title = first.text
            blocks.removeFirst()
        }
        let resolvedTitle = title ?? fallbackTitle
        // The title repeated once more near the top (scraped pages often do) is not body text.
        if let repeated = blocks.prefix(3).firstIndex(where: { $0.text == resolvedTitle }) {
            blocks.remove(at: repeated)
        }
        return Cleaned(title: resolvedTitle, category: category, blocks: blocks)
    }

    /// "WorldWhy does …" over "Why does …": the prefix is a category if it is one to three
    /// capitalised words.
    static func gluedCategory(_ line: String, title: String) -> String? {
        guard line.count > title.count, line.hasSuffix(title) else { return nil }
        let prefix = String(line.dropLast(title.count)).trimmingWhitespaceAndSeparators()
        guard !prefix.isEmpty, prefix.count <= 30 else { return nil }
        let words = prefix.split(separator: " ")
        guard words.count <= 3,
            words.allSatisfy({ word in
                word == "&" || word.first?.isUppercase == true && word.allSatisfy { $0.isLetter || $0 == "-" }
            })
        else { return nil }
        return prefix
    }

    private static func isTitleCandidate(_ block: Block) -> Bool {
        switch block {
        case .heading: return true
        case .code: return false
        case .paragraph(let text):
            // A title is short and does not end like a sentence, even inside a closing quote.
            let end = text.reversed().drop { HeadingHeuristics.closingQuotes.contains($0) }.first
            return text.count <= 200 && WordCounter.count(text, upTo: 31) <= 30 && end != "." && end != "!"
                && end != nil && SentenceSplitter.split(text).count <= 1
        }
    }

    /// Drops the run of short lines at the end ("Most Viewed", "Share", "Read more") that the
    /// markup shows to be links or navigation (the last `marked` blocks), but never the only text
    /// there is.
    static func stripTrailingChrome(_ blocks: [Block], marked: Int) -> [Block] {
        var end = blocks.endIndex
        let first = max(blocks.startIndex + 1, blocks.endIndex - marked)
        while end > first {
            let block = blocks[end - 1]
            if case .code = block { break }
            guard HeadingHeuristics.readsLikeChrome(block.text) else { break }
            end -= 1
        }
        // Keep the chrome if nothing that reads like prose comes before it.
        guard end < blocks.endIndex,
            blocks[..<end].contains(where: { HeadingHeuristics.readsLikeProse($0.text) })
        else { return blocks }
        return Array(blocks[..<end])
    }
}

extension String {
    func trimmingWhitespaceAndSeparators() -> String {
        let separators: Set<Character> = ["|", "-", "–", "—", ":", "·", "»"]
        var result = Substring(self)
        while let first = result.first, first.isWhitespace || separators.contains(first) { result.removeFirst() }
        while let last = result.last, last.isWhitespace || separators.contains(last) { result.removeLast() }
        return String(result)
    }
}
