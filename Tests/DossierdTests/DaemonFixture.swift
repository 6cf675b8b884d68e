import DossierTesting
import Foundation
import Varlink

/// A temporary folder with the seed document, and a daemon watching it.
final class DaemonFixture {
    static let seedName = "000_8ce81ff0f6d118bf.txt"
    static let seedPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seeds/\(seedName)").path

    let work: TemporaryDirectory
    let root: String
    var daemon: DaemonProcess!

    init(withSeed: Bool = true) throws {
        work = try TemporaryDirectory()
        root = work.subpath("root")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        if withSeed {
            try FileManager.default.copyItem(atPath: Self.seedPath, toPath: root + "/" + Self.seedName)
        }
    }

    /// Starts the daemon and waits until its initial scan is done.
    @discardableResult
    func start(arguments: [String] = [], environment: [String: String] = [:]) async throws -> DaemonProcess {
        daemon = try DaemonProcess(
            root: root, workDirectory: work.path, arguments: arguments, environment: environment)
        try await daemon.waitUntilReady()
        return daemon
    }

    func write(_ name: String, _ contents: String) throws {
        try contents.write(toFile: root + "/" + name, atomically: false, encoding: .utf8)
    }

    func paths() throws -> [String] {
        (try daemon.call("ListDocuments").parameters["documents"]?.arrayValue ?? []).compactMap {
            $0["path"]?.stringValue
        }
    }

    func searchPaths(_ query: String) throws -> [String] {
        (try daemon.call("Search", ["query": .string(query)]).parameters["hits"]?.arrayValue ?? []).compactMap {
            $0["path"]?.stringValue
        }
    }

    deinit {
        work.remove()
    }

    func tearDown() async {
        if let daemon { _ = try? await daemon.stop() }
        work.remove()
    }
}
