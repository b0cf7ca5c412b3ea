import Foundation
import Signing
import XCTest

/// Loa's minisign keys and signatures: round trips, refusals, and agreement with the stock
/// `minisign` tool both ways (skipped only where the tool is missing; `scripts/setup` installs it).
final class MinisignTests: XCTestCase {
    let message = Data("{\"station\":\"PD\",\"date\":\"2021-09-24\"}\n".utf8)

    func testSignatureVerifiesAndIsDeterministic() throws {
        let key = DepartmentSecretKey.generate()
        let a = try key.sign(message, trustedComment: "loa pack station=PD date=2021-09-24 file=manifest.json")
        let b = try key.sign(message, trustedComment: "loa pack station=PD date=2021-09-24 file=manifest.json")
        XCTAssertEqual(a.text, b.text, "same key, message and comment give the same bytes")
        let parsed = try MinisignSignature(text: a.text, source: "manifest.json.minisig")
        XCTAssertEqual(parsed, a)
        XCTAssertNoThrow(try parsed.verify(message, with: key.publicKey, source: "sig"))
    }

    func testChangedMessageCommentOrKeyIsRefused() throws {
        let key = DepartmentSecretKey.generate(), other = DepartmentSecretKey.generate()
        let signature = try key.sign(message, trustedComment: "loa pack station=PD date=2021-09-24 file=manifest.json")
        var flipped = message
        flipped[3] ^= 0x01
        XCTAssertThrowsError(try signature.verify(flipped, with: key.publicKey, source: "sig")) { error in
            XCTAssertTrue("\(error)".contains("does not match the file"), "\(error)")
        }
        var comment = signature
        comment.trustedComment = "loa pack station=TL date=2021-09-24 file=manifest.json"
        XCTAssertThrowsError(try comment.verify(message, with: key.publicKey, source: "sig")) { error in
            XCTAssertTrue("\(error)".contains("trusted comment"), "\(error)")
        }
        XCTAssertThrowsError(try signature.verify(message, with: other.publicKey, source: "sig")) { error in
            XCTAssertTrue("\(error)".contains("\(key.keyID)") && "\(error)".contains("\(other.keyID)"), "\(error)")
        }
        // Same key id, different key (a forged id): the cryptography still refuses it.
        let forged = DepartmentPublicKey(keyID: key.keyID, key: other.publicKey.key)
        XCTAssertThrowsError(try signature.verify(message, with: forged, source: "sig"))
    }

    func testMalformedFilesSayWhatWasExpected() {
        XCTAssertThrowsError(try MinisignSignature(text: "<html>502 Bad Gateway</html>", source: "x.minisig")) { error in
            XCTAssertTrue("\(error)".hasPrefix("x.minisig: is not a minisign signature"), "\(error)")
        }
        XCTAssertThrowsError(try DepartmentPublicKey(minisignText: "untrusted comment: x\nnot base64!\n", source: "d.pub")) { error in
            XCTAssertTrue("\(error)".contains("d.pub: is not a minisign public key"), "\(error)")
        }
    }

    func testPublicKeyAndSecretKeyFilesRoundTrip() throws {
        let key = DepartmentSecretKey.generate()
        let publicKey = try DepartmentPublicKey(minisignText: key.publicKey.minisignText, source: "p")
        XCTAssertEqual(publicKey.keyID, key.keyID)
        XCTAssertEqual(publicKey.key.rawRepresentation, key.publicKey.key.rawRepresentation)
        let again = try DepartmentSecretKey(fileText: key.fileText, source: "s")
        XCTAssertEqual(try again.sign(message, trustedComment: "t").text, try key.sign(message, trustedComment: "t").text)
        XCTAssertTrue(key.publicKey.minisignText.hasPrefix("untrusted comment: minisign public key \(key.keyID)\n"))
    }

    func testKeyFilesAreWrittenPrivatelyAndNeverOverwritten() throws {
        let folder = try scratch()
        let secret = folder.appendingPathComponent("keys/department.key")
        let key = try KeyFiles.generate(secret: secret)
        let mode = try FileManager.default.attributesOfItem(atPath: secret.path)[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("keys/department.pub").path))
        XCTAssertEqual(try KeyFiles.readSecretKey(secret).keyID, key.keyID)
        let before = try Data(contentsOf: secret)
        XCTAssertThrowsError(try KeyFiles.generate(secret: secret)) { error in
            XCTAssertTrue("\(error)".contains("already exists"), "\(error)")
        }
        XCTAssertEqual(try Data(contentsOf: secret), before, "the existing key is untouched")

        chmod(secret.path, 0o644)
        XCTAssertThrowsError(try KeyFiles.readSecretKey(secret)) { error in
            XCTAssertTrue("\(error)".contains("chmod 600"), "\(error)")
        }
    }

    func testSecretKeyIsRefusedInsideOutputOrAGitWorkTree() throws {
        let folder = try scratch()
        XCTAssertThrowsError(try KeyFiles.generate(secret: folder.appendingPathComponent("Output/department.key"))) { error in
            XCTAssertTrue("\(error)".contains("inside an Output folder"), "\(error)")
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("repo/.git"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try KeyFiles.generate(secret: folder.appendingPathComponent("repo/keys/department.key"))) { error in
            XCTAssertTrue("\(error)".contains("git work tree"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("repo/keys/department.key").path))
    }

    /// The stock tool checks Loa's signatures (what a station can do without Loa).
    func testStockMinisignVerifiesLoasSignature() throws {
        let minisign = try XCTUnwrap(Self.tool("minisign"), "minisign is installed by scripts/setup")
        let folder = try scratch()
        let key = DepartmentSecretKey.generate()
        try key.publicKey.minisignText.write(to: folder.appendingPathComponent("d.pub"), atomically: true, encoding: .utf8)
        try message.write(to: folder.appendingPathComponent("manifest.json"))
        try key.sign(message, trustedComment: "loa pack station=PD date=2021-09-24 file=manifest.json").text
            .write(to: folder.appendingPathComponent("manifest.json.minisig"), atomically: true, encoding: .utf8)
        let good = try Self.run(minisign, ["-V", "-p", "d.pub", "-m", "manifest.json"], in: folder)
        XCTAssertEqual(good.status, 0, good.output)
        XCTAssertTrue(good.output.contains("loa pack station=PD date=2021-09-24"), good.output)
        var flipped = message
        flipped[5] ^= 0x20
        try flipped.write(to: folder.appendingPathComponent("manifest.json"))
        XCTAssertNotEqual(try Self.run(minisign, ["-V", "-p", "d.pub", "-m", "manifest.json"], in: folder).status, 0)
    }

    /// And Loa checks the stock tool's: the formats really are minisign's.
    func testLoaVerifiesAStockMinisignSignature() throws {
        let minisign = try XCTUnwrap(Self.tool("minisign"), "minisign is installed by scripts/setup")
        let folder = try scratch()
        XCTAssertEqual(try Self.run(minisign, ["-G", "-W", "-p", "m.pub", "-s", "m.key"], in: folder).status, 0)
        try message.write(to: folder.appendingPathComponent("file.json"))
        XCTAssertEqual(try Self.run(minisign, ["-S", "-l", "-s", "m.key", "-t", "made by minisign", "-m", "file.json"], in: folder).status, 0)
        let publicKey = try DepartmentPublicKey(contentsOf: folder.appendingPathComponent("m.pub"))
        let signature = try MinisignSignature(text: String(contentsOf: folder.appendingPathComponent("file.json.minisig"), encoding: .utf8),
                                              source: "file.json.minisig")
        XCTAssertEqual(signature.trustedComment, "made by minisign")
        XCTAssertNoThrow(try signature.verify(message, with: publicKey, source: "file.json.minisig"))
    }

    // MARK: helpers

    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("loa-sign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    static func tool(_ name: String) -> URL? {
        for folder in ["/usr/bin", "/usr/local/bin", "/bin"] {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    static func run(_ tool: URL, _ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = tool
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
