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
