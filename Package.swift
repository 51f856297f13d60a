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
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
  ],
  targets: [
    .target(
      name: "SafeZonesCore",
      dependencies: [
        .product(name: "Numerics", package: "swift-numerics"),
        .product(name: "Collections", package: "swift-collections"),
      ]
    ),
    .target(
      name: "SafeZonesKnowledge",
      dependencies: ["SafeZonesCore", .product(name: "Yams", package: "Yams")],
      resources: [.copy("Resources")]
    ),
    .target(name: "SafeZonesCharts", dependencies: ["SafeZonesCore"]),
    .executableTarget(
      name: "safezones",
      dependencies: [
        "SafeZonesCore", "SafeZonesKnowledge", "SafeZonesCharts",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "SafeZonesCoreTests",
      dependencies: ["SafeZonesCore"]
    ),
    .testTarget(
      name: "SafeZonesKnowledgeTests",
      dependencies: ["SafeZonesCore", "SafeZonesKnowledge"]
    ),
    .testTarget(
      name: "SafeZonesChartsTests",
      dependencies: [
        "SafeZonesCore", "SafeZonesCharts", "SafeZonesKnowledge",
        .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
      ],
      exclude: ["__Snapshots__"]
    ),
    .testTarget(
      name: "SafeZonesCLITests",
      dependencies: [
        "safezones",
        .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
      ],
      exclude: ["__Snapshots__"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
