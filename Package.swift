// swift-tools-version: 6.1
// Loa: approved Vietnamese bulletins → timed audio programmes for commune loudspeaker stations.
// Licence: GPL-3.0-or-later (links libespeak-ng, GPL-3.0).
import PackageDescription

/// Per-sample loops (levelling, limiting, mixing) run hundreds of times slower unoptimized;
/// the test suite renders real programmes, so these targets are optimized in debug builds too.
let optimizedEvenInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Loa",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "loa", targets: ["loa"]),
        .library(name: "VietnameseText", targets: ["VietnameseText"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // System C libraries: a module map and pkg-config name each, nothing else.
        .systemLibrary(name: "CEspeakNG", pkgConfig: "espeak-ng",
                       providers: [.apt(["libespeak-ng-dev"])]),
        .systemLibrary(name: "CSndfile", pkgConfig: "sndfile",
                       providers: [.apt(["libsndfile1-dev"])]),
        .systemLibrary(name: "CEbur128", pkgConfig: "libebur128",
                       providers: [.apt(["libebur128-dev"])]),
        .systemLibrary(name: "CSamplerate", pkgConfig: "samplerate",
                       providers: [.apt(["libsamplerate0-dev"])]),
        .systemLibrary(name: "CLame", pkgConfig: "lame",
                       providers: [.apt(["libmp3lame-dev"])]),

        // The normalizer: written Vietnamese → the words an announcer says. No audio, no config.
        .target(name: "VietnameseText", resources: [.copy("Lexicon")]),

        // Audio buffers, measurement and files (libsndfile), MP3 segments (LAME).
        .target(name: "Audio", dependencies: ["CSndfile", "CEbur128", "CSamplerate", "CLame"],
                swiftSettings: optimizedEvenInDebug),

        // The espeak-ng engine, owned by one actor.
        // (Its data: Loa's espeak-ng sources compiled per version, keyed by their SHA-256.)
        .target(name: "Speech", dependencies: [
            "CEspeakNG", "Audio",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // Province, bulletins, planning and rendering of programmes.
        // (Intake: bulletin files in any encoding, Word files, approvals bound to the text.)
        .target(name: "Programme", dependencies: [
            "VietnameseText", "Speech", "Audio", "Signing",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], swiftSettings: optimizedEvenInDebug),

        // Department keys and minisign signatures (Ed25519), checkable with the stock tool.
        .target(name: "Signing", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),

        // Manifests, checksums, signatures, the day's output folder.
        .target(name: "Packaging", dependencies: [
            "Programme", "Audio", "Speech", "Signing",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // The department's download server: the Output tree read-only, and pages for people.
        .target(name: "Serving", dependencies: [
            "Packaging", "Signing",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),

        // The station's side: fetch, verify and install a day's pack.
        .target(name: "Fetching", dependencies: [
            "Packaging", "Signing",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ]),

        // The command line. Thin: parse, call, print.
        .executableTarget(name: "loa", dependencies: [
            "VietnameseText", "Speech", "Audio", "Programme", "Packaging", "Signing", "Serving", "Fetching",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .testTarget(name: "VietnameseTextTests", dependencies: ["VietnameseText"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "AudioTests", dependencies: ["Audio"]),
        .testTarget(name: "SpeechTests", dependencies: ["Speech", "Audio", "VietnameseText"]),
        .testTarget(name: "ProgrammeTests", dependencies: [
            "Programme", "Signing",
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ], resources: [.copy("Fixtures")]),
        .testTarget(name: "LoaIntegrationTests", dependencies: [
            "Programme", "Packaging", "Speech", "Audio", "VietnameseText", "Signing", "Serving", "Fetching",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .testTarget(name: "SigningTests", dependencies: ["Signing"]),
    ]
)
