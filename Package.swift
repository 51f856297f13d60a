// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "SafeZones",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "safezones", targets: ["safezones"]),
    .library(name: "SafeZonesCore", targets: ["SafeZonesCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
    .package(url: "https://github.com/vapor/fluent", from: "4.13.0"),
    .package(url: "https://github.com/vapor/fluent-kit", from: "1.57.0"),
    .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
    .package(url: "https://github.com/vapor/fluent-sqlite-driver", from: "4.9.0"),
    .package(url: "https://github.com/vapor/fluent-postgres-driver", from: "2.14.0"),
    .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
    .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
    .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
  ],
  targets: [
    .target(
      name: "SafeZonesCore",
      dependencies: [
        .product(name: "Numerics", package: "swift-numerics")
      ]
    ),
    .target(
      name: "SafeZonesKnowledge",
      dependencies: ["SafeZonesCore", .product(name: "Yams", package: "Yams")],
      resources: [.copy("Resources")]
    ),
    .target(name: "SafeZonesCharts", dependencies: ["SafeZonesCore"]),
    // Snowball's stemmers from Debian (libstemmer-dev), behind Core's `Stemmer` protocol.
    .systemLibrary(name: "CStemmer", path: "Sources/CStemmer", providers: [.apt(["libstemmer-dev"])]),
    .target(name: "SafeZonesStemming", dependencies: ["SafeZonesCore", "CStemmer"]),
    // GLPK's simplex from Debian (libglpk-dev), behind Core's `LPSolver` protocol.
    .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
    .target(name: "SafeZonesLP", dependencies: ["SafeZonesCore", "CGLPK"]),
    .target(
      name: "SafeZonesStore",
      dependencies: [
        "SafeZonesCore",
        .product(name: "FluentKit", package: "fluent-kit"),
        .product(name: "SQLKit", package: "sql-kit"),
        .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
        .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(
      name: "SafeZonesApplication",
      dependencies: [
        "SafeZonesCore", "SafeZonesKnowledge", "SafeZonesCharts", "SafeZonesStore", "SafeZonesStemming",
        "SafeZonesLP", .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(
      name: "SafeZonesWeb",
      dependencies: [
        "SafeZonesCore", "SafeZonesKnowledge", "SafeZonesCharts", "SafeZonesStore", "SafeZonesApplication",
        .product(name: "Vapor", package: "vapor"),
        .product(name: "Fluent", package: "fluent"),
        .product(name: "Plot", package: "Plot"),
        .product(name: "CompressNIO", package: "compress-nio"),
        .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
        .product(name: "Yams", package: "Yams"),
      ],
      resources: [.copy("Resources")]
    ),
    .executableTarget(
      name: "safezones",
      dependencies: [
        "SafeZonesCore", "SafeZonesKnowledge", "SafeZonesCharts", "SafeZonesStore", "SafeZonesApplication",
        "SafeZonesWeb", "SafeZonesTestSupport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Fixtures shared by the tests and the `bench` command (synthetic domains), and test doubles.
    .target(name: "SafeZonesTestSupport", dependencies: ["SafeZonesCore"], path: "Tests/SafeZonesTestSupport"),
    .testTarget(name: "SafeZonesStemmingTests", dependencies: ["SafeZonesStemming", "SafeZonesCore"]),
    .testTarget(
      name: "SafeZonesSupplyChainTests",
      dependencies: ["SafeZonesLP", "SafeZonesCore", "SafeZonesKnowledge", "SafeZonesTestSupport"]
    ),
    .testTarget(
      name: "SafeZonesCoreTests",
      dependencies: ["SafeZonesTestSupport", "SafeZonesCore"]
    ),
    .testTarget(
      name: "SafeZonesKnowledgeTests",
      dependencies: ["SafeZonesTestSupport", "SafeZonesCore", "SafeZonesKnowledge"]
    ),
    .testTarget(
      name: "SafeZonesChartsTests",
      dependencies: [
        "SafeZonesTestSupport", "SafeZonesCore", "SafeZonesCharts", "SafeZonesKnowledge",
        .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
      ],
      exclude: ["__Snapshots__"]
    ),
    .testTarget(
      name: "SafeZonesCLITests",
      dependencies: [
        "safezones", "SafeZonesTestSupport",
        .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
      ],
      exclude: ["__Snapshots__"]
    ),
    .testTarget(
      name: "SafeZonesStoreTests",
      dependencies: ["SafeZonesTestSupport", "SafeZonesCore", "SafeZonesKnowledge", "SafeZonesStore"]
    ),
    .testTarget(
      name: "SafeZonesWebTests",
      dependencies: [
        "SafeZonesTestSupport", "SafeZonesWeb", "SafeZonesApplication", "SafeZonesCore", "SafeZonesKnowledge",
        "SafeZonesStore",
        .product(name: "VaporTesting", package: "vapor"),
        .product(name: "Fluent", package: "fluent"),
        .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
        .product(name: "CompressNIO", package: "compress-nio"),
      ],
      exclude: ["__Snapshots__"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
