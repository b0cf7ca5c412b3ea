import Packaging

/// `/<date>/<station>/`: one station's day: a player per programme with its captions shown
/// as it plays, the items (clicking one moves the player to its start), and downloads of
/// every file and of the whole pack as one `.zip`. Plain HTML and a few lines of script.
enum StationPage {
    static func render(_ manifest: StationManifest, extraFiles: [(name: String, bytes: Int)]) -> String {
        var sections: [String] = []
        for slot in manifest.slots {
            let audio = slot.files.first { $0.format == "mp3" } ?? slot.files.first { $0.format == "wav" }
            let captions = slot.files.first { $0.format == "vtt" }
            let over = slot.durationMs > slot.maxMs
            var html = "<section><h2>\(HTML.escape(slot.id)) — \(slot.start) "
                + "<span class=\"num\(over ? " bad" : "")\">(\(HTML.clock(slot.durationMs)) / \(HTML.clock(slot.maxMs)))</span></h2>"
            if let audio {
                html += "<audio id=\"audio-\(slot.id)\" data-slot=\"\(slot.id)\" controls preload=\"metadata\" src=\"\(audio.path)\">"
                if let captions {
                    html += "<track kind=\"captions\" src=\"\(captions.path)\" srclang=\"vi\" label=\"Tiếng Việt\" default>"
                }
                html += "</audio>"
                html += "<div class=\"caption\" id=\"caption-\(slot.id)\" aria-live=\"polite\">Phụ đề hiện ở đây khi phát.</div>"
                html += "<p class=\"muted\">Vị trí: <output id=\"pos-\(slot.id)\">0:00</output></p>"
            }
            html += "<ol class=\"items\">"
            for (number, item) in slot.items.enumerated() {
                let seconds = Double(item.startMs) / 1000
                html += "<li><button id=\"\(slot.id)-\(number + 1)\" data-slot=\"\(slot.id)\" data-start=\"\(seconds)\">"
                    + "<span class=\"num\">\(HTML.clock(item.startMs))</span> \(HTML.escape(item.title))</button>"
                    + " <span class=\"muted\">\(HTML.clock(item.durationMs)) · \(item.kind == "recording" ? "bản ghi âm" : HTML.escape(item.voice))</span></li>"
            }
            html += "</ol>"
            if !slot.deferred.isEmpty {
                html += "<p class=\"warn\">Hoãn sang buổi sau: \(slot.deferred.map(HTML.escape).joined(separator: ", "))</p>"
            }
            html += "<p class=\"muted\">Độ lớn \(String(format: "%.1f", slot.loudnessLufs)) LUFS · đỉnh \(String(format: "%.1f", slot.truePeakDbtp)) dBTP</p>"
            html += "<ul class=\"files\">" + slot.files.map { file in
                "<li><a href=\"\(file.path)\" download>\(file.path)</a> \(HTML.size(file.bytes)) <code>\(file.sha256.prefix(16))…</code></li>"
            }.joined() + "</ul></section>"
            sections.append(html)
        }
        let packFiles = extraFiles.map { "<li><a href=\"\($0.name)\">\($0.name)</a> \(HTML.size($0.bytes))</li>" }.joined()
        let notAired = manifest.notAired.isEmpty ? ""
            : "<p class=\"bad\">Không phát được hôm nay: \(manifest.notAired.map(HTML.escape).joined(separator: ", "))</p>"
        let signing = manifest.signingKey.map { $0 == PackSeal.unsignedName
            ? "<span class=\"bad\">gói chưa được ký</span>" : "ký bằng khoá <code>\(HTML.escape($0))</code>" } ?? ""
        let title = "\(manifest.station.kind.capitalized) \(manifest.station.name) — \(HTML.date(manifest.date))"
        let body = """
            <nav><a href="/">Các ngày</a> › <a href="../">Ngày \(HTML.date(manifest.date))</a></nav>
            <h1>\(HTML.escape(title))</h1>
            <p class="muted">\(HTML.escape(manifest.station.district)) · mã đài \(HTML.escape(manifest.station.code)) · \(signing)</p>
            <p><a href="../\(manifest.station.code).zip" download>Tải cả gói (.zip)</a></p>
            \(notAired)
            \(sections.joined(separator: "\n"))
            <h2>Tệp kiểm tra</h2>
            <ul class="files">\(packFiles)</ul>
            """
        return HTML.page(title: title, body: body, script: script)
    }

    /// Clicking an item seeks its programme's player to the item's start (and plays, when the
    /// click is a person's); the current cue is shown under the player, the item playing is
    /// marked; a link to `#<slot>-<n>` opens the page at that item.
    static let script = """
        function clock(s){s=Math.floor(s);var m=Math.floor(s/60),r=s%60;return m+':'+(r<10?'0':'')+r}
        var shows={};
        document.querySelectorAll('audio').forEach(function(a){
          var slot=a.dataset.slot,out=document.getElementById('caption-'+slot),pos=document.getElementById('pos-'+slot);
          var items=Array.prototype.slice.call(document.querySelectorAll('button[data-slot="'+slot+'"]'));
          shows[slot]=function(){
            pos.textContent=clock(a.currentTime);
            items.forEach(function(b,i){var next=items[i+1];var on=a.currentTime>=parseFloat(b.dataset.start)&&(!next||a.currentTime<parseFloat(next.dataset.start));b.parentNode.classList.toggle('now',on)});
          };
          a.addEventListener('timeupdate',shows[slot]);a.addEventListener('seeked',shows[slot]);
          var t=a.textTracks&&a.textTracks[0];
          if(t){t.mode='hidden';t.addEventListener('cuechange',function(){var c=t.activeCues;out.textContent=c&&c.length?c[0].text:''})}
        });
        document.querySelectorAll('button[data-start]').forEach(function(b){
          b.addEventListener('click',function(e){
            var a=document.getElementById('audio-'+b.dataset.slot);if(!a)return;
            a.currentTime=parseFloat(b.dataset.start);
            if(shows[b.dataset.slot])shows[b.dataset.slot]();
            if(e.isTrusted){a.play().catch(function(){})}
            history.replaceState(null,'','#'+b.id);
          });
        });
        if(location.hash){var b=document.getElementById(location.hash.slice(1));if(b&&b.dataset.start)b.click()}
        """
}
