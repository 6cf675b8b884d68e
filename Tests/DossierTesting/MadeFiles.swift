import Foundation

/// Files made by the tools people make them with, for tests: office documents and books by
/// pandoc, pictures of text by ImageMagick, scanned PDFs by img2pdf.
public enum MadeFiles {
    public struct ToolFailed: Error, CustomStringConvertible {
        public var description: String
    }

    /// `markdown` converted by pandoc to `format` (docx, odt, epub…).
    public static func pandoc(_ markdown: String, to format: String) throws -> Data {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let source = try folder.write("source.md", markdown)
        let output = folder.subpath("made.\(format)")
        try run(["pandoc", source, "-s", "-o", output])
        return try Data(contentsOf: URL(fileURLWithPath: output))
    }

    /// A 300-dpi A4 page with `text` on it in 12-point DejaVu Sans, as a grey PNG: what a scanner
    /// makes of a typed letter.
    public static func scannedPage(_ text: String, at path: String) throws {
        try run([
            "convert", "-density", "300", "-units", "PixelsPerInch", "-size", "2100x",
            "-font", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "-pointsize", "12", "caption:\(text)",
            "-bordercolor", "white", "-border", "190", "-gravity", "northwest", "-background", "white",
            "-extent", "2480x3508", "-colorspace", "Gray", path,
        ])
    }

    /// A PDF of the picture at `image`, with no text layer: a scanned document.
    public static func scannedPDF(of image: String, at path: String) throws {
        try run(["img2pdf", image, "-o", path])
    }

    static func run(_ arguments: [String]) throws {
        let (status, output) = try runCommand(arguments)
        guard status == 0 else { throw ToolFailed(description: "\(arguments[0]) failed (\(status)): \(output)") }
    }
}
