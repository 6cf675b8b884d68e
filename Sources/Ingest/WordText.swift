/// The text antiword or catdoc write for a Word 97–2003 document: each paragraph on a line of
/// its own, and (antiword) each table row as cells between bars ("|Route   |Minutes |"), read
/// as a line of cells joined by " | ".
enum WordText {
    static func read(_ text: String) -> BlockSequence {
        var blocks: [Block] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            if trimmed.count > 1, trimmed.first == "|", trimmed.last == "|" {
                let cells = trimmed.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
                    .map { TextNormalizer.collapseWhitespace(String($0)) }.filter { !$0.isEmpty }
                if !cells.isEmpty { blocks.append(.paragraph(cells.joined(separator: " | "))) }
            } else {
                blocks.append(.paragraph(TextNormalizer.collapseWhitespace(trimmed)))
            }
        }
        return BlockSequence(declaredTitle: nil, blocks: blocks)
    }
}
