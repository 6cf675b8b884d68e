/// Short lines that recur across many documents of a corpus ("Share this article", "© 2021
/// Example News. All rights reserved.", "Sign up for our newsletter") belong to the site, not
/// to any one document.
///
/// A single document cannot tell them apart from its own text, so Ingest only names its
/// candidate lines by fingerprint; whoever sees the whole corpus counts them, and hands the
/// fingerprints found in many documents back to Ingest, which then leaves those lines out.
public enum RepeatedLines {
    /// Longer lines are prose, whatever their frequency.
    static let maximumBytes = 200
    static let maximumWords = 25

    /// The line's fingerprint, if it is short enough to be chrome: case and spacing do not count.
    static func fingerprint(_ text: String) -> Int64? {
        guard text.utf8.count <= maximumBytes, WordCounter.count(text, upTo: maximumWords + 1) <= maximumWords else {
            return nil
        }
        var normalized: [UInt8] = []
        normalized.reserveCapacity(text.utf8.count)
        for character in text.lowercased().utf8 {
            let isSpace = character == 0x20 || character == 0x09 || character == 0x0A || character == 0x0D
            if isSpace {
                if let last = normalized.last, last != 0x20 { normalized.append(0x20) }
            } else {
                normalized.append(character)
            }
        }
        if normalized.last == 0x20 { normalized.removeLast() }
        guard !normalized.isEmpty else { return nil }
        return Int64(bitPattern: normalized.withUnsafeBytes { ContentHash.xxh64($0) })
    }

    /// The distinct fingerprints of a document's candidate lines: its short paragraphs. Headings
    /// are left alone ("Introduction" in many documents is still each one's heading).
    static func fingerprints(of blocks: [Block]) -> [Int64] {
        var seen: Set<Int64> = []
        for block in blocks {
            guard case .paragraph(let text) = block, let fingerprint = fingerprint(text) else { continue }
            seen.insert(fingerprint)
        }
        return seen.sorted()
    }

    /// `blocks` without the paragraphs whose fingerprints are in `repeated`, but never all of them.
    static func removing(_ repeated: Set<Int64>, from blocks: [Block]) -> [Block] {
        guard !repeated.isEmpty else { return blocks }
        let kept = blocks.filter { block in
            guard case .paragraph(let text) = block, let fingerprint = fingerprint(text) else { return true }
            return !repeated.contains(fingerprint)
        }
        return kept.isEmpty ? blocks : kept
    }
}
