import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The department's server as `loa fetch` sees it: plain HTTP GETs of the published tree,
/// so `loa serve`, nginx or any static host serve it alike.
///
/// Small files (manifest, signature) are read into memory with a size limit; media files
/// are streamed to disk, resuming a partial file with `Range`.
final class PackSource: Sendable {
    let base: URL
    private let client: HTTPClient

    init(base: URL) {
        self.base = base
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(15), read: .seconds(60))
        configuration.redirectConfiguration = .follow(max: 3, allowCycles: false)
        configuration.decompression = .disabled
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async {
        try? await client.shutdown()
    }

    func url(_ path: String) -> String {
        base.absoluteString.hasSuffix("/") ? base.absoluteString + path : base.absoluteString + "/" + path
    }

    /// The whole of a small file, refusing more than `limit` bytes and web pages.
    func small(_ path: String, limit: Int) async throws(FetchError) -> Data {
        let address = url(path)
        do {
            let response = try await client.execute(HTTPClientRequest(url: address), timeout: .seconds(120))
            try check(response, address: address, expecting: [.ok])
            if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > limit {
                throw FetchError.incomplete("\(address): is \(length) bytes, more than the \(limit) a pack's \(path.split(separator: "/").last ?? "") may be; refusing it")
            }
            if response.headers.first(name: "content-type")?.lowercased().hasPrefix("text/html") == true {
                throw FetchError.incomplete("\(address): the server answered with a web page, not the file (a proxy's or error page?)")
            }
            var data = Data()
            for try await buffer in response.body {
                data.append(contentsOf: buffer.readableBytesView)
                if data.count > limit {
                    throw FetchError.incomplete("\(address): more than \(limit) bytes; refusing it")
                }
            }
            return data
        } catch let error as FetchError {
            throw error
        } catch {
            throw FetchError.incomplete("\(address): \(Self.explain(error))")
        }
    }

    /// Downloads `path` into `partial`, continuing from the bytes it already holds when the
    /// server answers the range; `progress` is told the bytes received so far.
    /// Returns the bytes fetched over the network in this call.
    func download(_ path: String, to partial: URL, expectedBytes: Int?,
                  progress: @Sendable (Int) -> Void) async throws(FetchError) -> Int {
        let address = url(path)
        let have = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int) ?? 0
        var request = HTTPClientRequest(url: address)
        if have > 0 { request.headers.add(name: "Range", value: "bytes=\(have)-") }
        do {
            let response = try await client.execute(request, timeout: .seconds(3600))
            if response.status == .rangeNotSatisfiable, have > 0, have == expectedBytes {
                return 0   // Already whole: the checksum decides.
            }
            try check(response, address: address, expecting: [.ok, .partialContent])
            let resuming = response.status == .partialContent
            if resuming {
                let range = response.headers.first(name: "content-range") ?? ""
                guard range.hasPrefix("bytes \(have)-") else {
                    throw FetchError.incomplete("\(address): the server sent a different part (\(range)) than asked (from byte \(have))")
                }
            }
            if !FileManager.default.fileExists(atPath: partial.path) {
                FileManager.default.createFile(atPath: partial.path, contents: nil)
            }
            let handle = try FileHandle(forWritingTo: partial)
            defer { try? handle.close() }
            if resuming { try handle.seekToEnd() } else { try handle.truncate(atOffset: 0) }
            var received = resuming ? have : 0, fetched = 0
            let limit = (expectedBytes ?? Int.max / 2) + 1
            for try await buffer in response.body {
                try handle.write(contentsOf: Data(buffer.readableBytesView))
                received += buffer.readableBytes
                fetched += buffer.readableBytes
                if received > limit {
                    throw FetchError.rejected("\(address): longer than the \(expectedBytes ?? 0) bytes the signed manifest gives")
                }
                progress(received)
            }
            try handle.synchronize()
            return fetched
        } catch let error as FetchError {
            throw error
        } catch {
            throw FetchError.incomplete("\(address): \(Self.explain(error)) (the part received is kept; the next run resumes it)")
        }
    }

    private func check(_ response: HTTPClientResponse, address: String, expecting: [HTTPResponseStatus]) throws(FetchError) {
        guard expecting.contains(response.status) else {
            if response.status == .notFound {
                throw FetchError.incomplete("\(address): not on the server (404); is the station code and date right, and has the department built that day?")
            }
            throw FetchError.incomplete("\(address): the server answered \(response.status.code) \(response.status.reasonPhrase)")
        }
    }

    /// Network errors in words a station's staff can act on.
    static func explain(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connect") || text.contains("Connection refused") || text.contains("connectTimeout") {
            return "cannot reach the server (\(text)); check the address and the connection"
        }
        if text.contains("remoteConnectionClosed") || text.contains("readTimeout") || text.contains("EOF") {
            return "the connection broke off (\(text))"
        }
        return text
    }
}
