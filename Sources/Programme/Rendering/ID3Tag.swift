/// A minimal ID3v2.3 tag carrying a title (TIT2) in UTF-16, so Vietnamese titles show on
/// players. Written by hand because the stream is joined from pre-encoded pieces and no
/// encoder writes the file as a whole.
enum ID3Tag {
    static func v2(title: String) -> [UInt8] {
        var text: [UInt8] = [0x01, 0xFF, 0xFE]  // UTF-16 with a little-endian byte order mark
        for unit in title.utf16 { text += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let frame: [UInt8] = Array("TIT2".utf8) + bigEndian(text.count) + [0, 0] + text
        return Array("ID3".utf8) + [3, 0, 0] + synchsafe(frame.count) + frame
    }

    static func bigEndian(_ n: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((n >> $0) & 0xFF) } }

    /// Tag size as four 7-bit bytes.
    static func synchsafe(_ n: Int) -> [UInt8] { [21, 14, 7, 0].map { UInt8((n >> $0) & 0x7F) } }
}
