import Foundation
import Ingest
import Logging
import Store
import Watch

/// Reads one file and makes of it what the cache should hold: nothing (unchanged), a touch, a
/// removal, a failure, or a new document. It holds no state of its own, so that many files are
/// read and ingested at once while one writer stores them.
struct DocumentReader: Sendable {
    var scanner: FolderScanner
    var ingestor: Ingestor
    var maximumBytes: Int
    var followSymlinks: Bool
    /// Fingerprints of the short lines found in many documents, which Ingest leaves out.
    var repeatedLines: Set<Int64>
    var pdfConverter: PDFConverter
    var recognizer: TextRecognizer
    /// Where attachments read by helper programs are written while they are read: the daemon's own.
    var attachmentFolder: String
    /// What the texts read are compressed with (the cache's current dictionary), if anything.
    var textDictionary: TextDictionary?
    var statistics: IndexerStatistics
    var logger: Logger

    /// What to do about the file at `path`, which the cache knows as `known`; `scanned` is its
    /// stat when a scan made one. With `force`, it is read and ingested whatever the cache says.
    /// `knownIsUncertain`: the cache may hold the path though `known` is nil (a change earlier in
    /// the same run moved something there), so a file that is gone is removed all the same.
    func examine(
        _ path: String, scanned: ScannedFile?, known: FileState?, force: Bool, knownIsUncertain: Bool = false
    ) async -> StoreChange? {
        let mayBeCached = known != nil || knownIsUncertain
        guard let file = scanned ?? scanner.statFile(path) else {
            if path.contains("\u{FFFD}") {
                // An event for a name that is not valid UTF-8: it cannot be opened by this path.
                return .fail(path: path, file: nil, reason: ScannedFile.Kind.undecodableNameReason)
            }
            return mayBeCached ? .remove(path: path) : nil
        }
        if !force, let known, known.matchesMetadata(of: file.state) { return nil }
        if let reason = file.notADocument {
            statistics.update { $0.failed += 1 }
            logger.warning("not a document", metadata: ["event": "failed", "path": "\(path)", "reason": "\(reason)"])
            return .fail(path: path, file: file.state, reason: reason)
        }
        let started = ContinuousClock.now
        var bytes: [UInt8]
        var state: FileState
        do {
            let read = try FileReader.readWithStatus(
                scanner.absolute(path), limit: maximumBytes, followSymlinks: followSymlinks)
            bytes = read.bytes
            // What was read is what the cache remembers: the file opened, not the one a stat saw.
            state = FolderScanner.scannedFile(path, read.status).state
        } catch {
            // Gone since the stat: whatever moved or removed it has an event of its own, and a
            // document kept as failed with the stat's metadata would never be read again.
            if error.isGone { return mayBeCached ? .remove(path: path) : nil }
            statistics.update { $0.failed += 1 }
            logger.warning(
                "cannot read document", metadata: ["event": "failed", "path": "\(path)", "error": "\(error)"])
            return .fail(path: path, file: file.state, reason: error.description)
        }
        statistics.update { $0.read += 1 }
        state.contentHash = ContentHash.hex(bytes)
        if !force, let known, known.contentHash == state.contentHash, known.size == state.size {
            return .touch(path: path, file: state)
        }
        let readsWhole = Ingestor.readsWhole(bytes, fileName: path)
        if readsWhole, state.size > Int64(bytes.count) {
            // An office document or a book (its pictures make it larger than its text, and the
            // archive's directory is at its end), or a mailbox.
            do {
                bytes = try FileReader.read(
                    scanner.absolute(path), limit: ingestor.configuration.maximumPackageBytes + 1,
                    followSymlinks: followSymlinks)
            } catch {
                if error.isGone { return mayBeCached ? .remove(path: path) : nil }
                return .fail(path: path, file: state, reason: error.description)
            }
        }
        var result: IngestResult
        let helperFormat = HelperFormat(bytes)
        if let helperFormat {
            result = await readByHelper(scanner.absolute(path), bytes: bytes, format: helperFormat, name: path)
        } else {
            result = ingestor.ingest(bytes, fileName: path, repeatedLines: repeatedLines)
            if case .document(var document) = result, !document.attachedFiles.isEmpty {
                await readAttachedFiles(of: &document)
                result = .document(document)
            }
        }
        let readsText = helperFormat != nil
        if file.size > Int64(maximumBytes), !readsText, !readsWhole,
            case .document(var document) = result
        {
            document.warnings.append("cut at \(maximumBytes) bytes of \(file.size): the rest is not indexed")
            result = .document(document)
        }
        var metadata: Logger.Metadata = [
            "path": "\(path)", "duration.ms": "\(Indexer.milliseconds(since: started))", "bytes": "\(bytes.count)",
        ]
        switch result {
        case .document(let document):
            logger.debug("document ingested", metadata: metadata.merging(["words": "\(document.wordCount)"]) { $1 })
        case .unsupported(let reason):
            metadata["reason"] = "\(reason)"
            logger.notice("unsupported document", metadata: metadata.merging(["event": "unsupported"]) { $1 })
        case .failed(let reason):
            statistics.update { $0.failed += 1 }
            metadata["reason"] = "\(reason)"
            logger.warning("cannot read document", metadata: metadata.merging(["event": "failed"]) { $1 })
        }
        return .index(path: path, file: state, prepared: PreparedResult(result, dictionary: textDictionary))
    }

    /// A file only a helper program reads, at `absolute`: a PDF through pdftotext (and OCR when its
    /// pages are pictures without text), a picture through OCR. `name` is the document's.
    private func readByHelper(_ absolute: String, bytes: [UInt8], format: HelperFormat, name: String) async
        -> IngestResult
    {
        if format == .pdf { return await pdfText(absolute, name: name) }
        if !format.isImage {
            switch await OfficeConverter().text(ofFileAt: absolute, format: format, limit: maximumBytes) {
            case .success(let text):
                return ingestor.ingest(
                    extractedText: text, format: format.documentFormat, fileName: name, repeatedLines: repeatedLines)
            case .failure(.notInstalled(let format)):
                return .unsupported(reason: OfficeConverter.Failure.notInstalled(format).description)
            case .failure(let failure):
                return .failed(reason: failure.description)
            }
        }
        switch await recognizer.text(ofImageAt: absolute, bytes: bytes, limit: maximumBytes) {
        case .success(let text):
            return ingestor.ingest(
                extractedText: text, format: .image, fileName: name, recognized: true,
                repeatedLines: repeatedLines)
        case .failure(.notInstalled(let what)):
            return .unsupported(reason: "a \(format.rawValue) image: install \(what) to read the text in images")
        case .failure(let failure):
            return .failed(reason: failure.description)
        }
    }

    /// Reads the files attached to `document` that only a helper program reads (a message's PDF,
    /// a photo), each written to the state directory for the helper, and adds those it could read
    /// to the document's parts.
    private func readAttachedFiles(of document: inout Document) async {
        let files = document.attachedFiles
        document.attachedFiles = []
        for file in files {
            let temporary = attachmentFolder + "/attachment-\(UInt64.random(in: 0...UInt64.max))"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(file.bytes)) else {
                document.warnings.append("attachment \(file.name): cannot write it for reading")
                continue
            }
            defer { try? FileManager.default.removeItem(atPath: temporary) }
            switch await readByHelper(temporary, bytes: file.bytes, format: file.format, name: file.name) {
            case .document(let read):
                document.parts.append(DocumentPart(name: file.name, document: read))
            case .unsupported(let reason), .failed(let reason):
                document.warnings.append("attachment \(file.name): \(reason)")
            }
        }
    }

    /// A PDF's text through pdftotext; when its pages hold pictures and no text (a scan), the
    /// text OCR finds in them.
    private func pdfText(_ absolute: String, name path: String) async -> IngestResult {
        // Laid out first: paragraphs and headings where the layout puts them, and the title the
        // PDF declares. Its words with their places take some ten times the text: a PDF whose
        // layout passes that is read as plain text.
        let layoutLimit = min(maximumBytes * 8, 64 << 20)
        if case .success(let output) = await pdfConverter.layout(ofFileAt: absolute, limit: layoutLimit),
            !output.capped, let layout = PDFLayout(xhtml: output.bytes),
            layout.characters >= 20 * max(1, layout.pages) || recognizer.missing != nil
        {
            return ingestor.ingest(pdfLayout: layout, fileName: path, repeatedLines: repeatedLines)
        }
        switch await pdfConverter.text(ofFileAt: absolute, limit: maximumBytes) {
        case .success(let text):
            let pages = max(1, text.reduce(0) { $1 == 0x0C ? $0 + 1 : $0 })
            let letters = text.reduce(0) { $1 > 0x40 ? $0 + 1 : $0 }
            guard letters < 20 * pages, recognizer.missing == nil else {
                return ingestor.ingest(
                    extractedText: text, format: .pdf, fileName: path, repeatedLines: repeatedLines)
            }
            switch await recognizer.text(ofPDFAt: absolute, pages: pages, limit: maximumBytes) {
            case .success(let recognized):
                return ingestor.ingest(
                    extractedText: recognized, format: .pdf, fileName: path, recognized: true,
                    repeatedLines: repeatedLines)
            case .failure(let failure):
                return .failed(reason: failure.description)
            }
        case .failure(.notInstalled):
            return .unsupported(reason: PDFConverter.Failure.notInstalled.description)
        case .failure(let failure):
            return .failed(reason: failure.description)
        }
    }
}
