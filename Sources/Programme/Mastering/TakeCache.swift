import Audio
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Takes kept between builds, so a rebuild synthesizes and masters only new or changed
/// sentences: a folder of entries (`TakeCacheEntry`), each named by the SHA-256 of
/// everything that shapes its bytes (`TakeCacheKeys`).
///
/// Two kinds of entry: a source's sound length at the output rate (planning needs every
/// sentence's length, aired or not), and a mastered take (what programmes are joined from).
/// Raw speech is not kept: a sentence whose length is known but that no earlier build
/// mastered is synthesized again when it first airs.
///
/// Safe with several builds at once and with kills at any moment:
/// - an entry is written under a temporary name and renamed into place only after the data
///   is on the disk (`commit`), so its final name never holds half an entry;
/// - every entry is checked when read (length, kind, SHA-256 of its payload): a damaged one
///   is removed and made again, never used;
/// - every build holds a shared `flock` on `.lock` while it uses the cache, and clean-up
///   runs only when it gets the lock exclusively (no other build is using the cache), so it
///   never removes what a running build is about to read or has just written.
public final class TakeCache: @unchecked Sendable {
    /// The cache folder.
    public let folder: URL
    /// What, besides an entry's own inputs, shapes every take's bytes: Loa's version and the
    /// build of the program (see `TakeCacheKeys`).
    public let identity: String
    /// Clean-up keeps the folder under this many bytes, least recently used first out.
    public let limitBytes: Int64
    /// Clean-up removes entries no build has used for this long.
    public let maximumAge: TimeInterval

    private let entries: URL
    private let lockDescriptor: Int32
    private let writes = DispatchQueue(label: "loa.take-cache.writes", qos: .utility)
    private let lock = NSLock()
    /// Written under temporary names, waiting for `commit`.
    private var pending: [(temporary: String, final: String)] = []
    private var counts = Counts()

    /// What the cache did in one build, for the build's report.
    public struct Counts: Sendable {
        /// Sound lengths and mastered takes found.
        public var lengthsFound = 0, takesFound = 0
        /// Entries that were damaged (short, wrong checksum) and were removed to be made again.
        public var damaged = 0
        /// Entries written.
        public var written = 0
    }

    public static let defaultLimitBytes: Int64 = 4_000_000_000
    public static let defaultMaximumAge: TimeInterval = 14 * 24 * 3600

    /// Opens (making it if needed) the cache in `folder` and takes its shared lock.
    public init(folder: URL, identity: String, limitBytes: Int64 = TakeCache.defaultLimitBytes,
                maximumAge: TimeInterval = TakeCache.defaultMaximumAge) throws {
        self.folder = folder
        self.identity = identity
        self.limitBytes = limitBytes
        self.maximumAge = maximumAge
        entries = folder.appendingPathComponent("entries")
        do {
            try FileManager.default.createDirectory(at: entries, withIntermediateDirectories: true)
        } catch {
            throw TakeStoreError("cannot make the take cache \(folder.path): \(error.localizedDescription)")
        }
        let fd = open(folder.appendingPathComponent(".lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw TakeStoreError("cannot open the take cache's lock in \(folder.path): \(String(cString: strerror(errno)))") }
        while flock(fd, LOCK_SH) != 0 {
            guard errno == EINTR else {
                close(fd)
                throw TakeStoreError("cannot lock the take cache \(folder.path): \(String(cString: strerror(errno)))")
            }
        }
        lockDescriptor = fd
    }

    deinit {
        writes.sync {}
        lock.withLock {
            for (temporary, _) in pending { unlink(temporary) }
        }
        close(lockDescriptor)
    }

    public var counted: Counts { lock.withLock { counts } }

    private func path(_ key: String, _ kind: TakeCacheEntry.Kind) -> String {
        entries.appendingPathComponent(key + (kind == .length ? ".length" : ".take")).path
    }

    // MARK: Reading

    /// A source's sound length at the output rate, if an earlier build recorded it.
    func length(_ key: String) -> Int? {
        guard let payload = read(key, .length) else { return nil }
        var reader = ByteReader(payload)
        guard let frames = reader.int(), frames >= 0, reader.isAtEnd else {
            discard(key, .length)
            return nil
        }
        lock.withLock { counts.lengthsFound += 1 }
        return frames
    }

    /// A mastered take, if an earlier build made it; its levelled PCM (when it has some) is
    /// copied into `spool`. An entry whose layout is not `layout` is discarded.
    func take(_ key: String, layout: TakeLayout, spool: SoundSpool) throws -> Take? {
        guard let payload = read(key, .take) else { return nil }
        guard let take = try Self.decodeTake(payload, spool: spool), take.layout == layout else {
            discard(key, .take)
            return nil
        }
        lock.withLock { counts.takesFound += 1 }
        return take
    }

    /// The payload of an entry, or nil when it is missing or damaged (then removed). A found
    /// entry is marked used now (its modification time), for clean-up.
    private func read(_ key: String, _ kind: TakeCacheEntry.Kind) -> ArraySlice<UInt8>? {
        let fd = open(path(key, kind), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, size - done, off_t(done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            done += n
        }
        guard done == size, let payload = TakeCacheEntry.payload(of: bytes, kind: kind) else {
            discard(key, kind)
            return nil
        }
        futimens(fd, nil)
        return payload
    }

    /// Removes a damaged entry so it is made again.
    private func discard(_ key: String, _ kind: TakeCacheEntry.Kind) {
        unlink(path(key, kind))
        lock.withLock { counts.damaged += 1 }
    }

    static func decodeTake(_ payload: ArraySlice<UInt8>, spool: SoundSpool) throws -> Take? {
        var reader = ByteReader(payload)
        guard let frames = reader.int(), let soundOffset = reader.int(), let soundFrames = reader.int(),
              let gain = reader.double(), let truePeak = reader.double(),
              let blockCount = reader.int(), (0 ... payload.count).contains(blockCount),
              let blockBytes = reader.take(blockCount * 4) else { return nil }
        let blocks = stride(from: blockBytes.startIndex, to: blockBytes.endIndex, by: 4).map { start -> Float in
            var bits: UInt32 = 0
            withUnsafeMutableBytes(of: &bits) { $0.copyBytes(from: blockBytes[start ..< start + 4]) }
            return Float(bitPattern: UInt32(littleEndian: bits))
        }
        var mp3: MP3Segment?
        guard let hasMP3 = reader.bool() else { return nil }
        if hasMP3 {
            guard let frameCount = reader.int(), let perFrame = reader.int(), let count = reader.int(),
                  (0 ... payload.count).contains(count), let bytes = reader.take(count) else { return nil }
            mp3 = MP3Segment(bytes: Array(bytes), frameCount: frameCount, samplesPerFrame: perFrame)
        }
        var sound: SpooledSound?
        guard let hasSound = reader.bool() else { return nil }
        if hasSound {
            guard let count = reader.int(), (0 ... payload.count).contains(count), let raw = reader.take(count * 2) else { return nil }
            let samples = [Int16](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyBytes(from: raw)
                initialized = count
            }
            sound = SpooledSound(spool: spool, entry: try spool.append(samples[...]))
        }
        guard reader.isAtEnd else { return nil }
        return Take(layout: TakeLayout(frames: frames, soundOffset: soundOffset, soundFrames: soundFrames),
                    sound: sound, mp3: mp3, blocks: GatingBlocks(loudness: blocks), truePeakDBTP: truePeak, gainDB: gain)
    }

    // MARK: Writing

    /// Records a source's sound length (written in the background; in place after `commit`).
    func saveLength(_ frames: Int, key: String) {
        var writer = ByteWriter()
        writer.append(frames)
        let payload = writer.bytes
        enqueue(key, .length) { payload }
    }

    /// Keeps a mastered take (written in the background; in place after `commit`). Its PCM
    /// is read back from the build's spool when written.
    func save(_ take: Take, key: String) {
        enqueue(key, .take) { try Self.encode(take) }
    }

    static func encode(_ take: Take) throws -> [UInt8] {
        var writer = ByteWriter()
        writer.append(take.layout.frames)
        writer.append(take.layout.soundOffset)
        writer.append(take.layout.soundFrames)
        writer.append(take.gainDB)
        writer.append(take.truePeakDBTP)
        writer.append(take.blocks.loudness.count)
        for value in take.blocks.loudness { writer.append(UInt32(value.bitPattern)) }
        writer.append(take.mp3 != nil)
        if let mp3 = take.mp3 {
            writer.append(mp3.frameCount)
            writer.append(mp3.samplesPerFrame)
            writer.append(mp3.bytes.count)
            writer.bytes += mp3.bytes
        }
        writer.append(take.sound != nil)
        if let sound = take.sound {
            writer.append(sound.frames)
            let start = writer.bytes.count
            writer.bytes += repeatElement(0, count: sound.frames * 2)
            try writer.bytes.withUnsafeMutableBytes { buffer in
                try sound.spool.copyBytes(of: sound.entry, from: 0, count: sound.frames * 2, to: buffer.baseAddress! + start)
            }
        }
        return writer.bytes
    }

    /// Writes an entry under a temporary name on the writer queue. A failed write (full
    /// disk) leaves the entry out: the cache is an aid, never a reason for a build to fail.
    private func enqueue(_ key: String, _ kind: TakeCacheEntry.Kind, payload: @escaping @Sendable () throws -> [UInt8]) {
        let final = path(key, kind)
        writes.async { [self] in
            guard let bytes = try? TakeCacheEntry.file(kind: kind, payload: payload()) else { return }
            let temporary = entries.appendingPathComponent(".\(key).\(getpid()).\(UInt32.random(in: 0 ... .max)).tmp").path
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { return }
            var done = 0
            var failed = false
            while done < bytes.count {
                let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { failed = true; break }
                done += n
                // The integrity tests kill the build here, half-way through an entry.
                if done >= bytes.count / 2 { Failpoint.check("take-cache-write") }
            }
            close(fd)
            if failed {
                unlink(temporary)
                return
            }
            lock.withLock { pending.append((temporary, final)) }
        }
    }

    /// Waits for the entries being written, puts them on the disk (one `syncfs`), and renames
    /// each into place. Called once a build has made its takes.
    public func commit() {
        writes.sync {}
        let ready = lock.withLock {
            defer { pending = [] }
            return pending
        }
        guard !ready.isEmpty else { return }
        Self.syncFileSystem(of: entries.path, files: ready.map(\.temporary))
        var renamed = 0
        for (temporary, final) in ready {
            if rename(temporary, final) == 0 { renamed += 1 } else { unlink(temporary) }
        }
        let folder = open(entries.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
        lock.withLock { counts.written += renamed }
    }

    /// Puts the written entries' data on the disk before they are renamed into place: each
    /// file when there are few (a rebuild's handful), else one `syncfs` of the file system
    /// (a full build's thousands of `fsync` calls cost seconds; a `syncfs` on a disk other
    /// work keeps busy can cost seconds too, so it is kept for when it is the cheaper).
    static let filesSyncedOneByOne = 256

    private static func syncFileSystem(of path: String, files: [String]) {
        typealias SyncFS = @convention(c) (Int32) -> Int32
        if files.count > filesSyncedOneByOne {
            let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            defer { if fd >= 0 { close(fd) } }
            if fd >= 0, let symbol = dlsym(nil, "syncfs"), unsafeBitCast(symbol, to: SyncFS.self)(fd) == 0 { return }
        }
        for file in files {
            let descriptor = open(file, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            fsync(descriptor)
            close(descriptor)
        }
    }

    // MARK: Clean-up

    /// What a clean-up did.
    public struct CleanUp: Sendable {
        public var removed = 0
        public var removedBytes: Int64 = 0
        public var keptBytes: Int64 = 0
    }

    /// Removes entries no build has used for `maximumAge`, then the least recently used ones
    /// until the folder is under `limitBytes` (to 90 % of it, so it is not done again at once),
    /// and temporary files left by killed builds. Nil when another build is using the cache:
    /// it is left for a later build.
    public func cleanUp(now: Date = Date()) -> CleanUp? {
        commit()
        // Converting a shared lock may drop it first; it is taken back (shared) either way.
        defer { while flock(lockDescriptor, LOCK_SH) != 0 && errno == EINTR {} }
        guard flock(lockDescriptor, LOCK_EX | LOCK_NB) == 0 else { return nil }
        var result = CleanUp()
        var files: [(path: String, size: Int64, used: TimeInterval)] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: entries.path)) ?? [] {
            let path = entries.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let size = Int64(info.st_size)
            let used = TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9
            // No build holds the lock: a temporary file is a killed build's.
            if name.hasPrefix(".") || now.timeIntervalSince1970 - used > maximumAge {
                if unlink(path) == 0 {
                    result.removed += 1
                    result.removedBytes += size
                }
                continue
            }
            files.append((path, size, used))
        }
        var total = files.reduce(0) { $0 + $1.size }
        if total > limitBytes {
            for file in files.sorted(by: { $0.used < $1.used }) where total > limitBytes / 10 * 9 {
                if unlink(file.path) == 0 {
                    total -= file.size
                    result.removed += 1
                    result.removedBytes += file.size
                }
            }
        }
        result.keptBytes = total
        return result
    }
}
