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

    /// The file at `path` converted by LibreOffice to `format` (its extension: "ods", "xls",
    /// "ppt", "doc", …), written beside it; returns the new file's path. Each conversion has a
    /// profile of its own, so conversions may run at once.
    public static func libreOffice(_ path: String, to format: String) throws -> String {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let profile = try TemporaryDirectory()
        defer { profile.remove() }
        try run([
            "soffice", "-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", format,
            "--outdir", folder, path,
        ])
        let converted = URL(fileURLWithPath: path).deletingPathExtension().appendingPathExtension(format).path
        guard FileManager.default.fileExists(atPath: converted) else {
            throw ToolFailed(description: "LibreOffice made no \(format) of \(path)")
        }
        return converted
    }

    /// Runs a Python program with the test tools' Python (openpyxl, python-pptx) in `folder`.
    public static func python(_ program: String, in folder: String) throws {
        let script = folder + "/make.py"
        try program.write(toFile: script, atomically: true, encoding: .utf8)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let python = root.appendingPathComponent(".build/python/bin/python").path
        try run([python, script, folder])
    }

    static func run(_ arguments: [String]) throws {
        let (status, output) = try runCommand(arguments)
        guard status == 0 else { throw ToolFailed(description: "\(arguments[0]) failed (\(status)): \(output)") }
    }
}
