import Foundation
import Logging
import Packaging
import Programme
import Serving
import Signing
#if canImport(Glibc)
import Glibc
#endif

/// A signed tiny-province day and the key it was signed with, built once per test process
/// (read-only users) or fresh (tests that change the server's files).
enum SignedDay {
    static let key = DepartmentSecretKey.generate()

    /// A new tiny province with edition `edition` built and signed with `key`.
    static func build(_ edition: String = "a", key: DepartmentSecretKey = SignedDay.key) async throws -> TinyProvince {
        let province = try TinyProvince.make()
        var options = province.options(edition)
        options.signing = .key(key)
        let report = await DayBuild(options: options).run()
        guard report.outputFolder != nil else { throw BuildFailed(report: "\(report.diagnostics)") }
        return province
    }

    struct BuildFailed: Error { var report: String }

    /// The department's public key written to a file, as a station holds it.
    static func publicKeyFile(_ key: DepartmentSecretKey = SignedDay.key) throws -> URL {
        let url = try SampleBuild.scratch().appendingPathComponent("department.pub")
        try key.publicKey.minisignText.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

/// `loa serve` running in this process on a free loopback port.
final class RunningServer: @unchecked Sendable {
    let port: Int
    let task: Task<Void, any Error>

    var base: URL { URL(string: "http://127.0.0.1:\(port)/")! }

    private init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    static func start(output: URL, idleTimeout: Duration = .seconds(60)) async throws -> RunningServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "loa.serve.test")
        logger.logLevel = .error
        let server = StationServer(output: output, host: "127.0.0.1", port: 0, logger: logger, idleTimeout: idleTimeout)
        let task = Task { try await server.run(handlesSignals: false) { continuation.yield($0) } }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw URLError(.cannotConnectToHost) }
        return RunningServer(port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

/// HTTP spoken by hand over a socket: for request lines no HTTP client would send.
enum RawHTTP {
    /// Sends `request` and returns everything the server answers until it closes or
    /// `timeout` passes.
    static func exchange(port: Int, _ request: [UInt8], timeout: Double = 5) -> [UInt8] {
        exchange(port: port, pieces: [request], timeout: timeout)
    }

    /// Sends `pieces` one after another, `pause` seconds apart (a request that arrives in
    /// parts), and returns everything the server answers until it closes or `timeout` passes.
    static func exchange(port: Int, pieces: [[UInt8]], pause: Double = 0, timeout: Double = 5) -> [UInt8] {
        let fd = connectLoopback(port: port)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        for (number, piece) in pieces.enumerated() {
            if number > 0, pause > 0 { usleep(UInt32(pause * 1e6)) }
            _ = piece.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let got = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if got <= 0 { break }
            answer += buffer[0..<got]
        }
        return answer
    }

    /// The status code of the answer to `GET <target>`, or nil when the server closed without one.
    static func status(port: Int, target: String) -> Int? {
        let answer = exchange(port: port, Array("GET \(target) HTTP/1.1\r\nHost: loa\r\nConnection: close\r\n\r\n".utf8))
        return statusCode(answer)
    }

    static func statusCode(_ answer: [UInt8]) -> Int? {
        let head = String(decoding: answer.prefix(64), as: UTF8.self)
        let parts = head.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1.") else { return nil }
        return Int(parts[1])
    }

    /// Ends connections as a client that goes away does (it stops sending), then waits up
    /// to `timeout` for the server to close each one before closing it here. A test that
    /// just closes hundreds of sockets and stops the server at once races the server's own
    /// closing of them; swift-nio traps ("Deinited NIOAsyncWriter without calling finish()")
    /// when a server is cancelled with connections still being taken or closed.
    static func hangUpAndWaitForServer(_ fds: [Int32], timeout: Double = 10) {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        for fd in fds where fd >= 0 {
            shutdown(fd, Int32(SHUT_WR))
            while Date() < deadline {
                var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&ready, 1, 100) >= 0 else { break }
                if ready.revents == 0 { continue }
                // End of stream (or an error): the server has closed its side.
                if buffer.withUnsafeMutableBytes({ recv(fd, $0.baseAddress, $0.count, 0) }) <= 0 { break }
            }
            close(fd)
        }
    }

    static func connectLoopback(port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return -1 }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return -1
        }
        return fd
    }
}

/// A misbehaving web server on loopback: answers each request with whatever `answer` returns
/// for its request line, then closes (a server that is down, broken or cut off).
final class MisbehavingServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let thread: Thread

    init(answer: @escaping @Sendable (String) -> [UInt8]) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        listen(fd, 16)
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: bound.sin_port))
        listener = fd
        thread = Thread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                var request: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 8192)
                while !request.ends(with: Array("\r\n\r\n".utf8)) {
                    let got = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                    if got <= 0 { break }
                    request += buffer[0..<got]
                }
                let line = String(decoding: request, as: UTF8.self).split(separator: "\r\n").first.map(String.init) ?? ""
                let bytes = answer(line)
                _ = bytes.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                shutdown(client, Int32(SHUT_RDWR))
                close(client)
            }
        }
        thread.start()
    }

    var base: URL { URL(string: "http://127.0.0.1:\(port)/")! }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// An HTTP/1.1 answer with `body` (and, when given, a Content-Length that may lie).
    static func response(_ status: String, type: String = "application/json", body: [UInt8], length: Int? = nil) -> [UInt8] {
        Array("HTTP/1.1 \(status)\r\nContent-Type: \(type)\r\nContent-Length: \(length ?? body.count)\r\nConnection: close\r\n\r\n".utf8) + body
    }
}

extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix }
}

/// Runs a tool (minisign, sha256sum, nginx, chromium) and returns its status and output.
func runTool(_ path: String, _ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// The first of `names` found as an executable in the usual folders.
func findTool(_ names: String...) -> String? {
    for name in names {
        for folder in ["/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin", "/sbin"] {
            let path = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
    }
    return nil
}
