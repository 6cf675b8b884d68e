/// Writes a small, valid PDF: pages of text lines in Helvetica, paragraphs set apart by a wider
/// gap. Enough for `pdftotext` to read back, without a PDF library.
public enum MinimalPDF {
    /// `pages` holds each page's lines; an empty line starts a new paragraph.
    public static func make(pages: [[String]]) -> [UInt8] {
        var objects: [String] = []
        let pageIDs = pages.indices.map { 4 + 2 * $0 }
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        objects.append(
            "<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        for lines in pages {
            var content = "BT /F1 12 Tf 72 740 Td\n"
            for line in lines {
                if line.isEmpty {
                    content += "0 -40 Td\n"
                    continue
                }
                content += "(\(escape(line))) Tj 0 -15 Td\n"
            }
            content += "ET\n"
            let contentsID = objects.count + 2
            objects.append(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents \(contentsID) 0 R "
                    + "/Resources << /Font << /F1 3 0 R >> >> >>")
            objects.append("<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream")
        }
        var output = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(output.utf8.count)
            output += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = output.utf8.count
        output += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            output += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        output += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(output.utf8)
    }

    private static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "(" || character == ")" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
