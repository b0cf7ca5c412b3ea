// swift-tools-version: 6.0
// Fuzz harness for the VietnameseText normalizer. Standalone so the root package
// stays untouched; depends on the root package by path.
import PackageDescription

let package = Package(
    name: "NormalizerFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Loa", path: "../..")],
    targets: [
        .executableTarget(
            name: "NormalizerFuzz",
            dependencies: [.product(name: "VietnameseText", package: "Loa")]),
    ]
)
