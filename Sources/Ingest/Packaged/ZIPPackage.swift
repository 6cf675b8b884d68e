import Foundation
import ZIPFoundation

/// A document that is a ZIP archive of parts (DOCX, ODT, EPUB), read in memory through
/// ZIPFoundation. Every part is inflated as a stream with a cap, and all the parts together
/// with another, so an archive that expands without end (a zip bomb) costs at most the caps.
struct ZIPPackage {
    enum Failure: Error, Equatable, CustomStringConvertible {
        case notAnArchive
        case missingPart(String)
        case damagedPart(String)
        case tooLarge(String, limit: Int)

        var description: String {
            switch self {
            case .notAnArchive: "not a readable ZIP archive (damaged or cut short)"
            case .missingPart(let part): "the archive has no \(part)"
            case .damagedPart(let part): "\(part) in the archive is damaged"
            case .tooLarge(let part, let limit): "\(part) expands past \(limit) bytes"
            }
        }
    }

    struct Limits {
        /// Bytes one part may expand to.
        var part: Int
        /// Bytes all the parts read may expand to together.
        var total: Int
    }

    /// A local file header: how every ZIP archive begins.
    static let signature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    private let archive: Archive
    let limits: Limits
    private(set) var expanded = 0

    init(_ bytes: [UInt8], limits: Limits) throws(Failure) {
        // ZIPFoundation (0.9.20) reads an in-memory archive trusting its offsets (one past the end
        // stops the process), and leaks its memory file when it finds no whole end record (none,
        // or one whose comment runs past the end): look first.
        guard ZIPLayout.isWithinBounds(bytes) else { throw .notAnArchive }
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .notAnArchive
        }
        self.limits = limits
    }

    func contains(_ path: String) -> Bool { archive[path] != nil }

    /// The paths of the archive's files that `include` takes, in name order.
    func paths(where include: (String) -> Bool) -> [String] {
        archive.filter { $0.type == .file && include($0.path) }.map(\.path).sorted()
    }

    /// The inflated bytes of the part at `path`.
    mutating func part(_ path: String) throws(Failure) -> [UInt8] {
        guard let entry = archive[path], entry.type == .file else { throw .missingPart(path) }
        let limit = min(limits.part, limits.total - expanded)
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard bytes.count + chunk.count <= limit else { throw Failure.tooLarge(path, limit: limit) }
                bytes.append(contentsOf: chunk)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .damagedPart(path)
        }
        expanded += bytes.count
        return bytes
    }

    /// The part at `path`, or nil when the archive has none.
    mutating func optionalPart(_ path: String) throws(Failure) -> [UInt8]? {
        guard contains(path) else { return nil }
        return try part(path)
    }
}

/// The structure of a ZIP archive checked before ZIPFoundation reads it: every end record in the
/// archive's tail with its comment, and for each entry of its central directory, the entry, its
/// local header and its data (and data descriptor) lie inside the bytes. ZIP64 is refused: no
/// office document, book or attachment needs more than 4 GiB or 65,535 entries, and its 64-bit
/// fields are where a hostile archive would hide an offset.
enum ZIPLayout {
    static func isWithinBounds(_ bytes: [UInt8]) -> Bool {
        let count = bytes.count
        guard count >= 22 else { return false }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func signature(_ at: Int, _ value: Int) -> Bool { at >= 0 && at + 4 <= count && u32(at) == value }

        var records: [Int] = []
        var index = count - 22
        while index >= max(0, count - 22 - 0xFFFF) {
            if signature(index, 0x0605_4B50) { records.append(index) }
            index -= 1
        }
        guard !records.isEmpty else { return false }
        for record in records {
            // A ZIP64 end locator just before the record, or a comment that runs past the end.
            if signature(record - 20, 0x0706_4B50) || record + 22 + u16(record + 20) > count { return false }
            let entries = u16(record + 10)
            var position = u32(record + 16)
            for _ in 0..<entries {
                guard position + 46 <= count else { return false }
                let method = u16(position + 10)
                let flags = u16(position + 8)
                let compressed = u32(position + 20)
                let uncompressed = u32(position + 24)
                let (name, extra, comment) = (u16(position + 28), u16(position + 30), u16(position + 32))
                let local = u32(position + 42)
                guard position + 46 + name + extra + comment <= count,
                    ![compressed, uncompressed, local].contains(0xFFFF_FFFF),
                    !hasZIP64Field(bytes, from: position + 46 + name, length: extra),
                    local + 30 <= count
                else { return false }
                let localName = u16(local + 26)
                let localExtra = u16(local + 28)
                let dataStart = local + 30 + localName + localExtra
                let dataEnd = dataStart + (method == 0 ? uncompressed : compressed)
                let descriptor = flags & 0x08 != 0 ? 16 : 0
                guard dataStart <= count, dataEnd + descriptor <= count,
                    !hasZIP64Field(bytes, from: local + 30 + localName, length: localExtra)
                else { return false }
                position += 46 + name + extra + comment
            }
        }
        return true
    }

    /// Whether the extra fields at `from` hold a ZIP64 field (header 0x0001).
    private static func hasZIP64Field(_ bytes: [UInt8], from start: Int, length: Int) -> Bool {
        var index = start
        let end = min(start + length, bytes.count)
        while index + 4 <= end {
            let header = Int(bytes[index]) | Int(bytes[index + 1]) << 8
            let size = Int(bytes[index + 2]) | Int(bytes[index + 3]) << 8
            if header == 0x0001 { return true }
            index += 4 + size
        }
        return false
    }
}
