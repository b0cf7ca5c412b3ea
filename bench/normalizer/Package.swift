// swift-tools-version: 6.0
// Benchmark and helper tool for the VietnameseText normalizer. Standalone so the
// root package stays untouched; depends on the root package by path.
import PackageDescription

let package = Package(
    name: "NormalizerBench",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Loa", path: "../..")],
    targets: [
        .executableTarget(
            name: "NormalizerBench",
            dependencies: [.product(name: "VietnameseText", package: "Loa")]),
    ]
)
