import Foundation

/// The programs dossierd runs for some formats, looked for at start: what is missing is said
/// once in the journal and in Status, and the affected files are listed as unsupported, saying
/// what to install.
enum HelperPrograms {
    /// Each missing program or language: the Debian package, what is missing, and what goes unread.
    static func missing(ocrLanguage: String) -> [String] {
        var missing: [String] = []
        if ChildProcess.find("pdftotext") == nil {
            missing.append("poppler-utils (pdftotext): PDFs are not read")
        }
        if ChildProcess.find("antiword") == nil && ChildProcess.find("catdoc") == nil {
            missing.append("antiword or catdoc: Word 97-2003 documents are not read")
        }
        if ChildProcess.find("xls2csv") == nil {
            missing.append("catdoc (xls2csv): Excel 97-2003 workbooks are not read")
        }
        if ChildProcess.find("tesseract") == nil {
            missing.append("tesseract-ocr (tesseract): the text in images and scanned PDFs is not read")
        } else {
            for language in ocrLanguage.split(separator: "+") where !hasTrainedData(String(language)) {
                missing.append(
                    "tesseract-ocr-\(language) (\(language).traineddata): images are not read in that language")
            }
        }
        return missing
    }

    /// Tesseract's data for `language`, where Debian's packages put it (or TESSDATA_PREFIX).
    static func hasTrainedData(_ language: String) -> Bool {
        var folders: [String] = []
        if let prefix = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"] { folders.append(prefix) }
        let shared = "/usr/share/tesseract-ocr"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: shared)) ?? []
        folders += versions.map { "\(shared)/\($0)/tessdata" } + ["/usr/share/tessdata", "\(shared)/tessdata"]
        return folders.contains { FileManager.default.fileExists(atPath: "\($0)/\(language).traineddata") }
    }
}
