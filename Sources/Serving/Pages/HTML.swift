/// Small helpers for Loa's pages: escaping, the shared frame, Vietnamese display of figures.
enum HTML {
    /// Text safe inside elements and quoted attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A whole page: Vietnamese, phone-width first, no external resources.
    /// `style` is added to the shared style sheet (a page's own rules).
    static func page(title: String, body: String, script: String = "", style: String = "") -> String {
        """
        <!doctype html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body{font-family:system-ui,"Noto Sans",Arial,sans-serif;margin:0 auto;max-width:60rem;padding:.75rem;line-height:1.45;color:#1b1b1b}
        h1{font-size:1.35rem;margin:.2rem 0 .6rem}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
        a{color:#0b57d0}nav{font-size:.9rem;margin-bottom:.5rem}
        table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #ddd;padding:.35rem .3rem;text-align:left;vertical-align:top}
        .scroll{overflow-x:auto}.num{font-variant-numeric:tabular-nums;white-space:nowrap}
        .bar{height:.4rem;background:#e8e8e8;border-radius:.2rem;margin-top:.15rem}.bar i{display:block;height:100%;background:#2e7d32;border-radius:.2rem}
        .over i{background:#c62828}.warn{color:#b26a00}.bad{color:#c62828;font-weight:600}.muted{color:#666;font-size:.85rem}
        .problems li{margin:.2rem 0}audio{width:100%}
        .caption{min-height:2.6em;background:#111;color:#fff;padding:.4rem .6rem;border-radius:.3rem;margin:.3rem 0}
        ol.items{padding-left:1.4rem}ol.items button{font:inherit;text-align:left;background:none;border:0;padding:.25rem 0;color:#0b57d0;cursor:pointer}
        ol.items li.now button{font-weight:700}
        ul.files{padding-left:1.2rem;font-size:.9rem}code{font-size:.8rem;word-break:break-all}
        \(style)
        </style>
        </head>
        <body>
        \(body)
        \(script.isEmpty ? "" : "<script>\n\(script)\n</script>")
        </body>
        </html>

        """
    }

    /// Milliseconds as m:ss (h:mm:ss from an hour).
    static func clock(_ ms: Int) -> String {
        let seconds = ms / 1000
        let h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):\(m < 10 ? "0" : "")\(m):\(ss)" }
        return "\(m):\(ss)"
    }

    /// `2021-09-24` as `24/09/2021`.
    static func date(_ iso: String) -> String {
        let parts = iso.split(separator: "-")
        return parts.count == 3 ? "\(parts[2])/\(parts[1])/\(parts[0])" : iso
    }

    /// Bytes in kB/MB, Vietnamese decimal comma.
    static func size(_ bytes: Int?) -> String {
        guard let bytes else { return "" }
        if bytes < 1_000_000 { return "\(max(1, bytes / 1000)) kB" }
        let tenths = (bytes + 50_000) / 100_000
        return "\(tenths / 10),\(tenths % 10) MB"
    }
}
