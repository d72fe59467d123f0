// swift-tools-version:6.0
import PackageDescription

let strict: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
  name: "tokentax",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "tokentax", targets: ["tokentax"]),
    .library(name: "TokenTaxKit", targets: ["TokenTaxKit"]),
  ],
  dependencies: [],
  targets: [
    // The vocabulary tables, embedded in the binary with C23 `#embed` so a copied binary still works;
    // the `.tiktoken` files they are generated from stay beside them for the tests.
    .target(
      name: "VocabData",
      exclude: ["o200k_base.tiktoken", "cl100k_base.tiktoken", "o200k_base.tables", "cl100k_base.tables"]),
    // The commit a release binary was built from (`tokentax --version`), set by scripts/release.sh.
    .target(name: "BuildInfo"),
    .target(name: "Tokenizer", dependencies: ["VocabData"], swiftSettings: strict),
    // Values, parser, writer, the path-tracking reader, and the scanners and framers the trace
    // readers use; depends on nothing, so it can be tested and benchmarked alone.
    .target(name: "JSON", swiftSettings: strict),
    .target(name: "TokenTaxKit", dependencies: ["Tokenizer", "JSON", "BuildInfo"], swiftSettings: strict),
    .executableTarget(name: "tokentax", dependencies: ["TokenTaxKit"], swiftSettings: strict),
    .executableTarget(
      name: "tokentax-bench", dependencies: ["TokenTaxKit", "Tokenizer", "JSON"], swiftSettings: strict),

    .testTarget(name: "TokenizerTests", dependencies: ["Tokenizer"], exclude: ["Fixtures"], swiftSettings: strict),
    .testTarget(name: "JSONTests", dependencies: ["JSON"], swiftSettings: strict),
    .testTarget(
      name: "TokenTaxKitTests", dependencies: ["TokenTaxKit", "Tokenizer", "JSON"], exclude: ["Fixtures", "Snapshots"],
      swiftSettings: strict),
  ],
  swiftLanguageModes: [.v6]
)
