import Foundation

@testable import TokenTaxKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 (ephemeral port) that records every request and answers
/// from a handler, one connection at a time, `Connection: close`. It stops on `stop()` or by
/// itself after `lifetime` seconds, so a failing test cannot leave it running.
final class LocalHTTPServer: @unchecked Sendable {
  struct Request: Sendable {
    var method: String
    /// Path and query, e.g. `/repos/o/r/issues/7/comments?per_page=100`.
    var target: String
    /// Header names lowercased.
    var headers: [String: String]
    var body: String
  }

  let port: UInt16
  var baseURL: String { "http://127.0.0.1:\(port)" }

  private let listener: Int32
  private let handler: @Sendable (Request) -> HTTPResponse
  private let lock = NSLock()
  private var recorded: [Request] = []
  private var stopping = false
  private let finished = DispatchSemaphore(value: 0)

  /// Seconds between the bytes of a response; 0 sends each response at once.
  private let trickle: TimeInterval

  init(lifetime: TimeInterval = 60, trickle: TimeInterval = 0, handler: @escaping @Sendable (Request) -> HTTPResponse)
    throws
  {
    self.handler = handler
    self.trickle = trickle
    #if canImport(Glibc)
      let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let listener = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard listener >= 0 else { throw ServerError(reason: "socket() failed") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
    }
    guard bound == 0, listen(listener, 16) == 0 else {
      close(listener)
      throw ServerError(reason: "bind/listen on 127.0.0.1 failed")
    }
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
    }
    self.listener = listener
    port = UInt16(bigEndian: address.sin_port)
    let deadline = Date().addingTimeInterval(lifetime)
    Thread { [self] in
      serve(until: deadline)
      finished.signal()
    }.start()
  }

  /// Every request so far, in arrival order.
  var requests: [Request] {
    lock.lock()
    defer { lock.unlock() }
    return recorded
  }

  func stop() {
    lock.lock()
    stopping = true
    lock.unlock()
    finished.wait()
    close(listener)
  }

  // MARK: - Private

  private var isStopping: Bool {
    lock.lock()
    defer { lock.unlock() }
    return stopping
  }

  private func serve(until deadline: Date) {
    while !isStopping, Date() < deadline {
      var waiting = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
      guard poll(&waiting, 1, 50) > 0 else { continue }
      let connection = accept(listener, nil, nil)
      guard connection >= 0 else { continue }
      var timeout = timeval(tv_sec: 5, tv_usec: 0)
      setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
      if let request = read(connection) {
        lock.lock()
        recorded.append(request)
        lock.unlock()
        write(handler(request), to: connection)
      }
      close(connection)
    }
  }

  private func read(_ connection: Int32) -> Request? {
    var data = [UInt8]()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    let separator: [UInt8] = Array("\r\n\r\n".utf8)
    var headerEnd: Int?
    var expected = Int.max
    while data.count < expected {
      let count = recv(connection, &buffer, buffer.count, 0)
      guard count > 0 else { return nil }
      data += buffer[0..<count]
      if headerEnd == nil, let range = find(separator, in: data) {
        headerEnd = range
        let head = String(decoding: data[0..<range], as: UTF8.self)
        let length =
          head.split(separator: "\r\n").compactMap { line -> Int? in
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == "content-length" else { return nil }
            return Int(pair[1].trimmingCharacters(in: .whitespaces))
          }.first ?? 0
        expected = range + separator.count + length
      }
    }
    guard let headerEnd else { return nil }
    let lines = String(decoding: data[0..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n")
    let requestLine = lines[0].split(separator: " ")
    guard requestLine.count >= 2 else { return nil }
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      let pair = line.split(separator: ":", maxSplits: 1)
      if pair.count == 2 { headers[pair[0].lowercased()] = pair[1].trimmingCharacters(in: .whitespaces) }
    }
    let body = String(decoding: data[(headerEnd + separator.count)...], as: UTF8.self)
    return Request(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body)
  }

  private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    return (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
  }

  private func write(_ response: HTTPResponse, to connection: Int32) {
    var head = "HTTP/1.1 \(response.status) \(response.status < 400 ? "OK" : "Error")\r\n"
    head += "Content-Length: \(response.body.count)\r\nConnection: close\r\n"
    for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
    let bytes = Array((head + "\r\n").utf8) + Array(response.body)
    var offset = 0
    while offset < bytes.count, !isStopping {
      let chunk = trickle > 0 ? bytes[offset..<(offset + 1)] : bytes[offset...]
      // The client may have given up and closed: that must not raise SIGPIPE in the tests.
      let sent = chunk.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Self.noSignal) }
      guard sent > 0 else { return }
      offset += sent
      if trickle > 0 { Thread.sleep(forTimeInterval: trickle) }
    }
  }

  #if canImport(Glibc)
    private static let noSignal = Int32(MSG_NOSIGNAL)
  #else
    private static let noSignal: Int32 = 0
  #endif

  struct ServerError: Error { var reason: String }
}
