/// The file a tagger model ships as: a header naming the format and the tag set, the words of
/// one tag, then each feature's hash with its weights by tag, as 16-bit integers over one scale.
/// Little-endian throughout; the same model always gives the same bytes.
public enum TaggerModelFile {
    public struct Malformed: Error, Equatable, CustomStringConvertible {
        public var reason: String
        public var description: String { "not a tagger model: \(reason)" }
    }

    static let magic = Array("dossier-tagger 1\n".utf8)
    static let tagLine = Array((PartOfSpeech.allCases.map(\.tag).joined(separator: " ") + "\n").utf8)

    public static func encode(_ tagger: PartOfSpeechTagger) -> [UInt8] {
        var bytes = magic + tagLine
        bytes.append(tagger.scale.bitPattern)
        let fixed = tagger.fixed.sorted { $0.key < $1.key }
        bytes.append(UInt32(fixed.count))
        for (key, tag) in fixed {
            bytes.append(key)
            bytes.append(tag.rawValue)
        }
        let classes = tagger.classes.sorted { $0.key < $1.key }
        let weights = tagger.weights
        bytes.append(UInt32(classes.count))
        for (key, tags) in classes {
            bytes.append(key)
            bytes.append(tags)
        }
        bytes.append(UInt32(weights.count))
        for (key, entries) in weights {
            bytes.append(key)
            bytes.append(UInt8(entries.count))
            for entry in entries {
                bytes.append(entry.tag)
                bytes.append(UInt16(bitPattern: entry.weight))
            }
        }
        return bytes
    }

    public static func decode(_ bytes: [UInt8]) throws(Malformed) -> PartOfSpeechTagger {
        do {
            return try bytes.withUnsafeBytes { raw in try decode(raw) }
        } catch let error as Malformed {
            throw error
        } catch {
            throw Malformed(reason: "\(error)")
        }
    }

    /// Reads the file in place: a model is read at every start, and should take no time.
    private static func decode(_ raw: UnsafeRawBufferPointer) throws(Malformed) -> PartOfSpeechTagger {
        var reader = Reader(raw: raw)
        guard try reader.bytes(magic.count).elementsEqual(magic) else { throw Malformed(reason: "no header") }
        guard try reader.bytes(tagLine.count).elementsEqual(tagLine) else {
            throw Malformed(reason: "another tag set")
        }
        let scale = Float(bitPattern: try reader.integer(UInt32.self))
        guard scale.isFinite, scale > 0 else { throw Malformed(reason: "no scale") }
        var fixed: [UInt64: PartOfSpeech] = [:]
        for _ in 0..<Int(try reader.integer(UInt32.self)) {
            let key = try reader.integer(UInt64.self)
            fixed[key] = try reader.tag()
        }
        var classes: [UInt64: UInt32] = [:]
        for _ in 0..<Int(try reader.integer(UInt32.self)) {
            let key = try reader.integer(UInt64.self)
            classes[key] = try reader.integer(UInt32.self)
        }
        let count = Int(try reader.integer(UInt32.self))
        guard count <= raw.count else { throw Malformed(reason: "more features than bytes") }
        var features = PartOfSpeechTagger.Features()
        features.reserve(count)
        for _ in 0..<count {
            let key = try reader.integer(UInt64.self)
            let entries = Int(try reader.integer(UInt8.self))
            for _ in 0..<entries {
                let tag = try reader.tag()
                features.entries.append(
                    .init(weight: Int16(bitPattern: try reader.integer(UInt16.self)), tag: tag.rawValue))
            }
            features.end(key)
        }
        guard reader.offset == raw.count else { throw Malformed(reason: "bytes after the last feature") }
        return PartOfSpeechTagger(features: features, scale: scale, fixed: fixed, classes: classes)
    }

    private struct Reader {
        let raw: UnsafeRawBufferPointer
        var offset = 0

        mutating func bytes(_ count: Int) throws(Malformed) -> UnsafeRawBufferPointer {
            guard count <= raw.count - offset else { throw Malformed(reason: "cut short") }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)])
        }

        mutating func integer<T: FixedWidthInteger>(_ type: T.Type) throws(Malformed) -> T {
            let size = MemoryLayout<T>.size
            guard size <= raw.count - offset else { throw Malformed(reason: "cut short") }
            defer { offset += size }
            return T(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: T.self))
        }

        mutating func tag() throws(Malformed) -> PartOfSpeech {
            guard let tag = PartOfSpeech(rawValue: try integer(UInt8.self)) else {
                throw Malformed(reason: "a tag out of range")
            }
            return tag
        }
    }
}

extension [UInt8] {
    fileprivate mutating func append<T: FixedWidthInteger>(_ value: T) {
        for shift in 0..<MemoryLayout<T>.size { append(UInt8(truncatingIfNeeded: value >> (8 * shift))) }
    }
}
