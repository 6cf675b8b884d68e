/// Reads the text in pictures (OCR) through Tesseract (Debian `tesseract-ocr`), in a child
/// process with a time limit and an output cap: photographs and scans of letters (PNG, JPEG,
/// TIFF), and PDFs whose pages are pictures with no text, each page rendered by poppler's
/// `pdftoppm` first.
///
/// Tesseract's memory grows with the picture, so a picture over ``maximumPixels`` is refused, and
/// PDF pages are rendered at most ``pageSide`` pixels on their longer side (300 dpi for A4).
/// Under systemd the unit's memory limit bounds the rest.
struct TextRecognizer: Sendable {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case notInstalled(String)
        case tooLarge(pixels: Int)
        case failed(String)

        var description: String {
            switch self {
            case .notInstalled(let what): "install \(what) to read the text in images and scanned PDFs"
            case .tooLarge(let pixels): "an image of \(pixels / 1_000_000) megapixels is too large to read"
            case .failed(let reason): "the text could not be recognised: \(reason)"
            }
        }
    }

    /// Tesseract's language(s), `eng` or `eng+deu`: the configuration's.
    var language: String
    var timeLimit: Duration = .seconds(120)
    /// Pages of a scanned PDF read at most.
    var maximumPages = 100
    static let maximumPixels = 60_000_000
    static let pageSide = 3508

    var tesseract = ChildProcess.find("tesseract")
    var pdftoppm = ChildProcess.find("pdftoppm")

    /// What is missing for OCR, or nil when it can run.
    var missing: String? {
        tesseract == nil ? "tesseract-ocr (tesseract)" : nil
    }

    /// The text of the picture at `path`, whose first bytes are `bytes`.
    func text(ofImageAt path: String, bytes: [UInt8], limit: Int) async -> Result<[UInt8], Failure> {
        guard let tesseract else { return .failure(.notInstalled("tesseract-ocr")) }
        if let pixels = Self.pixels(bytes), pixels > Self.maximumPixels { return .failure(.tooLarge(pixels: pixels)) }
        return await recognize(
            ChildProcess(
                executable: tesseract, arguments: [path, "stdout", "-l", language], environment: Self.environment,
                timeLimit: timeLimit, outputLimit: limit))
    }

    /// The text of a PDF's pages (`pages` of them), rendered and read one at a time; pages end
    /// with a form feed, as pdftotext's do.
    func text(ofPDFAt path: String, pages: Int, limit: Int) async -> Result<[UInt8], Failure> {
        guard let tesseract else { return .failure(.notInstalled("tesseract-ocr")) }
        guard let pdftoppm else { return .failure(.notInstalled("poppler-utils")) }
        var text: [UInt8] = []
        for page in 1...max(1, min(pages, maximumPages)) {
            // A grey PGM: nothing to compress and decompress on the way through the pipe.
            let render = ChildProcess(
                executable: pdftoppm,
                arguments: ["-f", "\(page)", "-l", "\(page)", "-scale-to", "\(Self.pageSide)", "-gray", "--", path],
                timeLimit: timeLimit, outputLimit: 64 << 20)
            guard case .success(let image) = await render.run(), image.exitStatus == 0, !image.capped else {
                if page == 1 { return .failure(.failed("pdftoppm could not render its pages")) }
                break
            }
            let read = ChildProcess(
                executable: tesseract, arguments: ["stdin", "stdout", "-l", language], environment: Self.environment,
                timeLimit: timeLimit, outputLimit: max(0, limit - text.count))
            switch await recognize(read, input: image.bytes) {
            case .success(let pageText): text += pageText + [0x0C]
            case .failure(let failure): return .failure(failure)
            }
            if text.count > limit { break }
        }
        return .success(text)
    }

    /// Tesseract uses every core through OpenMP by default; one is enough beside the indexer.
    private static let environment = ["LANG": "C.UTF-8", "OMP_THREAD_LIMIT": "1"]

    private func recognize(_ child: ChildProcess, input: [UInt8]? = nil) async -> Result<[UInt8], Failure> {
        switch await child.run(input: input) {
        case .failure(let failure): return .failure(.failed("tesseract \(failure)"))
        case .success(let output) where output.capped || output.exitStatus == 0: return .success(output.bytes)
        case .success(let output):
            let how = output.exitStatus.map { "exit status \($0)" } ?? "signal \(output.signal ?? 0)"
            return .failure(.failed("tesseract could not read it (\(how))"))
        }
    }

    /// Width × height from a PNG's or a JPEG's header; nil when it cannot tell.
    static func pixels(_ bytes: [UInt8]) -> Int? {
        func bigEndian(_ offset: Int, _ count: Int) -> Int? {
            guard offset + count <= bytes.count else { return nil }
            return bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | Int($1) }
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), let width = bigEndian(16, 4), let height = bigEndian(20, 4) {
            return width * height
        }
        guard bytes.starts(with: [0xFF, 0xD8]) else { return nil }
        var offset = 2
        // JPEG segments up to the frame header (SOF0–SOF15 but DHT, JPG and DAC).
        while offset + 9 < bytes.count, bytes[offset] == 0xFF {
            let marker = bytes[offset + 1]
            guard let length = bigEndian(offset + 2, 2) else { return nil }
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker),
                let height = bigEndian(offset + 5, 2), let width = bigEndian(offset + 7, 2)
            {
                return width * height
            }
            offset += 2 + length
        }
        return nil
    }
}
