// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "trove",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "trove", targets: ["trove"]),
        .library(name: "TroveCore", targets: ["TroveCore"]),
        .library(name: "TroveStore", targets: ["TroveStore"]),
        .executable(name: "trove-bench", targets: ["trove-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(name: "TroveCore", dependencies: ["CGzip", "CZstd", "CSHA256", "CLibc"]),
        .target(name: "CSHA256"),
        .target(name: "CSQLiteConfig", dependencies: [.product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .systemLibrary(name: "CGzip", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .target(
            name: "TroveStore",
            dependencies: [
                "TroveCore", "CLibc", "CSQLiteConfig", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .executableTarget(
            name: "trove",
            dependencies: [
                "TroveCore", "TroveStore", "TroveUI", "TroveTerminal", "TrovePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TroveTestSupport", dependencies: ["TroveCore", "TroveUI"]),
        .testTarget(name: "TroveCoreTests", dependencies: ["TroveCore", "TroveTestSupport"]),
        .testTarget(name: "TroveStoreTests", dependencies: ["TroveStore", "TroveTestSupport"]),
        .testTarget(
            name: "TroveCLITests", dependencies: ["TroveTestSupport", "TrovePostgres"], exclude: ["__Snapshots__"]),
        .systemLibrary(name: "CLibc"),
        .target(name: "TroveUI", dependencies: ["TroveCore", "CLibc"]),
        .systemLibrary(
            name: "CNCurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .target(name: "TroveTerminal", dependencies: ["TroveCore", "TroveUI", "CNCurses"]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "TrovePostgres", dependencies: ["TroveCore", "CLibPQ"]),
        .testTarget(name: "TrovePostgresTests", dependencies: ["TrovePostgres", "TroveTestSupport"]),
        .testTarget(
            name: "TroveContractTests",
            dependencies: [
                "TrovePostgres", "TroveStore", "TroveCore", "TroveUI", "TroveTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "TroveUITests", dependencies: ["TroveUI", "TroveStore", "TroveTestSupport"],
            exclude: ["__Snapshots__"]),
        .testTarget(name: "TroveTerminalTests", dependencies: ["TroveTerminal", "CNCurses", "TroveTestSupport"]),
        .testTarget(
            name: "TroveReliabilityTests",
            dependencies: [
                "TroveStore", "TroveCore", "TroveUI", "TroveTestSupport", "TrovePostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "trove-bench",
            dependencies: [
                "TroveCore", "TroveStore", "TroveUI", "TrovePostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
