import Foundation

/// One HTTP exchange, synchronous: commands are synchronous and make a handful of calls.
///
/// Behind a protocol so tests can swap the transport; the comment tests still go through the
/// real transport (`CurlHTTPClient` on Linux, `URLSessionHTTPClient` on macOS) against a local server.
public protocol HTTPClient: Sendable {
  /// Throws `HTTPTransportError` when no response arrived; any status is a response.
  func send(_ request: HTTPRequest) throws -> HTTPResponse
}

public struct HTTPRequest: Sendable, Equatable {
  public var method: String
  public var url: URL
  public var headers: [String: String]
  public var body: Data?
  /// Seconds the whole exchange may take, from connecting to the last byte of the body.
  public var timeout: TimeInterval

  public init(method: String, url: URL, headers: [String: String] = [:], body: Data? = nil, timeout: TimeInterval = 30)
  {
    self.method = method
    self.url = url
    self.headers = headers
    self.body = body
    self.timeout = timeout
  }
}

public struct HTTPResponse: Sendable, Equatable {
  public var status: Int
  /// Header names lowercased.
  public var headers: [String: String]
  public var body: Data

  public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
    self.status = status
    self.headers = Dictionary(headers.map { ($0.lowercased(), $1) }, uniquingKeysWith: { _, last in last })
    self.body = body
  }

  public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// No response: DNS, refused connection, TLS, timeout.
public struct HTTPTransportError: Error, Equatable {
  public var reason: String
  /// The exchange ran out of its `HTTPRequest.timeout`.
  public var timedOut: Bool
  /// The transport itself is missing (no libcurl): nothing was sent, and the network is not to blame.
  public var cannotStart: Bool
  public init(reason: String, timedOut: Bool = false, cannotStart: Bool = false) {
    self.reason = reason
    self.timedOut = timedOut
    self.cannotStart = cannotStart
  }
}
