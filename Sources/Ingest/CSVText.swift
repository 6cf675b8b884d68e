/// The comma-separated values a spreadsheet converter writes (RFC 4180: quoted fields may hold
/// commas, quotes doubled and line breaks; sheets separated by form feeds, as xls2csv writes
/// them): each sheet a section, each row a line of its non-empty cells joined by " | ".
enum CSVText {
    static func read(_ text: String) -> BlockSequence {
        var blocks: [Block] = []
        let sheets = text.split(separator: "\u{0C}", omittingEmptySubsequences: false)
        for (number, sheet) in sheets.enumerated() {
            let rows = records(sheet).compactMap { cells -> String? in
                let line = cells.map(TextNormalizer.collapseWhitespace).filter { !$0.isEmpty }.joined(separator: " | ")
                return line.isEmpty ? nil : line
            }
            guard !rows.isEmpty else { continue }
            if sheets.count > 1 { blocks.append(.heading(level: 2, text: "Sheet \(number + 1)")) }
            blocks += rows.map { .paragraph($0) }
        }
        return BlockSequence(declaredTitle: nil, blocks: blocks)
    }

    /// The records of `text`, each a list of fields.
    static func records(_ text: Substring) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: quoted = true
            case ",":
                record.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                record.append(field)
                records.append(record)
                record = []
                field = ""
            default: field.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
