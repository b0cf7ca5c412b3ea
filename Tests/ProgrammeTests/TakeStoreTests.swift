import Foundation
import Testing
import Audio
@testable import Programme
import Speech

/// The two steps of making takes: every take is prepared (synthesized, its layout known),
/// only the takes asked for are mastered, and they come out exactly as laid out.
struct TakeStoreTests {
    @Test func onlyTheTakesAskedForAreMasteredAndTheyMatchTheirLayouts() async throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let master = try TakeMaster(settings: OutputSettings(), makesMP3: true, keepsSound: true)
        var store = try TakeStore(voices: Fixture.voices(), master: master, assetsFolder: folder, spoolFolder: folder)
        let aired = TakeKey(source: .speech(sentence: "Bà con chú ý phòng chống bão số năm.", voice: "bac"), pauseAfterMs: 400)
        let notAired = TakeKey(source: .speech(sentence: "Giá lúa hôm nay tăng nhẹ.", voice: "bac"), pauseAfterMs: 400)
        try await store.prepare([aired, notAired], engine: SpeechEngine.shared)
        #expect(store.layouts.count == 2)
        // The spool is anonymous: nothing is left in the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)

        try await store.master([aired])
        #expect(store.takes.count == 1)
        #expect(store[notAired] == nil)
        let take = try #require(store[aired])
        let layout = try #require(store.layouts[aired])
        #expect(take.layout == layout)
        #expect(take.mp3?.decodedFrames == layout.frames)
        #expect(take.sound?.frames == layout.soundFrames)
        #expect(try take.sound?.floats().count == layout.soundFrames)
        // A second of speech or more, levelled near the target under the ceiling.
        #expect(layout.soundFrames > 22_050)
        #expect(abs(GatingBlocks.integratedLUFS(of: [take.blocks]) - OutputSettings().loudnessLUFS) <= 0.5)
        #expect(take.truePeakDBTP <= OutputSettings().truePeakDBTP)
    }

    @Test func theSpoolGivesBackWhatWasWritten() throws {
        let folder = try Fixture.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spool = try SoundSpool(directory: folder, name: "test")
        let first: [Int16] = (0..<1000).map { Int16(truncatingIfNeeded: $0 * 37) }
        let second: [Int16] = [Int16.min, -1, 0, 1, Int16.max]
        let a = try spool.append(first[...])
        let empty = try spool.append([])
        let b = try spool.append(second[...])
        #expect(try spool.read(b) == second.map { Float($0) / 32768 })
        #expect(try spool.read(a) == first.map { Float($0) / 32768 })
        #expect(try spool.read(empty).isEmpty)
    }
}
