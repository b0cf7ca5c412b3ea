import Audio
import Foundation
import Packaging
import Programme
import Signing
import Testing

/// Recorded bulletins (issue 13, item 5): a bulletin a person read, in a sound file named
/// by a sidecar text file, airs resampled, mixed to mono, trimmed and levelled like a take;
/// bad recordings are reported at the sidecar's line and the rest airs; approval covers the
/// recording's bytes; the bulletins folder is byte-identical after every run. Every check
/// on sound is a measurement of the files the build wrote.
@Suite(.serialized) struct RecordedBulletinTests {
    static let transcript = """
        Ơ adei ayŏng hlŭn, hơdôm mơnuih amăng plơi pla.

        Anŭn yơh tơlơi pơthâo kơ tơlơi suaih pral.
        """

    /// A sidecar: the usual header with `recording:` on line 9, then the transcript.
    static func sidecar(title: String = "Tin bằng tiếng Jrai", recording: String, transcript: String = transcript) -> String {
        """
        ---
        title: \(title)
        approved-by: Nguyễn Văn An, Phó Giám đốc Sở
        approved-on: 2021-09-23
        valid-from: 2021-09-24
        priority: normal
        targets: all
        slots: sang, chieu
        recording: \(recording)
        ---
        \(transcript)

        """
    }

    static let recordingLine = 9

    static func manifest(_ station: String, in province: TinyProvince) throws -> StationManifest {
        try JSONFile.read(StationManifest.self, from: province.day.appendingPathComponent("\(station)/manifest.json"))
    }

    @Test func aRecordingAt44kStereoAirsResampledAndLevelledWithinTheTolerance() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        let folder = province.bulletins("a")
        let sound = folder.appendingPathComponent("tin-jrai.flac")
        try TestRecordings.writeVoice(to: sound)
        try Self.sidecar(recording: "tin-jrai.flac").write(to: folder.appendingPathComponent("tin-jrai.txt"), atomically: true, encoding: .utf8)
        let before = contents(of: folder)

        // What the check measured: the file as recorded, the voice found.
        let loaded = BulletinLibrary.load(directory: folder)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let recording = try #require(loaded.bulletins.first { $0.id == "tin-jrai" }?.recording)
        #expect(recording.sampleRate == 44_100 && recording.channels == 2)
        #expect(recording.format.contains("FLAC"))
        #expect(recording.sha256 == (try Checksum.sha256(file: sound)))
        // The near-silence before and after is trimmed, with 0.2 s kept each side.
        let trimmedStart = Double(recording.sound.lowerBound) / 44_100
        let trimmedEnd = Double(recording.sound.upperBound) / 44_100
        #expect(abs(trimmedStart - (TestRecordings.voiceStart - 0.2)) < 0.03, "starts at \(trimmedStart) s")
        let voiceEnd = TestRecordings.voiceStart + TestRecordings.voiceSeconds
        #expect(trimmedEnd > voiceEnd + 0.1 && trimmedEnd < voiceEnd + 0.25, "ends at \(trimmedEnd) s")

        // `loa check` shows it with its measured length, and where it airs.
        let check = await BulletinCheck(date: TinyProvince.date, config: province.config, bulletins: folder,
                                        voices: SampleBuild.root.appendingPathComponent("Voices")).run()
        let checked = try #require(check.bulletins.first { $0.id == "tin-jrai" })
        #expect(checked.problems.isEmpty, "\(checked.problems)")
        #expect(checked.recording?.soundMs == recording.soundMs && checked.recording?.sampleRate == 44_100)
        #expect(checked.recording?.channels == 2)
        #expect(Set(checked.airings.map(\.station)) == ["PD", "HT", "TL"])
        // Its length in the programme: the recording, then the pause before the next item.
        #expect(checked.airings.allSatisfy { $0.spokenMs >= recording.soundMs && $0.spokenMs <= recording.soundMs + 1_200 && $0.voice.isEmpty },
                "\(checked.airings.map(\.spokenMs)) for \(recording.soundMs) ms")
        #expect(String(decoding: try JSONEncoder().encode(check), as: UTF8.self).contains("\"sound_ms\""))

        let report = await DayBuild(options: province.options("a")).run()
        #expect(report.outcome == .complete, "\(report.diagnostics)")
        #expect(contents(of: folder) == before, "the bulletins folder must not change")

        let manifest = try Self.manifest("PD", in: province)
        let slot = try #require(manifest.slots.first { $0.id == "sang" })
        let item = try #require(slot.items.first { $0.id == "tin-jrai" })
        #expect(item.kind == "recording")
        #expect(item.voice == "")
        #expect(item.recordingSha256 == recording.sha256)
        #expect(item.textSha256 == Checksum.sha256(Self.transcript), "the transcript's hash")
        #expect(slot.items.filter { $0.kind == "bulletin" }.count == 2, "the other bulletins air too")
        #expect(manifest.schemaVersion == StationManifest.currentSchemaVersion)
        // Resampled to the programme's rate: its length is the trimmed recording's.
        #expect(slot.sampleRate == 22_050)
        #expect(abs(item.durationMs - recording.soundMs) <= 2, "aired \(item.durationMs) ms of \(recording.soundMs) ms")

        // Measured in the master and in the MP3: at the target, under the ceiling.
        for file in ["sang.wav", "sang.mp3"] {
            let audio = try AudioFile.read(province.day.appendingPathComponent("PD/\(file)"))
            #expect(audio.sampleRate == 22_050 && audio.channels == 1)
            let first = item.startMs * 22_050 / 1000, last = (item.startMs + item.durationMs) * 22_050 / 1000
            let aired = Array(audio.samples[first..<min(last, audio.samples.count)])
            let measured = Loudness.measure(samples: aired, sampleRate: 22_050, channels: 1)
            #expect(abs(measured.integratedLUFS - (-16)) <= 0.5, "\(file): \(measured.integratedLUFS) LUFS")
            #expect(measured.truePeakDBTP <= -1.0, "\(file): \(measured.truePeakDBTP) dBTP")
            // The voice is there from the start to the end of the item: no silence aired for it.
            #expect(Level.rmsDBFS(Array(aired.prefix(22_050))) > -40 && Level.rmsDBFS(Array(aired.suffix(22_050))) > -40)
        }
        #expect(abs(slot.loudnessLufs - (-16)) <= 0.5 && slot.truePeakDbtp <= -1.0)

        // The captions show the transcript, a cue per paragraph, within the item.
        let vtt = try String(contentsOf: province.day.appendingPathComponent("PD/sang.vtt"), encoding: .utf8)
        #expect(vtt.contains("Ơ adei ayŏng hlŭn, hơdôm mơnuih amăng plơi pla."))
        #expect(vtt.contains("Anŭn yơh tơlơi pơthâo kơ tơlơi suaih pral."))

        // Deterministic: the same inputs give the same bytes; the bulletins are untouched.
        let day = contents(of: province.day)
        let again = await DayBuild(options: province.options("a")).run()
        #expect(again.outcome == .complete)
        #expect(contents(of: province.day) == day, "a second build gives the same bytes")
        #expect(contents(of: folder) == before)
    }

    @Test func badRecordingsAreReportedAtTheSidecarsLineAndTheRestAirs() async throws {
        let province = try TinyProvince.make()
        defer { try? FileManager.default.removeItem(at: province.root) }
        let folder = province.bulletins("a")
        func sidecar(_ name: String, _ recording: String) throws {
            try Self.sidecar(title: "Tin \(name)", recording: recording)
                .write(to: folder.appendingPathComponent("\(name).txt"), atomically: true, encoding: .utf8)
        }
        try TestRecordings.writeVoice(to: folder.appendingPathComponent("tin-jrai.flac"))
        try sidecar("tin-jrai", "tin-jrai.flac")
        try TestRecordings.writeSilent(to: folder.appendingPathComponent("im-lang.flac"))
        try sidecar("im-lang", "im-lang.flac")
        try TestRecordings.writeClipped(to: folder.appendingPathComponent("qua-to.wav"))
        try sidecar("qua-to", "qua-to.wav")
        try TestRecordings.writeLong(minutes: 3.5, to: folder.appendingPathComponent("dai-qua.flac"))
        try sidecar("dai-qua", "dai-qua.flac")
        try Data("this is not a sound file, whatever its name says\n".utf8).write(to: folder.appendingPathComponent("hong.flac"))
        try sidecar("hong", "hong.flac")
        try Data(repeating: 7, count: 4096).write(to: folder.appendingPathComponent("dien-thoai.m4a"))
        try sidecar("dien-thoai", "dien-thoai.m4a")
        try TestRecordings.writeVoice(to: folder.appendingPathComponent("thieu.mp3"), kind: .mp3)
        try sidecar("thieu", "thieu.flac")
        try TestRecordings.writeVoice(to: folder.appendingPathComponent("le.wav"), kind: .wav16)
        try sidecar("ra-ngoai", "../tin-jrai.flac")
        let before = contents(of: folder)

        let report = await DayBuild(options: province.options("a")).run()
        #expect(contents(of: folder) == before)
        #expect(report.outcome == .partial, "\(report.diagnostics)")
        func problem(_ sidecar: String) -> Diagnostic? {
            report.diagnostics.first { $0.file.hasSuffix("/\(sidecar).txt") && $0.severity == .error }
        }
        let expected: [(String, [String])] = [
            ("im-lang", ["im-lang.flac is silent", "LUFS"]),
            ("qua-to", ["qua-to.wav is clipped", "% of its samples are flat at full scale", "input level lower"]),
            ("dai-qua", ["dai-qua.flac is too long for any slot", "3 min 30 s", "'sang' (3 min)"]),
            ("hong", ["hong.flac cannot be read as sound", "libsndfile", "flac", "mp3", "wav"]),
            ("dien-thoai", ["dien-thoai.m4a is an AAC (.m4a) file", "ffmpeg -i 'dien-thoai.m4a' 'dien-thoai.flac'"]),
            ("thieu", ["thieu.flac does not exist", "thieu.mp3"]),
            ("ra-ngoai", ["must be a file beside this one"]),
        ]
        for (sidecar, words) in expected {
            let found = try #require(problem(sidecar), "\(sidecar): \(report.diagnostics)")
            #expect(found.line == Self.recordingLine, "\(found)")
            for word in words { #expect(found.message.contains(word), "\(sidecar): \(found.message)") }
        }
        // A sound file no bulletin names: a warning saying what to do; none for the sound of
        // a sidecar that could not be read (its error says enough).
        let orphans = report.diagnostics.filter { $0.message.hasPrefix("not aired: a sound file") }
        #expect(orphans.map { ($0.file as NSString).lastPathComponent } == ["le.wav"], "\(orphans)")
        #expect(orphans.first?.message.contains("'recording: le.wav'") == true)
        #expect(orphans.first?.severity == .warning)

        // The good recording and the text bulletins air.
        let aired = Set(try Self.manifest("PD", in: province).slots.flatMap(\.items).map(\.id))
        #expect(aired.isSuperset(of: ["tin-jrai", "lich-tiem", "mua-lon"]))
        #expect(aired.isDisjoint(with: ["im-lang", "qua-to", "dai-qua", "hong", "dien-thoai", "thieu", "ra-ngoai"]))
    }

    @Test func approvalCoversTheRecordingsBytes() async throws {
        let province = try IntakeTests.office()
        defer { try? FileManager.default.removeItem(at: province.root) }
        let folder = province.bulletins("a")
        let sound = folder.appendingPathComponent("tin-jrai.flac")
        let text = folder.appendingPathComponent("tin-jrai.txt")
        try TestRecordings.writeVoice(to: sound)
        try Self.sidecar(recording: "tin-jrai.flac").write(to: text, atomically: true, encoding: .utf8)
        // Approving the sound file itself is refused: the sidecar is approved, with it.
        #expect(throws: ConfigError.self) { try IntakeTests.approve(sound, in: province) }
        try IntakeTests.approve(text, in: province)
        let ledger = ApprovalLedger.read(province.root.appendingPathComponent("approvals.jsonl"), display: "approvals.jsonl")
        #expect(ledger.records.last?.record.recordingSHA256 == (try Checksum.sha256(file: sound)))

        func inputs() async throws -> DayInputs {
            try await DayInputs.read(date: TinyProvince.date, config: province.config, bulletins: folder,
                                     voices: SampleBuild.root.appendingPathComponent("Voices"), engine: .shared,
                                     display: { $0.path })
        }
        var day = try await inputs()
        #expect(day.airing.contains { $0.id == "tin-jrai" }, "\(day.diagnostics)")
        #expect(day.approvalStates[text.path]?.code == "approved")

        // Recorded again (other bytes, same text): not the approved recording, it does not air.
        try TestRecordings.writeVoice(to: sound, peak: 0.3, seed: 2)
        day = try await inputs()
        #expect(!day.airing.contains { $0.id == "tin-jrai" })
        #expect(day.approvalStates[text.path]?.code == "changed-after-approval")
        let changed = day.diagnostics.first { $0.file == text.path && $0.severity == .error }
        #expect(changed?.message.contains("the text or the recording \(sound.path) is not the one approved") == true, "\(String(describing: changed))")

        // Approved again: it airs.
        try IntakeTests.approve(text, in: province)
        day = try await inputs()
        #expect(day.airing.contains { $0.id == "tin-jrai" })
    }

    @Test func whateverLibsndfileReadsIsRead() throws {
        let folder = try SampleBuild.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(Set(["wav", "flac", "ogg", "mp3"]).isSubset(of: SoundFormats.readableExtensions), "\(SoundFormats.readableExtensions)")
        let kinds: [(String, TestRecordings.Kind, String)] = [
            ("wav", .wav16, "WAV"), ("flac", .flac16, "FLAC"), ("ogg", .oggVorbis, "OGG"), ("mp3", .mp3, "MPEG"),
        ]
        for (ext, kind, name) in kinds {
            try TestRecordings.writeVoice(to: folder.appendingPathComponent("tin.\(ext)"), kind: kind)
            try Self.sidecar(recording: "tin.\(ext)").write(to: folder.appendingPathComponent("tin-\(ext).txt"), atomically: true, encoding: .utf8)
        }
        let loaded = BulletinLibrary.load(directory: folder)
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")
        let reference = try #require(loaded.bulletins.first { $0.id == "tin-flac" }?.recording)
        for (ext, _, name) in kinds {
            let recording = try #require(loaded.bulletins.first { $0.id == "tin-\(ext)" }?.recording, "\(ext)")
            #expect(recording.format.uppercased().contains(name), "\(ext): \(recording.format)")
            #expect(recording.sampleRate == 44_100 && recording.channels == 2, "\(ext)")
            // Lossy codecs pad and smear the edges a little; the voice is found in the same place.
            #expect(abs(recording.soundMs - reference.soundMs) <= 60, "\(ext): \(recording.soundMs) vs \(reference.soundMs) ms")
            #expect(abs(recording.loudnessLUFS - reference.loudnessLUFS) <= 0.5, "\(ext): \(recording.loudnessLUFS) LUFS")
        }
    }
}
