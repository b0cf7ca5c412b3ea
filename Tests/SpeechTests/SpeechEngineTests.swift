import Testing
import Audio
@testable import Speech

/// The three Vietnamese voices espeak-ng ships, as voice profiles name them.
private let vietnameseVoices = ["vi", "vi-vn-x-central", "vi-vn-x-south"]

private func profile(_ voice: String = "vi", rate: Int = 140,
                     sentencePauseMs: Int = 500, paragraphPauseMs: Int = 900) -> VoiceProfile {
    VoiceProfile(id: "test", espeakVoice: voice, rate: rate, pitch: 45, pitchRange: 40, volume: 100,
                 sentencePauseMs: sentencePauseMs, paragraphPauseMs: paragraphPauseMs)
}

/// A normalized bulletin sentence (Vietnamese words are single syllables).
private let sentence = "ủy ban nhân dân xã phương điền thông báo lịch tiêm vắc xin cho bà con trong toàn xã."
private let sentenceWords = sentence.split(separator: " ").count  // 19

private let bulletin: [[String]] = [
    ["ủy ban nhân dân xã phương điền thông báo.",
     "bà con mang theo căn cước công dân khi đến điểm tiêm.",
     "xin cảm ơn."],
    ["buổi tiêm bắt đầu lúc bảy giờ sáng.",
     "mọi thắc mắc xin liên hệ trạm y tế xã."],
]

/// FNV-1a over the samples: a short fingerprint to compare clips.
func fingerprint(_ samples: [Int16]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for s in samples {
        let u = UInt16(bitPattern: s)
        h = (h ^ UInt64(u & 0xff)) &* 0x0000_0100_0000_01b3
        h = (h ^ UInt64(u >> 8)) &* 0x0000_0100_0000_01b3
    }
    return h
}

@Suite("SpeechEngine")
struct SpeechEngineTests {
    let engine = SpeechEngine.shared

    @Test("speaks a sentence in each Vietnamese voice", arguments: vietnameseVoices)
    func speaksEachVoice(voice: String) async throws {
        let clip = try await engine.synthesize(paragraphs: [[sentence]], voice: profile(voice))
        #expect(clip.sampleRate == 22050)
        // Measured around −19 dBFS RMS for these voices at volume 100; silence or noise-floor
        // output would be far below −35.
        #expect(Level.rmsDBFS(clip.samples) > -35)
        #expect(Level.peakDBFS(clip.samples) > -12)
        // espeak-ng's "words per minute" is calibrated on English words; a Vietnamese word is
        // one syllable, so it reads about twice as many: 140 wpm gives roughly 4–5 words a
        // second. Plausible: 2…8 words a second.
        let seconds = Double(clip.frameCount) / Double(clip.sampleRate)
        let wordsPerSecond = Double(sentenceWords) / seconds
        #expect(wordsPerSecond > 2 && wordsPerSecond < 8, "\(wordsPerSecond) words/s")
        // No silence at either end.
        let t = SpeechEngine.silenceThreshold
        #expect(abs(Int(clip.samples.first!)) > Int(t))
        #expect(abs(Int(clip.samples.last!)) > Int(t))
        #expect(clip.sentences == [SentenceTiming(index: 0, startFrame: 0, endFrame: clip.frameCount,
                                                  words: clip.sentences[0].words)])
        #expect(clip.sentences[0].words.count == sentenceWords)
    }

    @Test("sentence timings are ordered and separated by exact digital silence")
    func timingsAndPauses() async throws {
        let voice = profile(sentencePauseMs: 500, paragraphPauseMs: 900)
        let clip = try await engine.synthesize(paragraphs: bulletin, voice: voice)
        let timings = clip.sentences
        #expect(timings.map(\.index) == [0, 1, 2, 3, 4])
        #expect(timings.first?.startFrame == 0)
        #expect(timings.last?.endFrame == clip.frameCount)

        let sentencePause = 500 * 22050 / 1000   // 11025 frames
        let paragraphPause = 900 * 22050 / 1000  // 19845 frames
        let expectedGaps = [sentencePause, sentencePause, paragraphPause, sentencePause]
        for i in 0 ..< timings.count {
            let t = timings[i]
            #expect(t.startFrame < t.endFrame)
            // Each sentence's own sound starts and ends above the threshold.
            #expect(abs(Int(clip.samples[t.startFrame])) > Int(SpeechEngine.silenceThreshold))
            #expect(abs(Int(clip.samples[t.endFrame - 1])) > Int(SpeechEngine.silenceThreshold))
            // Words start inside their sentence, in order.
            let starts = t.words.map(\.startFrame)
            #expect(starts == starts.sorted())
            #expect(starts.allSatisfy { $0 >= t.startFrame && $0 < t.endFrame })
            guard i + 1 < timings.count else { continue }
            let gap = timings[i + 1].startFrame - t.endFrame
            #expect(abs(gap - expectedGaps[i]) <= 1, "gap after sentence \(i): \(gap) frames")
            #expect(clip.samples[t.endFrame ..< timings[i + 1].startFrame].allSatisfy { $0 == 0 })
        }
        // Word offsets point at the words in the text.
        let second = Array(bulletin[0][1].unicodeScalars)
        let words = timings[1].words.map {
            String(String.UnicodeScalarView(second[$0.characterOffset ..< $0.characterOffset + $0.characterCount]))
        }
        #expect(words.prefix(4) == ["bà", "con", "mang", "theo"])
    }

    @Test("a faster rate gives a shorter clip")
    func fasterRateIsShorter() async throws {
        let slow = try await engine.synthesize(paragraphs: [[sentence]], voice: profile(rate: 120))
        let fast = try await engine.synthesize(paragraphs: [[sentence]], voice: profile(rate: 220))
        #expect(fast.frameCount < slow.frameCount * 8 / 10, "fast \(fast.frameCount), slow \(slow.frameCount)")
    }

    @Test("an unknown voice is an error, not a fallback")
    func unknownVoice() async throws {
        for name in ["xx-nothing", "vi-nope", ""] {
            do {
                _ = try await engine.synthesize(paragraphs: [[sentence]], voice: profile(name))
                Issue.record("voice '\(name)' was accepted")
            } catch SpeechError.unknownVoice(let reported) {
                #expect(reported == name)
            }
        }
    }

    @Test("the same text and voice give identical samples, whatever ran before")
    func deterministicWithinProcess() async throws {
        let first = try await engine.synthesize(paragraphs: bulletin, voice: profile())
        _ = try await engine.synthesize(paragraphs: [["một hai ba bốn năm."]], voice: profile("vi-vn-x-south", rate: 200))
        let second = try await engine.synthesize(paragraphs: bulletin, voice: profile())
        #expect(first.samples == second.samples)
        #expect(first.sentences == second.sentences)
    }

    /// Recorded by an earlier process with espeak-ng 1.51 (Debian espeak-ng-data 1.51):
    /// equal fingerprints mean byte-identical samples across processes.
    @Test("samples match those recorded in another process (espeak-ng 1.51)")
    func deterministicAcrossProcesses() async throws {
        let version = try await engine.engineVersion()
        let clip = try await engine.synthesize(paragraphs: bulletin, voice: profile())
        let recorded: (frames: Int, fingerprint: UInt64) = (303_964, 0x824c_9d08_d067_35b9)
        // A different engine is expected to sound different: this fails on purpose until the
        // fingerprint is re-recorded (run twice in separate processes, compare, update).
        try #require(version.hasPrefix("1.51"), "fingerprint recorded with espeak-ng 1.51, this is \(version): re-record it")
        #expect(clip.frameCount == recorded.frames)
        #expect(fingerprint(clip.samples) == recorded.fingerprint, "0x\(String(fingerprint(clip.samples), radix: 16))")
    }

    @Test("odd input never crashes and keeps timings consistent")
    func oddInput() async throws {
        let empty = try await engine.synthesize(paragraphs: [], voice: profile())
        #expect(empty.samples.isEmpty && empty.sentences.isEmpty)

        let blanks = try await engine.synthesize(paragraphs: [["", "   "], []], voice: profile())
        #expect(blanks.samples.isEmpty)
        #expect(blanks.sentences.map { [$0.startFrame, $0.endFrame] } == [[0, 0], [0, 0]])

        let long = Array(repeating: "bà con chú ý", count: 150).joined(separator: " ") + "."
        let odd = [["...", "xin chào.", "", "\u{0}xin\u{0} chào", "<b>x</b> [[a]] & ;", long, "?!"]]
        let clip = try await engine.synthesize(paragraphs: odd, voice: profile())
        #expect(clip.sentences.count == 7)
        var previousEnd = 0
        for t in clip.sentences {
            #expect(t.startFrame >= previousEnd && t.endFrame >= t.startFrame && t.endFrame <= clip.frameCount)
            previousEnd = t.endFrame
        }
        #expect(clip.sentences[0].startFrame == clip.sentences[0].endFrame)  // "..." makes no sound
        #expect(clip.sentences[2].startFrame == clip.sentences[2].endFrame)  // empty
        #expect(clip.sentences[5].endFrame - clip.sentences[5].startFrame > 22050 * 60)  // 600 words: minutes
        // A NUL inside a sentence is read as a space, not the end of the text: it sounds as
        // long as "xin chào" (within the few samples engine state moves it inside a clip),
        // not like "xin" alone.
        let both = try await engine.synthesize(paragraphs: [["xin chào"]], voice: profile()).frameCount
        let first = try await engine.synthesize(paragraphs: [["xin"]], voice: profile()).frameCount
        let withNUL = clip.sentences[3].endFrame - clip.sentences[3].startFrame
        #expect(abs(withNUL - both) < both / 50 && withNUL > first * 3 / 2, "\(withNUL) vs \(both) and \(first)")
    }

    @Test("reports its rate, version and the Vietnamese voices")
    func engineFacts() async throws {
        #expect(try await engine.sampleRate() == 22050)
        let version = try await engine.engineVersion()
        #expect(version.first?.isNumber == true)
        let voices = try await engine.availableVoices()
        for language in vietnameseVoices {
            #expect(voices.contains { $0.languages.contains(language) }, "\(language) missing")
        }
    }
}
