import DossierTesting
import Logging
import Testing

@testable import Systemd

@Suite struct JournalLogHandlerTests {
    @Test func metadataKeysBecomeJournalFieldNames() {
        #expect(JournalLogHandler.fieldName("path") == "PATH")
        #expect(JournalLogHandler.fieldName("duration.ms") == "DURATION_MS")
        #expect(JournalLogHandler.fieldName("varlink.method") == "VARLINK_METHOD")
    }

    @Test func levelsMapToSyslogPriorities() {
        #expect(JournalLogHandler.priority(.critical) == 2)
        #expect(JournalLogHandler.priority(.error) == 3)
        #expect(JournalLogHandler.priority(.warning) == 4)
        #expect(JournalLogHandler.priority(.notice) == 5)
        #expect(JournalLogHandler.priority(.info) == 6)
        #expect(JournalLogHandler.priority(.debug) == 7)
    }
}

@Suite struct EscapingLogHandlerTests {
    /// Keeps what it is given.
    final class Recorder: @unchecked Sendable {
        var events: [LogEvent] = []
    }

    struct RecordingHandler: LogHandler {
        let recorder: Recorder
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) { recorder.events.append(event) }
    }

    @Test func controlCharactersNeverReachTheHandlerRaw() throws {
        let recorder = Recorder()
        let logger = Logger(label: "test") { _ in EscapingLogHandler(wrapping: RecordingHandler(recorder: recorder)) }
        logger.info(
            "reindex", metadata: ["path": "notes.txt\u{0}junk", "method": "a\u{1B}[31mred\nforged", "count": "\(3)"])
        let event = try #require(recorder.events.first)
        #expect(event.metadata?["path"] == "notes.txt\\u{0}junk")
        #expect(event.metadata?["method"] == "a\\u{1b}[31mred\\u{a}forged")
        #expect(event.metadata?["count"] == "3")
    }

    @Test func aLongValueIsCutSayingSo() {
        let long = String(repeating: "x", count: 1_000_000)
        let escaped = EscapingLogHandler.escaped(long)
        #expect(escaped.utf8.count < EscapingLogHandler.maximumValueBytes + 40)
        #expect(escaped.hasSuffix("… (1000000 bytes)"))
        #expect(EscapingLogHandler.escaped("plain") == "plain")
    }
}

@Suite(.serialized) struct SystemdNotifierTests {
    @Test func sendsAssignmentsToTheNotifySocketAndNothingWithoutOne() throws {
        unsetenv("NOTIFY_SOCKET")
        #expect(!SystemdNotifier().ready(status: "x"))

        let path = "/tmp/dossier-notify-\(getpid())"
        unlink(path)
        let receiver = try DatagramReceiver(path: path)
        defer {
            unlink(path)
            unsetenv("NOTIFY_SOCKET")
        }
        setenv("NOTIFY_SOCKET", path, 1)
        #expect(SystemdNotifier().ready(status: "3 documents,\nsecond line"))
        #expect(receiver.receiveAvailable() == ["READY=1\nSTATUS=3 documents, second line"])
    }
}

#if canImport(Glibc)
    import Glibc
#endif
