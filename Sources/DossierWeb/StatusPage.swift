import DossierProtocol

extension Pages {
    /// The daemon's state: documents, pending work and the first scan's progress, files not
    /// read and why, missing programs and data, and changes as they happen.
    func status() async -> PageResponse {
        struct Problem {
            var path: String
            var status: String
            var reason: String
        }
        struct View {
            var frame: Frame
            var root: String
            var rootMissing: Bool
            var phase: String
            var documents: Int
            var words: Int
            var pending: Int
            var initialScanComplete: Bool
            var scanDone: Int
            var scanTotal: Int
            var failed: Int
            var unsupported: Int
            var corrections: Int
            var correctionsProblem: String?
            var generation: Int
            var version: String
            var uptime: String
            var cacheError: String?
            var missingPrograms: [String]
            var missingData: [String]
            var hasMissing: Bool
            var problems: [Problem]
            var hasProblems: Bool
        }
        return await render("status") {
            async let state = daemon.call(DossierAPI.Status.self, .init())
            async let failed = daemon.call(DossierAPI.ListDocuments.self, .init(limit: 200, failed: true))
            let status = try await state.status
            let problems = try await failed.documents.map {
                Problem(path: $0.path, status: $0.status, reason: $0.reason ?? "")
            }
            var frame = Frame(title: "Status", section: "/status")
            frame.live = "on"
            let done = status.counters.processed
            return View(
                frame: frame, root: status.root, rootMissing: status.rootMissing, phase: status.phase,
                documents: status.documents, words: status.words, pending: status.pending,
                initialScanComplete: status.initialScanComplete, scanDone: done,
                scanTotal: max(1, done + status.pending),
                failed: status.failed, unsupported: status.unsupported, corrections: status.corrections,
                correctionsProblem: status.correctionsProblem, generation: status.generation, version: status.version,
                uptime: Self.duration(status.uptimeSeconds), cacheError: status.cacheError,
                missingPrograms: status.missingPrograms, missingData: status.missingData,
                hasMissing: !(status.missingPrograms.isEmpty && status.missingData.isEmpty), problems: problems,
                hasProblems: !problems.isEmpty)
        }
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds)
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min" }
        if whole < 86400 { return "\(whole / 3600) h \(whole % 3600 / 60) min" }
        return "\(whole / 86400) days"
    }
}
