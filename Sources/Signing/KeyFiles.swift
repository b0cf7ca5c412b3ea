import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading and writing the department's key files safely.
///
/// The secret key is written with mode 0600 and never over an existing file, and never
/// into a folder that is published or versioned: inside an `Output` folder or a git work tree.
public enum KeyFiles {
    /// Where `loa keys generate` puts the key pair when not told: `~/.config/loa/department.key`.
    public static var defaultSecretKey: URL {
        configHome.appendingPathComponent("loa/department.key")
    }

    /// `$XDG_CONFIG_HOME`, or `~/.config`.
    static var configHome: URL {
        if let xdg = ProcessInfo.processInfo.environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg)
        }
        return home.appendingPathComponent(".config")
    }

    /// `$HOME` (as a shell expands `~`), else the account's home folder.
    static var home: URL {
        if let home = ProcessInfo.processInfo.environment["HOME"], home.hasPrefix("/") { return URL(fileURLWithPath: home) }
        return FileManager.default.homeDirectoryForCurrentUser
    }

    /// The public key beside a secret key: `department.key` → `department.pub`.
    public static func publicKeyPath(for secret: URL) -> URL {
        secret.deletingPathExtension().appendingPathExtension("pub")
    }

    /// Expands a leading `~/` to the home folder.
    public static func expand(_ path: String, relativeTo base: URL) -> URL {
        if path.hasPrefix("~/") {
            return home.appendingPathComponent(String(path.dropFirst(2)))
        }
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    }

    /// Writes a new key pair: the secret key (0600, in a 0700 folder when it makes one) and
    /// the public key beside it. Refuses to overwrite either, or to put the secret key
    /// somewhere published or versioned.
    @discardableResult
    public static func generate(secret: URL, public publicURL: URL? = nil) throws(SigningError) -> DepartmentSecretKey {
        let publicURL = publicURL ?? publicKeyPath(for: secret)
        try refuseUnsafePlace(secret)
        let fileManager = FileManager.default
        for url in [secret, publicURL] where fileManager.fileExists(atPath: url.path) {
            throw SigningError(url.path, "already exists; a key is never overwritten (stations trust the one they have). Move it away first if you really mean to replace it")
        }
        let folder = secret.deletingLastPathComponent()
        if !fileManager.fileExists(atPath: folder.path) {
            do {
                try fileManager.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
            } catch {
                throw SigningError(folder.path, "cannot be made: \(error.localizedDescription)")
            }
        }
        let key = DepartmentSecretKey.generate()
        try writeNew(key.fileText, to: secret, mode: 0o600)
        try writeNew(key.publicKey.minisignText, to: publicURL, mode: 0o644)
        return key
    }

    /// Reads the secret key, refusing one that others may read.
    public static func readSecretKey(_ url: URL, display: String? = nil) throws(SigningError) -> DepartmentSecretKey {
        let source = display ?? url.path
        var info = stat()
        guard stat(url.path, &info) == 0 else {
            throw SigningError(source, "does not exist; make the department's key with `loa keys generate --secret \(source)`, or build with --unsigned")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw SigningError(source, "can be read by other users (mode \(String(info.st_mode & 0o777, radix: 8))); run `chmod 600 \(source)`")
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SigningError(source, "cannot be read")
        }
        return try DepartmentSecretKey(fileText: String(decoding: data, as: UTF8.self), source: source)
    }

    /// A secret key inside an `Output` folder would be served to every station; inside a git
    /// work tree it would be committed.
    static func refuseUnsafePlace(_ secret: URL) throws(SigningError) {
        let path = secret.standardizedFileURL
        var folder = path.deletingLastPathComponent()
        while folder.path != "/" && !folder.path.isEmpty {
            if folder.lastPathComponent == "Output" {
                throw SigningError(secret.path, "is inside an Output folder, which is served to stations; keep the secret key elsewhere (default: \(defaultSecretKey.path))")
            }
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path) {
                throw SigningError(secret.path, "is inside the git work tree \(folder.path); keep the secret key out of version control (default: \(defaultSecretKey.path))")
            }
            folder = folder.deletingLastPathComponent()
        }
    }

    /// Creates `url` with `mode`, failing if it exists (`O_EXCL`), and syncs it.
    static func writeNew(_ text: String, to url: URL, mode: mode_t) throws(SigningError) {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else {
            throw SigningError(url.path, "cannot be created: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        fchmod(fd, mode)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw SigningError(url.path, "could not be written in full: \(String(cString: strerror(errno)))")
        }
    }
}
