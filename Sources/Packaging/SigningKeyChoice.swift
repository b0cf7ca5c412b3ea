import Foundation
import Programme
import Signing

/// Finds the key a build signs with, before anything is written.
enum SigningKeyChoice {
    /// The secret key for `signing`, or nil for an unsigned build. A configured key that is
    /// missing is an error naming `loa.yaml`'s line, unless the configuration asks for it to
    /// be made (the bundled sample); then it is made, and `notice` says where.
    static func key(for signing: PackSigning, province: Province, configFolder: URL,
                    notice: (String) -> Void) throws(ConfigError) -> DepartmentSecretKey? {
        switch signing {
        case .unsigned:
            return nil
        case .key(let key):
            return key
        case .configured:
            guard let settings = province.signing else {
                throw ConfigError(Diagnostic(.error, file: province.file,
                    "names no signing key; stations accept only signed packs. Make one with `loa keys generate` and add `signing:` with `key: ~/.config/loa/department.key`, or build with --unsigned"))
            }
            let url = KeyFiles.expand(settings.key, relativeTo: configFolder)
            do {
                if settings.makeIfMissing, !FileManager.default.fileExists(atPath: url.path) {
                    let key = try KeyFiles.generate(secret: url)
                    notice("made the signing key \(key.keyID): \(url.path) (secret, mode 0600) and \(KeyFiles.publicKeyPath(for: url).path) (give this one to stations); loa.yaml asks for it with make-if-missing")
                    return key
                }
                return try KeyFiles.readSecretKey(url, display: settings.key)
            } catch {
                throw ConfigError(Diagnostic(.error, file: province.file, line: settings.line,
                                             "signing key \(error.description)"))
            }
        }
    }
}
