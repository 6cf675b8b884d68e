/// Decides how to read a file: by its bytes first (binary stays out), then by its name.
enum FormatDetector {
    enum Detection: Equatable {
        case supported(DocumentFormat)
        case unsupported(String)
    }

    private static let signatures: [(prefix: [UInt8], name: String)] = [
        (Array("%PDF".utf8), "a PDF file"),
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        (Array("GIF8".utf8), "a GIF image"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive (or an office document)"),
        ([0x1F, 0x8B], "a gzip archive"),
        ([0x7F, 0x45, 0x4C, 0x46], "an ELF executable"),
        (Array("SQLite format 3".utf8), "an SQLite database"),
        (
            CompoundFile.signature,
            "an OLE compound file (an Outlook message, or an Office 97-2003 file of another kind)"
        ),
    ]

    private static let extensions: [String: DocumentFormat] = [
        "txt": .plainText, "text": .plainText,
        "md": .markdown, "markdown": .markdown, "mdown": .markdown, "mkd": .markdown,
        "html": .html, "htm": .html, "xhtml": .html,
    ]

    static func detect(bytes: [UInt8], fileName: String) -> Detection {
        let hasUTF16BOM = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if bytes.starts(with: CompoundFile.signature), CompoundFile.office97Kind(bytes) == .powerPoint {
            return .unsupported(
                "a PowerPoint 97-2003 presentation: dossier does not read this format; save it as .pptx or .odp")
        }
        for signature in signatures where bytes.starts(with: signature.prefix) {
            return .unsupported("\(signature.name) is not a text document")
        }
        if RTFReader.recognizes(bytes) { return .supported(.rtf) }
        if !hasUTF16BOM, bytes.prefix(8192).contains(0) {
            return .unsupported("binary content (NUL bytes) is not a text document")
        }
        if let format = extensions[fileExtension(of: fileName)] {
            return .supported(format)
        }
        return .supported(looksLikeHTML(bytes) ? .html : .plainText)
    }

    static func fileExtension(of fileName: String) -> String {
        let base = fileName.split(separator: "/").last ?? Substring(fileName)
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return "" }
        return base[base.index(after: dot)...].lowercased()
    }

    private static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self)
            .drop { $0.isWhitespace || $0 == "\u{FEFF}" }
            .lowercased()
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
            || (head.hasPrefix("<") && head.contains("<body"))
    }
}
