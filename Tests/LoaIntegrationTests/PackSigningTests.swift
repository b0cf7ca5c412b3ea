import Foundation
import Packaging
import Programme
import Signing
import XCTest

/// Issue 11, deliverable 1: every station pack and the day's index go out signed, checkable
/// with Loa and with the stock tools (`minisign -V`, `sha256sum -c`).
final class PackSigningTests: XCTestCase {
    func testEveryPackIsSignedAndSummedAsTheStockToolsCheck() async throws {
        let province = try await SignedDay.build()
        let minisign = try XCTUnwrap(findTool("minisign"), "scripts/setup installs minisign")
        let sha256sum = try XCTUnwrap(findTool("sha256sum"))
        let publicKey = try SignedDay.publicKeyFile()
        let index = try JSONFile.read(DayIndex.self, from: province.day.appendingPathComponent("index.json"))
        XCTAssertEqual(index.signingKey, "\(SignedDay.key.keyID)")
        let indexCheck = try runTool(minisign, ["-V", "-p", publicKey.path, "-m", "index.json"], in: province.day)
        XCTAssertEqual(indexCheck.status, 0, indexCheck.output)
        XCTAssertTrue(indexCheck.output.contains("loa index date=2021-09-24"), indexCheck.output)

        XCTAssertEqual(index.stations.count, 3)
        for entry in index.stations {
            let folder = province.day.appendingPathComponent(entry.code)
            let manifest = try JSONFile.read(StationManifest.self, from: folder.appendingPathComponent("manifest.json"))
            XCTAssertEqual(manifest.signingKey, "\(SignedDay.key.keyID)")
            XCTAssertTrue(manifest.slots.flatMap(\.files).allSatisfy { ($0.bytes ?? 0) > 0 }, "sizes recorded")
            let check = try runTool(minisign, ["-V", "-p", publicKey.path, "-m", "manifest.json"], in: folder)
            XCTAssertEqual(check.status, 0, "\(entry.code): \(check.output)")
            XCTAssertTrue(check.output.contains("loa pack station=\(entry.code) date=2021-09-24 file=manifest.json"), check.output)
            let sums = try runTool(sha256sum, ["-c", "--strict", "SHA256SUMS"], in: folder)
            XCTAssertEqual(sums.status, 0, "\(entry.code): \(sums.output)")
            let listed = try String(contentsOf: folder.appendingPathComponent("SHA256SUMS"), encoding: .utf8)
                .split(separator: "\n").map { String($0.split(separator: " ").last!) }
            XCTAssertEqual(Set(listed), Set(["manifest.json"] + manifest.slots.flatMap(\.files).map(\.path)))
        }

        // A byte changed in an MP3 is caught by the sums; one in the manifest by the signature.
        let pd = province.day.appendingPathComponent("PD")
        try flipByte(in: pd.appendingPathComponent("sang.mp3"), at: 4000)
        XCTAssertNotEqual(try runTool(sha256sum, ["-c", "--quiet", "SHA256SUMS"], in: pd).status, 0)
        try flipByte(in: pd.appendingPathComponent("manifest.json"), at: 40)
        XCTAssertNotEqual(try runTool(minisign, ["-V", "-p", publicKey.path, "-m", "manifest.json"], in: pd).status, 0)
    }

    func testSignaturesAreDeterministic() async throws {
        let key = DepartmentSecretKey.generate()
        let first = try await SignedDay.build(key: key), second = try await SignedDay.build(key: key)
        let a = contents(of: first.day), b = contents(of: second.day)
        XCTAssertEqual(a, b, "same inputs and key, same bytes (signatures included)")
        XCTAssertNotNil(a["PD/manifest.json.minisig"])
    }

    func testAnUnsignedBuildOnlyWhenAskedForAndItSaysSo() async throws {
        let province = try TinyProvince.make()
        var options = province.options("a")
        options.signing = .unsigned
        let report = await DayBuild(options: options).run()
        XCTAssertNotNil(report.outputFolder)
        XCTAssertEqual(report.signingKey, "unsigned")
        let manifest = try JSONFile.read(StationManifest.self, from: province.day.appendingPathComponent("PD/manifest.json"))
        XCTAssertEqual(manifest.signingKey, "unsigned")
        XCTAssertFalse(FileManager.default.fileExists(atPath: province.day.appendingPathComponent("PD/manifest.json.minisig").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: province.day.appendingPathComponent("PD/SHA256SUMS").path))
    }

    func testAProvinceWithoutAKeyIsAnErrorAndWritesNothing() async throws {
        let province = try TinyProvince.make()
        let yaml = try String(contentsOf: province.config, encoding: .utf8)
        try String(yaml[..<yaml.range(of: "signing:")!.lowerBound]).write(to: province.config, atomically: true, encoding: .utf8)
        let report = await DayBuild(options: province.options("a")).run()
        XCTAssertEqual(report.outcome, .failed)
        let message = report.diagnostics.map(\.description).joined(separator: "\n")
        XCTAssertTrue(message.contains("loa.yaml") && message.contains("names no signing key") && message.contains("--unsigned"), message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: province.day.path))
    }

    func testAMissingConfiguredKeyNamesTheLine() async throws {
        let province = try TinyProvince.make()
        let yaml = try String(contentsOf: province.config, encoding: .utf8)
            .replacingOccurrences(of: "make-if-missing: true", with: "make-if-missing: false")
        try yaml.write(to: province.config, atomically: true, encoding: .utf8)
        let report = await DayBuild(options: province.options("a")).run()
        XCTAssertEqual(report.outcome, .failed)
        let problem = try XCTUnwrap(report.diagnostics.first)
        XCTAssertNotNil(problem.line)
        XCTAssertTrue(problem.message.contains("loa keys generate"), problem.message)
    }

    /// The configuration the README's sample uses: the first build makes the key (0600), later
    /// builds sign with the same one.
    func testMakeIfMissingMakesTheKeyOnceAndKeepsIt() async throws {
        let province = try TinyProvince.make()
        let first = await DayBuild(options: province.options("a")).run()
        XCTAssertNotNil(first.outputFolder, "\(first.diagnostics)")
        let secret = province.root.appendingPathComponent("keys/department.key")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: secret.path)[.posixPermissions] as? Int, 0o600)
        XCTAssertTrue(first.notices.contains { $0.contains("made the signing key") })
        let second = await DayBuild(options: province.options("b")).run()
        XCTAssertEqual(first.signingKey, second.signingKey)
        XCTAssertTrue(second.notices.isEmpty)
    }

    private func flipByte(in url: URL, at offset: Int) throws {
        var data = try Data(contentsOf: url)
        data[offset] ^= 0x01
        try data.write(to: url)
    }
}
