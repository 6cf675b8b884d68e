// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dossierd", targets: ["dossierd"]),
        .executable(name: "dossier", targets: ["dossier"]),
        .executable(name: "dossier-web", targets: ["dossier-web"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // C: the parts of libsystemd the daemon speaks (sd_notify, sd_listen_fds, the journal).
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        // C: Linux headers Glibc's module leaves out (extended attributes, for the socket's ACL).
        .systemLibrary(name: "CLinux"),
        // Swift over libsystemd: notify, socket activation, watchdog, journal logging.
        .target(
            name: "Systemd",
            dependencies: [
                "CSystemd",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // C: libxml2's error-tolerant HTML parser.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // C: zlib, which compresses the texts the cache stores.
        .systemLibrary(
            name: "CLibZ",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Pure: bytes in, Document out. No I/O.
        .target(name: "Ingest", dependencies: ["CLibXML2", "ZIPFoundation"]),
        // Pure: what people say about names (merge, rename, kind, hide, split), their order and file.
        .target(name: "Corrections", dependencies: ["Ingest"]),
        // The cached model: SQLite (WAL, FTS5) through GRDB.
        .target(
            name: "Store",
            dependencies: [
                "Ingest", "Corrections", "CLibZ",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's own interface, for the writer's bulk inserts (RowInserter) and the functions
                // that read stored texts (StoredTextFunctions).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Queries over the cached model: the search language, question answering, similar documents.
        .target(
            name: "Query", dependencies: ["Store", "Ingest"],
            // The answer ranker's and the short-answer chooser's fitted weights (Scripts/fit-ranker).
            resources: [.embedInCode("Resources/answer-ranker.json"), .embedInCode("Resources/answer-phrases.json")]
        ),
        // inotify, the watch state machine, folder scans.
        .target(
            name: "Watch",
            dependencies: [
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        // Generic Varlink: framing, messages, server over NIO, a small blocking client.
        .target(
            name: "Varlink",
            dependencies: [
                "CLinux",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The io.dossier contract: each method's parameters and reply, the records, the errors.
        .target(name: "DossierProtocol", dependencies: ["Varlink"]),
        // Composition: configuration, the indexer, the io.dossier interface, the service group.
        .target(
            name: "DossierService",
            dependencies: [
                "Systemd", "Ingest", "Corrections", "Store", "Query", "Watch", "Varlink", "DossierProtocol",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            resources: [.copy("Resources/Tagger")]
        ),
        .executableTarget(
            name: "dossierd",
            dependencies: [
                "DossierService", "DossierProtocol", "Systemd", "Ingest", "Varlink",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "dossier",
            dependencies: [
                "Varlink", "DossierProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The page: an HTTP server over the daemon's socket, rendering escaped templates.
        .target(
            name: "DossierWeb",
            dependencies: [
                "Varlink", "DossierProtocol",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [
                .embedInCode("Resources/layout.mustache"), .embedInCode("Resources/home.mustache"),
                .embedInCode("Resources/search.mustache"), .embedInCode("Resources/ask.mustache"),
                .embedInCode("Resources/document.mustache"), .embedInCode("Resources/entity.mustache"),
                .embedInCode("Resources/entities.mustache"), .embedInCode("Resources/timeline.mustache"),
                .embedInCode("Resources/network.mustache"), .embedInCode("Resources/edge.mustache"),
                .embedInCode("Resources/status.mustache"), .embedInCode("Resources/corrections.mustache"),
                .embedInCode("Resources/confirm.mustache"), .embedInCode("Resources/message.mustache"),
                .embedInCode("Resources/style.css"), .embedInCode("Resources/app.js"),
                .embedInCode("Resources/network.js"),
            ]
        ),
        .executableTarget(
            name: "dossier-web",
            dependencies: [
                "DossierWeb", "DossierProtocol", "Systemd",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Trains the part-of-speech tagger's model (Scripts/train-tagger).
        .executableTarget(
            name: "dossier-train-tagger",
            dependencies: ["Ingest", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Fits the answer ranker's weights (Scripts/fit-ranker).
        .executableTarget(
            name: "dossier-fit-ranker",
            dependencies: [
                "Query", "Store", "Ingest", "DossierService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks (Scripts/bench builds and runs them in release mode).
        .executableTarget(
            name: "dossier-ingest-bench",
            dependencies: ["Ingest", "Store", "DossierService", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/IngestBenchmark"
        ),

        // Test helpers: temporary folders, the real daemon as a child process, bounded polling.
        .target(
            name: "DossierTesting",
            dependencies: ["Varlink"],
            path: "Tests/DossierTesting"
        ),
        // Fixtures/tagger.conllu: a small treebank written for the tests, read by path.
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "DossierTesting"], exclude: ["Fixtures"]),
        .testTarget(name: "CorrectionsTests", dependencies: ["Corrections", "Ingest"]),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Store", "Ingest", "Corrections", "DossierTesting", "CLibZ",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "QueryTests", dependencies: ["Query", "Store", "Ingest", "DossierTesting"]),
        .testTarget(
            name: "WatchTests",
            dependencies: ["Watch", "DossierTesting", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "VarlinkTests",
            dependencies: [
                "Varlink",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "DossierWebTests", dependencies: ["DossierWeb", "DossierProtocol"]),
        .testTarget(name: "DossierProtocolTests", dependencies: ["DossierProtocol", "Varlink"]),
        .testTarget(
            name: "SystemdTests",
            dependencies: ["Systemd", "DossierTesting", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "DossierServiceTests",
            dependencies: [
                "DossierService", "DossierProtocol", "DossierTesting", "Store", "Watch", "Ingest", "Query",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "DossierdTests",
            dependencies: [
                "dossierd", "dossier", "dossier-fit-ranker", "DossierTesting", "Varlink", "DossierService", "Store",
                "Ingest", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
