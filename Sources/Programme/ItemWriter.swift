import Speech
import VietnameseText

/// An item before planning: what it is and the takes that read it.
public struct ItemDraft: Sendable {
    public var kind: ItemKind
    public var id: String
    public var title: String
    public var voice: String
    public var takes: [TakeKey]
    public var captions: [String]
    public var spokenText: String

    /// The planner's view, once the takes are prepared and their lengths known.
    public func segment(_ store: TakeStore) -> Segment {
        let frames = takes.reduce(0) { $0 + (store.layouts[$1]?.frames ?? 0) }
        return Segment(kind: kind, id: id, title: title, voice: voice, frames: frames,
                       takes: takes, captions: captions, spokenText: spokenText)
    }
}

/// Turns announcements and bulletins into item drafts for a station: the words to say,
/// in which voice, with which pauses, and the chimes around the programme.
public struct ItemWriter: Sendable {
    public var province: Province
    public var voices: VoiceLibrary
    public var normalizer: Normalizer
    public var date: CalendarDate

    public init(province: Province, voices: VoiceLibrary, normalizer: Normalizer, date: CalendarDate) {
        self.province = province
        self.voices = voices
        self.normalizer = normalizer
        self.date = date
    }

    func profile(_ id: String) -> VoiceProfile {
        guard let profile = voices[id] else { preconditionFailure("voice \(id) was checked before building") }
        return profile
    }

    /// The opening: the opening chime (if any), then the station's greeting for the slot.
    public func opening(station: Station, slot: Slot) -> ItemDraft {
        let voice = profile(province.voice(for: station))
        var draft = announcement(.opening, province.announcements.opening, station: station, slot: slot,
                                 voice: voice, pauseAfterMs: voice.paragraphPauseMs)
        if let jingle = province.output.openingJingle {
            draft.takes.insert(TakeKey(source: .jingle(path: jingle), pauseAfterMs: voice.paragraphPauseMs), at: 0)
            draft.captions.insert("", at: 0)
        }
        return draft
    }

    /// The closing: the station's farewell, then the closing chime (if any). Always last.
    public func closing(station: Station, slot: Slot) -> ItemDraft {
        let voice = profile(province.voice(for: station))
        let jingle = province.output.closingJingle
        var draft = announcement(.closing, province.announcements.closing, station: station, slot: slot,
                                 voice: voice, pauseAfterMs: jingle == nil ? 0 : voice.paragraphPauseMs)
        if let jingle {
            draft.takes.append(TakeKey(source: .jingle(path: jingle), pauseAfterMs: 0))
            draft.captions.append("")
        }
        return draft
    }

    /// A bulletin, title first, in its own voice or the station's. A recorded bulletin is
    /// its recording alone (its title is not spoken: the reader says what it is about, in
    /// the listeners' language), captioned with its transcript, followed by the station
    /// voice's paragraph pause like any item.
    public func bulletin(_ bulletin: Bulletin, script: Script, station: Station) -> ItemDraft {
        if let recording = bulletin.recording {
            let pause = profile(province.voice(for: station)).paragraphPauseMs
            let transcript = bulletin.paragraphs.map(\.text).joined(separator: "\n\n")
            return ItemDraft(kind: .recording, id: bulletin.id, title: bulletin.title, voice: "",
                             takes: [TakeKey(source: .recording(recording.cut), pauseAfterMs: pause)],
                             captions: [transcript], spokenText: transcript)
        }
        let voice = profile(bulletin.voice ?? province.voice(for: station))
        let takes = script.takes(voice: voice, pauseAfterMs: voice.paragraphPauseMs)
        return ItemDraft(kind: .bulletin, id: bulletin.id, title: bulletin.title, voice: voice.id,
                         takes: takes.map(\.key), captions: takes.map(\.caption), spokenText: script.spokenText)
    }

    func announcement(_ kind: ItemKind, _ template: String, station: Station, slot: Slot,
                      voice: VoiceProfile, pauseAfterMs: Int) -> ItemDraft {
        let text = AnnouncementWriter.text(template, station: station, district: province.district(code: station.districtCode),
                                           slot: slot, date: date)
        let script = Script(paragraphs: [(text, 1)], file: province.file, normalizer: normalizer)
        let takes = script.takes(voice: voice, pauseAfterMs: pauseAfterMs)
        return ItemDraft(kind: kind, id: kind.rawValue, title: text, voice: voice.id,
                         takes: takes.map(\.key), captions: takes.map(\.caption), spokenText: script.spokenText)
    }
}
