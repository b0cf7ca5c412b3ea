import Foundation
import Testing
@testable import Programme

/// Spoken length estimated from the text, and bulletins that could fit in no slot found
/// before synthesis (issue 9, item 6).
@Suite struct SlotFitTests {
    func bulletin(words: Int, slots: String? = nil, voice: String? = nil, targets: String = "all") throws -> Bulletin {
        let sentence = "Bà con chú ý thực hiện các biện pháp phòng dịch. "  // 11 words, 63 bytes
        var body = String(repeating: sentence, count: words / 11)
        body += String(repeating: "vâng ", count: words % 11)
        var extra = "targets: \(targets)\n"
        if let slots { extra += "slots: \(slots)\n" }
        if let voice { extra += "voice: \(voice)\n" }
        let text = Fixture.bulletin(title: "Thông báo", extra: extra, body: body)
        let (parsed, diagnostics) = BulletinParser.parse(text, file: "Bulletins/dai.txt", defaultID: "dai")
        return try #require(parsed, "\(diagnostics)")
    }

    @Test func wordsAreRunsOfLettersAndDigits() {
        #expect(SpokenLength.words(in: "Kính thưa bà con!") == 4)
        #expect(SpokenLength.words(in: "vắc-xin COVID-19, ngày 25/9/2021") == 8)
        #expect(SpokenLength.words(in: "  \n💉 ... ") == 0)
    }

    @Test func estimateFollowsTheRate() {
        // 1.3 written words a minute per word of rate: at 100, 130 words take a minute.
        #expect(SpokenLength.estimatedMs(words: 130, wordsPerMinute: 100) == 60_000)
        #expect(SpokenLength.estimatedMs(words: 155, wordsPerMinute: 100, spoken: true) == 60_000)
        #expect(SpokenLength.estimatedMs(of: String(repeating: "một ", count: 260), wordsPerMinute: 100) == 120_000)
    }

    @Test func theSampleBulletinsAreEstimatedShorterThanTheyRead() throws {
        // Measured with espeak-ng at rate 135 (vi): 68.8 s and 78.5 s; the estimate errs short.
        let folder = Fixture.repositoryRoot.appendingPathComponent("Bulletins")
        for (name, measuredMs) in [("2021-09-24-cai-dat-pc-covid.txt", 68_800), ("2021-09-24-canh-bao-bao-mua-lon.txt", 78_500)] {
            let (parsed, _) = BulletinLibrary.read(folder.appendingPathComponent(name), display: name, defaultID: name)
            let b = try #require(parsed)
            let estimate = SpokenLength.estimatedMs(words: b.paragraphs.reduce(0) { $0 + SpokenLength.words(in: $1.text) },
                                                    wordsPerMinute: 135)
            #expect(estimate < measuredMs, "\(name): \(estimate)")
            #expect(Double(estimate) > 0.75 * Double(measuredMs), "\(name): \(estimate)")
        }
    }

    @Test func noSampleBulletinIsFlagged() throws {
        let root = Fixture.repositoryRoot
        let province = try ProvinceLoader.load(root.appendingPathComponent("loa.yaml"), display: "loa.yaml")
        let voices = try VoiceLibrary.load(directory: root.appendingPathComponent("Voices"), displayPrefix: "Voices")
        let loaded = BulletinLibrary.load(directory: root.appendingPathComponent("Bulletins"), displayPrefix: "Bulletins")
        #expect(loaded.bulletins.count == 10)
        for b in loaded.bulletins {
            #expect(BulletinValidator.fitsNoSlot(b, province: province, voices: voices) == nil, "\(b.id)")
        }
    }

    @Test func aNineHundredKilobyteBodyIsFlaggedBeforeSynthesis() throws {
        let province = try Fixture.province()
        let b = try bulletin(words: 172_000)  // about 990 KB of text
        #expect(b.paragraphs[0].text.utf8.count > 980_000)
        let error = try #require(BulletinValidator.fitsNoSlot(b, province: province, voices: Fixture.voices()))
        #expect(error.severity == .error)
        #expect(error.file == "Bulletins/dai.txt")
        #expect(error.message.contains("too long for any slot"))
        #expect(error.message.contains("'sang' (20 min)"))
    }

    @Test func onlyTheSlotsItMayAirInCount() throws {
        // 3,000 words at 135 × 1.3 ≈ 17 min 6 s; × 0.8 ≈ 13 min 40 s. The fixture's `chieu`
        // allows 15 min, `sang` 20 min: too long for neither. Limit it to a 10-minute slot:
        let yaml = Fixture.provinceYAML.replacingOccurrences(of: "max: 15m", with: "max: 10m")
        let province = try ProvinceLoader.parse(yaml, file: "loa.yaml")
        #expect(BulletinValidator.fitsNoSlot(try bulletin(words: 3000), province: province, voices: Fixture.voices()) == nil)
        let limited = try bulletin(words: 3000, slots: "chieu")
        let error = try #require(BulletinValidator.fitsNoSlot(limited, province: province, voices: Fixture.voices()))
        #expect(error.message.contains("'chieu' (10 min)"))
        #expect(error.line == limited.headerLines["slots"])
    }

    @Test func aBulletinOnlyJustTooLongIsLeftToThePlanner() throws {
        // 2,000 words at 135 × 1.3 ≈ 11 min 24 s: more than the 10-minute slot, but not clearly.
        let yaml = Fixture.provinceYAML.replacingOccurrences(of: "max: 15m", with: "max: 10m")
        let province = try ProvinceLoader.parse(yaml, file: "loa.yaml")
        #expect(BulletinValidator.fitsNoSlot(try bulletin(words: 2000, slots: "chieu"), province: province,
                                             voices: Fixture.voices()) == nil)
    }

    @Test func theAnnouncementsAreLeftRoomFor() throws {
        // A 60 s slot. 112 words take about 38 s, × 0.8 about 31 s: they fit beside short
        // announcements, but not beside announcements of 127 words (about 43 s).
        let short = Fixture.provinceYAML.replacingOccurrences(of: "max: 15m\n    min: 1m", with: "max: 60s")
        let long = String(repeating: "Kính chào bà con thân mến. ", count: 20)
        let wordy = short.replacingOccurrences(of: "closing: \"Hết chương trình {slot}.\"", with: "closing: \"\(long)\"")
        let b = try bulletin(words: 110, slots: "chieu")
        #expect(BulletinValidator.fitsNoSlot(b, province: try ProvinceLoader.parse(short, file: "loa.yaml"),
                                             voices: Fixture.voices()) == nil)
        #expect(BulletinValidator.fitsNoSlot(b, province: try ProvinceLoader.parse(wordy, file: "loa.yaml"),
                                             voices: Fixture.voices()) != nil)
    }

    @Test func theFastestVoiceThatCouldReadItIsAssumed() throws {
        // Station PD reads with `trung`, made fast here; HT and TL with `bac` at 135.
        var voices = Fixture.voices()
        voices.profiles["trung"]?.rate = 300
        let yaml = Fixture.provinceYAML.replacingOccurrences(of: "max: 15m", with: "max: 10m")
        let province = try ProvinceLoader.parse(yaml, file: "loa.yaml")
        #expect(BulletinValidator.fitsNoSlot(try bulletin(words: 3000, slots: "chieu", targets: "station:HT"),
                                             province: province, voices: voices) != nil)
        #expect(BulletinValidator.fitsNoSlot(try bulletin(words: 3000, slots: "chieu"),
                                             province: province, voices: voices) == nil)
        #expect(BulletinValidator.fitsNoSlot(try bulletin(words: 3000, slots: "chieu", voice: "trung", targets: "station:HT"),
                                             province: province, voices: voices) == nil)
    }

    @Test func theSpokenTextCountsNumbersAsSaid() throws {
        // Written, "2021" is one word; spoken, it is eight.
        let yaml = Fixture.provinceYAML.replacingOccurrences(of: "max: 15m", with: "max: 10m")
        let province = try ProvinceLoader.parse(yaml, file: "loa.yaml")
        let b = try bulletin(words: 1000, slots: "chieu")
        #expect(BulletinValidator.fitsNoSlot(b, province: province) == nil)
        let spoken = String(repeating: "hai nghìn không trăm hai mươi mốt ", count: 500)
        #expect(BulletinValidator.fitsNoSlot(b, province: province, spokenText: spoken) != nil)
    }
}
