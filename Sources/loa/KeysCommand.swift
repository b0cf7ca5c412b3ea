import ArgumentParser
import Foundation
import Signing

/// `loa keys generate`: the department's signing key pair.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make and show the department's signing keys.",
        subcommands: [Generate.self, Show.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the department's key pair: a secret key to sign packs, a public key for stations.",
            discussion: """
                The secret key is written with mode 0600 and is never overwritten; it may not be \
                inside an Output folder or a git work tree. Name it in loa.yaml (signing: key: PATH). \
                Give the public key (.pub, minisign format) to every station, by a channel you trust.
                """)

        @Option(help: "Secret key file to write (default: ~/.config/loa/department.key).")
        var secret: String?

        @Option(help: "Public key file to write (default: beside the secret key, .pub).")
        var `public`: String?

        func run() throws {
            let secretURL = secret.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) } ?? KeyFiles.defaultSecretKey
            let publicURL = self.public.map { URL(fileURLWithPath: ($0 as NSString).expandingTildeInPath) }
                ?? KeyFiles.publicKeyPath(for: secretURL)
            do {
                let key = try KeyFiles.generate(secret: secretURL, public: publicURL)
                print("""
                    made department key \(key.keyID)
                      secret: \(secretURL.path)  (mode 0600; back it up offline; name it in loa.yaml: signing: key: \(secretURL.path))
                      public: \(publicURL.path)  (give it to every station: loa fetch --key department.pub)
                    stations can also check a pack with: minisign -V -p \(publicURL.lastPathComponent) -m manifest.json
                    """)
            } catch {
                FileHandle.standardError.write(Data("loa: \(error.description)\n".utf8))
                throw ExitCode(2)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a key file's key id and public key.")

        @Argument(help: "A public (.pub) or secret (.key) key file.")
        var file: String

        func run() throws {
            let url = URL(fileURLWithPath: file)
            do {
                let key: DepartmentPublicKey
                if let publicKey = try? DepartmentPublicKey(contentsOf: url, display: file) {
                    key = publicKey
                } else {
                    key = try KeyFiles.readSecretKey(url, display: file).publicKey
                }
                print("key id \(key.keyID)\npublic key \(key.base64)")
            } catch {
                FileHandle.standardError.write(Data("loa: \(error.description)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}
