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
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        defer {
            close(descriptor)
            unlink(path)
            unsetenv("NOTIFY_SOCKET")
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0)
        setenv("NOTIFY_SOCKET", path, 1)
        #expect(SystemdNotifier().ready(status: "3 documents,\nsecond line"))
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        #expect(String(decoding: buffer[..<max(count, 0)], as: UTF8.self) == "READY=1\nSTATUS=3 documents, second line")
    }
}

#if canImport(Glibc)
    import Glibc
#endif
