/// Reads an Excel workbook (Office Open XML, `.xlsx`): each sheet a section under its name, each
/// row a line of its cells joined by " | ", shared strings resolved, formulas as the values Excel
/// saved with them, dates as dates; and the title and author of its core properties.
enum XLSXReader {
    static let workbookPart = "xl/workbook.xml"

    static func recognizes(_ package: ZIPPackage) -> Bool {
        package.contains(workbookPart) && package.contains("[Content_Types].xml")
    }

    /// Rows kept of a sheet, and cells of a row: a sheet of a million formatted rows is a table of
    /// numbers, not prose to index whole.
    static let maximumRows = 100_000
    static let maximumCells = 1_000

    static func read(_ package: inout ZIPPackage) throws(ZIPPackage.Failure) -> BlockSequence {
        let workbook = XMLTree(parsing: try package.part(workbookPart))
        guard let root = workbook.root else { throw .damagedPart(workbookPart) }
        let relationships = PackageRelationships.read(&package, of: workbookPart)
        let strings = try sharedStrings(&package)
        let dateStyles = try self.dateStyles(&package)
        let dates1904 =
            workbook.descendants(of: root, named: "workbookPr").first.map {
                ["1", "true"].contains(workbook[$0].attributes["date1904"] ?? "")
            } ?? false
        var blocks: [Block] = []
        for sheet in workbook.descendants(of: root, named: "sheet") {
            let attributes = workbook[sheet].attributes
            guard let id = attributes["id"], let target = relationships[id] else { continue }
            let tree = XMLTree(parsing: try package.part(target))
            guard let sheetRoot = tree.root else { continue }
            var rows: [String] = []
            for row in tree.descendants(of: sheetRoot, named: "row").prefix(maximumRows) {
                let cells = tree.elements(of: row).filter { tree[$0].name == "c" }.prefix(maximumCells).map {
                    cellText(tree, $0, strings: strings, dateStyles: dateStyles, dates1904: dates1904)
                }
                let line = cells.filter { !$0.isEmpty }.joined(separator: " | ")
                if !line.isEmpty { rows.append(line) }
            }
            guard !rows.isEmpty else { continue }
            blocks.append(.heading(level: 2, text: TextNormalizer.collapseWhitespace(attributes["name"] ?? "Sheet")))
            blocks += rows.map { .paragraph($0) }
        }
        let properties = (try package.optionalPart("docProps/core.xml")).map { XMLTree(parsing: $0) }
        return BlockSequence(
            declaredTitle: properties?.firstText(named: "title"), blocks: blocks,
            author: properties?.firstText(named: "creator"))
    }

    /// A cell as Excel shows it: its shared or inline string, its formula's saved result, its
    /// number (a date when its style formats one), TRUE or FALSE.
    static func cellText(
        _ tree: XMLTree, _ cell: XMLTree.NodeID, strings: [String], dateStyles: Set<Int>, dates1904: Bool
    ) -> String {
        let attributes = tree[cell].attributes
        let value = tree.child(cell, "v").map { tree.textContent($0) } ?? ""
        switch attributes["t"] {
        case "s": return Int(value).flatMap { strings.indices.contains($0) ? strings[$0] : nil } ?? ""
        case "inlineStr":
            return tree.child(cell, "is").map { TextNormalizer.collapseWhitespace(tree.textContent($0)) } ?? ""
        case "b": return value == "1" ? "TRUE" : "FALSE"
        case "str", "e": return TextNormalizer.collapseWhitespace(value)
        default:
            if let style = attributes["s"].flatMap(Int.init), dateStyles.contains(style), let serial = Double(value),
                let date = date(serial: serial, dates1904: dates1904)
            {
                return date
            }
            return value
        }
    }

    /// Excel's day number as an ISO date: days since 30 December 1899 (its 1900 system counts a
    /// 29 February 1900 that never was, which this epoch absorbs for every date after it), or
    /// since 1 January 1904.
    static func date(serial: Double, dates1904: Bool) -> String? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        let days = Int(serial.rounded(.down)) + (dates1904 ? 1462 : 0)
        // 1899-12-30 is day -25,569 from 1970-01-01, CalendarDate's day 0.
        return CalendarDate(dayNumber: days - 25_569).description
    }

    /// The shared strings, each its runs' text (phonetic guides left out).
    static func sharedStrings(_ package: inout ZIPPackage) throws(ZIPPackage.Failure) -> [String] {
        guard let bytes = try package.optionalPart("xl/sharedStrings.xml") else { return [] }
        let tree = XMLTree(parsing: bytes)
        guard let root = tree.root else { return [] }
        return tree.elements(of: root).filter { tree[$0].name == "si" }.map { item in
            var text = ""
            var stack: [XMLTree.NodeID] = tree[item].children.reversed()
            while let node = stack.popLast() {
                switch tree[node].name {
                case "t": text += tree.textContent(node)
                case "rPh", "phoneticPr": continue
                default: stack.append(contentsOf: tree[node].children.reversed())
                }
            }
            return TextNormalizer.collapseWhitespace(text)
        }
    }

    /// The cell styles (indexes into `cellXfs`) whose number format shows a date: the built-in
    /// date formats 14 to 22 and 45 to 47, and custom formats with days, months or years in them.
    static func dateStyles(_ package: inout ZIPPackage) throws(ZIPPackage.Failure) -> Set<Int> {
        guard let bytes = try package.optionalPart("xl/styles.xml") else { return [] }
        let tree = XMLTree(parsing: bytes)
        guard let root = tree.root else { return [] }
        var dateFormats = Set(14...22).union(45...47)
        for format in tree.descendants(of: root, named: "numFmt") {
            let attributes = tree[format].attributes
            guard let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] else {
                continue
            }
            if showsDate(code) { dateFormats.insert(id) } else { dateFormats.remove(id) }
        }
        guard let cellFormats = tree.descendants(of: root, named: "cellXfs").first else { return [] }
        var styles: Set<Int> = []
        for (index, format) in tree.elements(of: cellFormats).enumerated() {
            if let id = tree[format].attributes["numFmtId"].flatMap(Int.init), dateFormats.contains(id) {
                styles.insert(index)
            }
        }
        return styles
    }
}

extension XLSXReader {
    /// Whether a number format shows a date: with its quoted text and bracketed parts (colours,
    /// elapsed hours) left aside, it has years or days.
    static func showsDate(_ code: String) -> Bool {
        var quoted = false
        var bracketed = false
        for character in code.lowercased() {
            switch character {
            case "\"": quoted.toggle()
            case "[" where !quoted: bracketed = true
            case "]" where !quoted: bracketed = false
            case "y", "d": if !quoted && !bracketed { return true }
            default: continue
            }
        }
        return false
    }
}

/// An Office Open XML part's relationships (`_rels/NAME.rels`): id to the target part's path.
enum PackageRelationships {
    static func read(_ package: inout ZIPPackage, of part: String) -> [String: String] {
        let slash = part.lastIndex(of: "/")
        let folder = slash.map { String(part[..<$0]) } ?? ""
        let name = slash.map { String(part[part.index(after: $0)...]) } ?? part
        let path = (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
        guard let bytes = try? package.optionalPart(path) else { return [:] }
        let tree = XMLTree(parsing: bytes)
        guard let root = tree.root else { return [:] }
        var targets: [String: String] = [:]
        for relationship in tree.descendants(of: root, named: "Relationship") {
            let attributes = tree[relationship].attributes
            guard let id = attributes["Id"], let target = attributes["Target"], attributes["TargetMode"] != "External"
            else { continue }
            targets[id] = resolve(target, from: folder)
        }
        return targets
    }

    /// `target` relative to `folder` ("../media/x.png", "/xl/worksheets/sheet1.xml"), as a path in
    /// the archive.
    static func resolve(_ target: String, from folder: String) -> String {
        var components = target.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }
}
