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
        // ZIPFoundation (0.9.20) leaks its in-memory file when it finds no end record; look first.
        guard Self.hasEndRecord(bytes) else { throw .notAnArchive }
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .notAnArchive
        }
        self.limits = limits
    }

    /// Whether the archive's end-of-central-directory record ("PK\u{5}\u{6}") is where it must
    /// be: in the last 22 bytes, or before a comment of at most 65,535 bytes.
    static func hasEndRecord(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 22 else { return false }
        var index = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while index >= lowest {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 0x05, bytes[index + 3] == 0x06 {
                return true
            }
            index -= 1
        }
        return false
    }

    /// The paths of the archive's files, in archive order.
    var paths: [String] { archive.filter { $0.type == .file }.map(\.path) }

    func contains(_ path: String) -> Bool { archive[path] != nil }

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
