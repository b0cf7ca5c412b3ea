import Crypto
import Foundation
import Packaging
import Programme
import Signing

/// `loa fetch`: brings a station's folder up to date with the department's pack for a day.
///
/// The manifest's signature is checked against the department's public key before anything
/// else is trusted; the manifest must be this station's and this day's; every file is
/// checked against the SHA-256 the signed manifest gives. Files the station already has are
/// reused, partial downloads resume, and the day is installed whole with one rename
/// (`DayFolder`, as builds do) or not at all.
public struct PackFetcher: Sendable {
    public var source: URL
    public var station: String
    public var date: CalendarDate
    public var folder: URL
    public var key: DepartmentPublicKey
    /// Days kept in `folder` (the new one included).
    public var keep: Int

    public static let manifestLimit = 4 << 20
    public static let signatureLimit = 4 << 10

    public init(source: URL, station: String, date: CalendarDate, folder: URL, key: DepartmentPublicKey, keep: Int = 7) {
        self.source = source
        self.station = station
        self.date = date
        self.folder = folder
        self.key = key
        self.keep = keep
    }

    public struct Outcome: Sendable {
        /// Installed now (false: the station already had exactly this pack).
        public var installed: Bool
        /// Bytes that came over the network (manifest and signature included).
        public var bytesFetched: Int
        public var filesDownloaded: [String]
        public var filesReused: [String]
        public var removedDays: [String]
    }

    public func run(progress: FetchProgress) async throws(FetchError) -> Outcome {
        try makeFolder()
        let lock: OutputLock
        do {
            lock = try OutputLock(output: folder, display: folder.path) { progress.line("loa fetch: \($0)") }
        } catch {
            throw .incomplete(error.description)
        }
        defer { withExtendedLifetime(lock) {} }
        let server = PackSource(base: source)
        do {
            let outcome = try await fetch(from: server, progress: progress)
            await server.shutdown()
            return outcome
        } catch {
            await server.shutdown()
            throw error
        }
    }

    private func fetch(from server: PackSource, progress: FetchProgress) async throws(FetchError) -> Outcome {
        let base = "\(date)/\(station)/"
        let signatureData = try await server.small(base + "manifest.json.minisig", limit: Self.signatureLimit)
        let manifestData = try await server.small(base + "manifest.json", limit: Self.manifestLimit)
        var fetched = signatureData.count + manifestData.count
        let manifest = try verify(manifestData, signature: signatureData, at: server.url(base))

        let day = DayFolder(output: folder, date: date)
        day.recover()
        let installed = day.day
        if (try? Data(contentsOf: installed.appendingPathComponent("manifest.json"))) == manifestData,
           manifest.slots.flatMap(\.files).allSatisfy({ (try? Checksum.sha256(file: installed.appendingPathComponent($0.path))) == $0.sha256 }) {
            progress.line("\(station) \(date): already up to date")
            return Outcome(installed: false, bytesFetched: fetched, filesDownloaded: [], filesReused: [], removedDays: [])
        }

        let files = manifest.slots.flatMap(\.files)
        let staging: URL
        do {
            staging = try day.makeStaging()
        } catch {
            throw .incomplete("\(folder.path): cannot write (\(error.localizedDescription))")
        }
        do {
            let downloads = folder.appendingPathComponent(".loa-downloads")
            try? FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
            let local = InstalledDays(folder: folder)
            var downloaded: [String] = [], reused: [String] = []
            progress.begin(files: files.count, bytes: files.reduce(0) { $0 + ($1.bytes ?? 0) })
            var receivedBefore = 0
            for file in files {
                let target = staging.appendingPathComponent(file.path)
                if let have = local.file(withSHA256: file.sha256) {
                    try link(have, to: target)
                    reused.append(file.path)
                    progress.finished(file.path, "unchanged, kept")
                    continue
                }
                let partial = downloads.appendingPathComponent(file.sha256)
                let start = receivedBefore
                let got = try await server.download(base + file.path, to: partial, expectedBytes: file.bytes) { received in
                    progress.receiving(file.path, total: start + received)
                }
                fetched += got
                receivedBefore += file.bytes ?? got
                guard (try? Checksum.sha256(file: partial)) == file.sha256 else {
                    try? FileManager.default.removeItem(at: partial)
                    throw FetchError.rejected("\(server.url(base + file.path)): its SHA-256 is not the one the signed manifest gives (changed on the server or in transit); nothing installed")
                }
                try link(partial, to: target)
                try? FileManager.default.removeItem(at: partial)
                downloaded.append(file.path)
                let resumed = got < (file.bytes ?? got)
                progress.finished(file.path, String(format: "downloaded %.1f MB%@", Double(got) / 1_000_000,
                                                    resumed ? " (resumed)" : ""))
            }
            progress.end()
            try manifestData.write(to: staging.appendingPathComponent("manifest.json"))
            try signatureData.write(to: staging.appendingPathComponent("manifest.json.minisig"))
            try Data(PackSeal.sums(manifest: manifestData, files: files.map { ($0.path, $0.sha256) }).utf8)
                .write(to: staging.appendingPathComponent(PackSeal.sumsName))
            try day.swapIn(staging)
            try? FileManager.default.removeItem(at: downloads)
            let removed = local.prune(keep: keep)
            return Outcome(installed: true, bytesFetched: fetched, filesDownloaded: downloaded, filesReused: reused,
                           removedDays: removed)
        } catch let error as FetchError {
            progress.end()
            try? FileManager.default.removeItem(at: staging)
            throw error
        } catch {
            progress.end()
            try? FileManager.default.removeItem(at: staging)
            throw .incomplete("\(folder.path): \(error.localizedDescription)")
        }
    }

    /// The manifest, once its signature, key, station and day are right.
    func verify(_ manifestData: Data, signature signatureData: Data, at address: String) throws(FetchError) -> StationManifest {
        let signatureName = address + "manifest.json.minisig"
        let signature: MinisignSignature
        do {
            signature = try MinisignSignature(text: String(decoding: signatureData, as: UTF8.self), source: signatureName)
        } catch {
            if signatureData.first == UInt8(ascii: "<") {
                throw .incomplete("\(signatureName): the server answered with a web page, not the signature")
            }
            throw .rejected(error.description)
        }
        do {
            try signature.verify(manifestData, with: key, source: signatureName)
        } catch {
            if (try? JSONSerialization.jsonObject(with: manifestData)) == nil {
                throw .incomplete("\(address)manifest.json: is not a whole JSON manifest (cut off, or an error page); nothing installed")
            }
            throw .rejected(error.description)
        }
        let expected = PackSeal.manifestComment(station: station, date: date.description)
        guard signature.trustedComment == expected else {
            throw .rejected("\(signatureName): signed for \"\(signature.trustedComment)\", not for station \(station) on \(date)")
        }
        let manifest: StationManifest
        do {
            manifest = try JSONFile.decode(StationManifest.self, from: manifestData)
        } catch {
            throw .rejected("\(address)manifest.json: signed, but not a manifest this Loa reads (\(error))")
        }
        guard manifest.station.code == station, manifest.date == date.description else {
            throw .rejected("\(address)manifest.json: is for station \(manifest.station.code) on \(manifest.date), not \(station) on \(date)")
        }
        for file in manifest.slots.flatMap(\.files) {
            // Names from the manifest become local paths: plain names only.
            guard !file.path.isEmpty, !file.path.hasPrefix("."), !file.path.contains("/"), file.sha256.count == 64 else {
                throw .rejected("\(address)manifest.json: names a file '\(file.path)' that is not a plain file name")
            }
        }
        return manifest
    }

    private func makeFolder() throws(FetchError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .incomplete("\(folder.path): cannot be made (\(error.localizedDescription))")
        }
    }

    /// A hard link where the file system allows (no second copy on the station's disk), else a copy.
    private func link(_ source: URL, to target: URL) throws {
        do {
            try FileManager.default.linkItem(at: source, to: target)
        } catch {
            try FileManager.default.copyItem(at: source, to: target)
        }
    }
}
