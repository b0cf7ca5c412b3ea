import Foundation
@testable import Programme
import Speech

/// Test helpers: fixtures, scratch folders and a small province.
enum Fixture {
    static var badInput: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("bad-input")
    }

    /// A fresh empty folder under the system's temporary directory.
    static func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("loa-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The repository's root, for the sample bulletins, `loa.yaml` and `Voices/`.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Writes `text` to `relativePath` under `folder`, making the folders on the way.
    static func write(_ text: String, to relativePath: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// A valid, approved bulletin (for 2021-09-24, all stations) with `title`, `extra`
    /// header lines, and `body`.
    static func bulletin(title: String = "Lịch tiêm vắc-xin", extra: String = "",
                         body: String = "Kính thưa bà con! Trạm Y tế xã tổ chức tiêm vắc-xin phòng COVID-19.") -> String {
        "---\ntitle: \(title)\napproved-by: Nguyễn Văn An\napproved-on: 2021-09-23\nvalid-from: 2021-09-24\n"
            + "valid-until: 2021-09-24\n\(extra)---\n\(body)\n"
    }

    /// Every file under `folder` (hidden ones too) with its bytes, to show nothing changed.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in FileManager.default.subpaths(atPath: folder.path) ?? [] {
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    static let provinceYAML = """
    province: Thử nghiệm
    voice: bac
    slots:
      - id: sang
        start: "06:00"
        max: 20m
        label: buổi sáng
      - id: chieu
        start: "17:00"
        max: 15m
        min: 1m
        label: buổi chiều
    announcements:
      opening: "Đây là Đài Truyền thanh {kind} {station}. Hôm nay, {weekday}, {date}."
      closing: "Hết chương trình {slot}."
    districts:
      - code: HK
        name: huyện Hương Khê
        stations:
          - code: PD
            name: Phương Điền
            kind: xã
            voice: trung
          - code: HT
            name: Hương Trạch
            kind: xã
      - code: CL
        name: huyện Can Lộc
        stations:
          - code: TL
            name: Thiên Lộc
            kind: xã
    """

    static func province() throws -> Province { try ProvinceLoader.parse(provinceYAML, file: "loa.yaml") }

    static func voices() -> VoiceLibrary {
        var profiles: [String: VoiceProfile] = [:]
        for (id, name) in [("bac", "vi"), ("trung", "vi-vn-x-central"), ("nam", "vi-vn-x-south")] {
            profiles[id] = VoiceProfile(id: id, espeakVoice: name, rate: 135, pitch: 45, pitchRange: 45,
                                        volume: 100, sentencePauseMs: 400, paragraphPauseMs: 800)
        }
        return VoiceLibrary(profiles: profiles)
    }
}
