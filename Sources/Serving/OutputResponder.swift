import Foundation
import Hummingbird
import Logging
import Packaging

/// Answers every request to `loa serve`: files of the output tree read-only, the pages, and
/// packs as zips. GET and HEAD only; nothing outside the root; errors without file-system
/// paths; one log line per request.
struct OutputResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let root: OutputRoot
    let tags: ContentTags
    let zips: PackZips
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let response = await answer(request)
        RequestLog.write(logger, method: request.method.rawValue, target: request.head.path ?? "",
                         status: response.status.code, length: response.headers[.contentLength], since: started)
        return response
    }

    private func answer(_ request: Request) async -> Response {
        guard request.method == .get || request.method == .head else {
            var response = ErrorPage.response(.methodNotAllowed)
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let path: RequestPath
        do {
            path = try RequestPath.parse(request.head.path ?? "")
        } catch .tooLong {
            return ErrorPage.response(.uriTooLong)
        } catch {
            return ErrorPage.response(.badRequest)
        }
        // A day replaced while a page was being read: read again from the new day, once.
        for attempt in 0..<2 {
            do {
                var response = try await route(path, request)
                if request.method == .head { response.body = ResponseBody() }
                return response
            } catch OutputRoot.Failure.notFound where attempt == 0 {
                continue
            } catch OutputRoot.Failure.notFound {
                return ErrorPage.response(.notFound)
            } catch {
                logger.error("\(request.head.path ?? ""): \(error)")
                return ErrorPage.response(.internalServerError)
            }
        }
        return ErrorPage.response(.notFound)
    }

    private func route(_ path: RequestPath, _ request: Request) async throws -> Response {
        let segments = path.segments
        if segments.isEmpty { return page(DaysPage.render(days: days(), watch: watchStatus())) }
        if path.trailingSlash {
            switch segments.count {
            case 1:
                let day = try root.openFolder(segments)
                let index = try JSONFile.decode(DayIndex.self, from: try day.read("index.json"))
                var manifests: [String: StationManifest] = [:]
                for entry in index.stations {
                    manifests[entry.code] = try? JSONFile.decode(StationManifest.self, from: try day.read(entry.manifest))
                }
                return page(BoardPage.render(index: index, manifests: manifests))
            case 2:
                let folder = try root.openFolder(segments)
                let manifest = try JSONFile.decode(StationManifest.self, from: try folder.read("manifest.json"))
                let extras = ["manifest.json", "manifest.json.minisig", PackSeal.sumsName].compactMap { name in
                    (try? folder.openFile(name)).map { (name, $0.size) }
                }
                return page(StationPage.render(manifest, extraFiles: extras))
            default:
                throw OutputRoot.Failure.notFound
            }
        }
        if Self.isReport(path) {
            let day = try root.openFolder([segments[0]])
            // A day without a report this Loa reads (built by an older one) says how to get one.
            guard let data = try? day.read(DayReport.fileName), let report = try? JSONFile.decode(DayReport.self, from: data) else {
                _ = try day.read("index.json")  // no day at all: not found
                return page(ReportPage.missing(date: segments[0]))
            }
            return page(ReportPage.render(report, run: (try? day.read(BuildRun.fileName)).flatMap(BuildRun.read)))
        }
        if Self.isPackZip(segments) {
            let station = String(segments[1].dropLast(4))
            let folder = try root.openFolder([segments[0], station])
            let zip = try await zips.zip(of: folder, station: station, date: segments[0])
            var response = try FileResponse.make(zip, request: request, tags: tags)
            response.headers[.contentDisposition] = "attachment; filename=\"\(segments[0])-\(station).zip\""
            return response
        }
        do {
            return try FileResponse.make(try root.openFile(segments), request: request, tags: tags)
        } catch OutputRoot.Failure.isFolder where segments.count <= 2 {
            // `/2021-09-24` → `/2021-09-24/`, so the page's relative links work.
            return Response(status: .movedPermanently, headers: [.location: "/" + segments.joined(separator: "/") + "/"])
        }
    }

    /// `/<date>/report`: the day's build report page (its data is `/<date>/report.json`).
    static func isReport(_ path: RequestPath) -> Bool {
        path.segments.count == 2 && !path.trailingSlash && path.segments[1] == "report" && CalendarDateText.isISODate(path.segments[0])
    }

    /// `/<date>/<station>.zip`: a station's whole pack, made on request (so never a file
    /// of the tree, even when one has that name).
    static func isPackZip(_ segments: [String]) -> Bool { segments.count == 2 && segments[1].hasSuffix(".zip") }

    /// What `loa watch` wrote beside the days, if it runs on this output.
    private func watchStatus() -> WatchStatus? {
        guard let top = try? root.openFolder([]), let data = try? top.read(WatchStatus.fileName) else { return nil }
        return WatchStatus.read(from: data)
    }

    /// Day folders, newest first.
    private func days() -> [(date: String, stations: Int, key: String?)] {
        guard let top = try? root.openFolder([]) else { return [] }
        return top.names().filter { CalendarDateText.isISODate($0) }.sorted(by: >).compactMap { name in
            guard let day = try? top.openFolder(name),
                  let index = try? JSONFile.decode(DayIndex.self, from: try day.read("index.json")) else { return nil }
            return (name, index.stations.count, index.signingKey)
        }
    }

    private func page(_ html: String) -> Response {
        let bytes = ByteBuffer(string: html)
        return Response(status: .ok, headers: [.contentType: ContentType.html, .cacheControl: "no-cache",
                                               .contentLength: String(bytes.readableBytes)],
                        body: ResponseBody(byteBuffer: bytes))
    }
}

/// `YYYY-MM-DD` names of day folders.
enum CalendarDateText {
    static func isISODate(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return false }
        return bytes.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || (0x30...0x39).contains($0.element) }
    }
}

/// Error pages: a status and a sentence in Vietnamese, never a path or an internal detail.
enum ErrorPage {
    static func response(_ status: HTTPResponse.Status) -> Response {
        let text: String
        switch status.code {
        case 400: text = "Yêu cầu không hợp lệ."
        case 404: text = "Không tìm thấy."
        case 405: text = "Chỉ hỗ trợ GET và HEAD."
        case 414: text = "Đường dẫn quá dài."
        default: text = "Lỗi máy chủ; xin thử lại sau."
        }
        let bytes = ByteBuffer(string: HTML.page(title: "\(status.code)", body: "<h1>\(status.code)</h1><p>\(text)</p><p><a href=\"/\">Trang chính</a></p>"))
        return Response(status: status, headers: [.contentType: ContentType.html, .contentLength: String(bytes.readableBytes),
                                                  .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: bytes))
    }
}
