/// The `Content-Type` of each kind of file in a pack.
enum ContentType {
    static func of(_ name: String) -> String {
        if name == "SHA256SUMS" { return "text/plain; charset=utf-8" }
        switch name.split(separator: ".").last.map({ $0.lowercased() }) {
        case "mp3": return "audio/mpeg"
        case "wav": return "audio/wav"
        case "vtt": return "text/vtt; charset=utf-8"
        case "json": return "application/json"
        case "minisig", "pub", "txt": return "text/plain; charset=utf-8"
        case "zip": return "application/zip"
        case "html": return html
        default: return "application/octet-stream"
        }
    }

    static let html = "text/html; charset=utf-8"
}
