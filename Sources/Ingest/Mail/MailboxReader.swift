/// Splits a mailbox (`.mbox`, the mboxrd and mboxo formats mail programs export) into its
/// messages: each begins with a line "From " at the start of the file or after an empty line,
/// and a line of the body that began "From " is kept with one ">" taken off.
enum MailboxReader {
    /// Messages read at most.
    static let maximumMessages = 100_000

    static func recognizes(_ bytes: [UInt8], fileName: String) -> Bool {
        if FormatDetector.fileExtension(of: fileName) == "mbox" { return true }
        guard bytes.starts(with: Array("From ".utf8)), let end = bytes.prefix(1_000).firstIndex(of: 0x0A) else {
            return false
        }
        // The separator line, then a message's header fields.
        return MailReader.recognizes(Array(bytes[(end + 1)...].prefix(16_384)), fileName: "")
    }

    static func messages(_ bytes: [UInt8]) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        var current: [UInt8]?
        var previousBlank = true
        var index = 0
        while index < bytes.count {
            let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[index..<end]
            let next = min(end + 1, bytes.count)
            if previousBlank, line.starts(with: Array("From ".utf8)) {
                if let message = current { messages.append(message) }
                guard messages.count < maximumMessages else { return messages }
                current = []
            } else if current != nil {
                var kept = line[...]
                // mboxrd: ">From ", ">>From " … lose one ">".
                if kept.first == 0x3E, kept.drop(while: { $0 == 0x3E }).starts(with: Array("From ".utf8)) {
                    kept = kept.dropFirst()
                }
                current!.append(contentsOf: kept)
                if end < bytes.count { current!.append(0x0A) }
            }
            previousBlank = line.isEmpty || line == [0x0D]
            index = next
        }
        if let message = current { messages.append(message) }
        return messages
    }
}
