#if os(Linux)
  import Foundation

  #if canImport(Glibc)
    import Glibc
  #elseif canImport(Musl)
    import Musl
  #endif

  /// `HTTPClient` over libcurl's easy interface, the Linux transport.
  ///
  /// Foundation's URLSession on Linux drives libcurl from libdispatch sources that spin while a
  /// response is awaited: a server that answers slowly or never kept a core busy for the whole
  /// wait (29 s of CPU in a 30 s timeout). `curl_easy_perform` waits in `poll`. libcurl is the
  /// one URLSession already loads, opened with `dlopen` on the first request, so every other
  /// command runs without it (docs/install.md). Redirects are never followed here (the caller
  /// decides, see `CommentAPI`), and each exchange ends by its `HTTPRequest.timeout`, however
  /// slowly the server trickles bytes.
  public struct CurlHTTPClient: HTTPClient {
    /// The most a response body may hold; an API listing page is a few hundred kilobytes.
    public var maximumBodyBytes: Int
    /// A PEM file of the certificate authorities to trust instead of the system's.
    public var certificateAuthorities: String?

    public init(maximumBodyBytes: Int = 32 << 20, certificateAuthorities: String? = nil) {
      self.maximumBodyBytes = maximumBodyBytes
      self.certificateAuthorities = certificateAuthorities.flatMap { $0.isEmpty ? nil : $0 }
    }

    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
      let curl = try Libcurl.shared()
      guard let handle = curl.easyInit() else { throw HTTPTransportError(reason: "libcurl could not start a request") }
      defer { curl.easyCleanup(handle) }
      var headers: OpaquePointer?
      defer { curl.slistFreeAll(headers) }
      // An empty `Expect:` keeps curl from waiting for `100 Continue` before a body.
      for line in request.headers.sorted(by: { $0.key < $1.key }).map({ "\($0.key): \($0.value)" }) + ["Expect:"] {
        headers = curl.slistAppend(headers, line)
      }
      let received = Received(maximumBodyBytes: maximumBodyBytes)
      let context = Unmanaged.passRetained(received)
      defer { context.release() }
      let timeout = max(1, Int((request.timeout * 1000).rounded(.up)))
      let body = request.body ?? Data()
      let code: Int32 = request.url.absoluteString.withCString { url -> Int32 in
        (certificateAuthorities ?? "").withCString { authorities in
          request.method.withCString { method in
            body.withUnsafeBytes { bytes in
              var failed = curl.set(handle, .url, pointer: url)
              if certificateAuthorities != nil {
                failed = failed || curl.set(handle, .certificateAuthorities, pointer: authorities)
              }
              failed = failed || curl.set(handle, .customRequest, pointer: method)
              failed = failed || curl.set(handle, .httpHeader, pointer: UnsafeRawPointer(headers))
              if request.body != nil {
                failed = failed || curl.set(handle, .postFieldSizeLarge, integer: bytes.count)
                // An empty body still needs a pointer: curl would otherwise read the body from stdin.
                failed = failed || curl.set(handle, .postFields, pointer: bytes.baseAddress ?? UnsafeRawPointer(url))
              }
              failed = failed || curl.set(handle, .followLocation, integer: 0)
              failed = failed || curl.set(handle, .noSignal, integer: 1)
              failed = failed || curl.set(handle, .timeoutMilliseconds, integer: timeout)
              failed = failed || curl.set(handle, .writeFunction, function: Received.body)
              failed = failed || curl.set(handle, .writeData, pointer: UnsafeRawPointer(context.toOpaque()))
              failed = failed || curl.set(handle, .headerFunction, function: Received.header)
              failed = failed || curl.set(handle, .headerData, pointer: UnsafeRawPointer(context.toOpaque()))
              return failed ? -1 : curl.easyPerform(handle)
            }
          }
        }
      }
      if let failure = received.failure { throw failure }
      switch code {
      case 0: break
      case -1: throw HTTPTransportError(reason: "libcurl refused an option of the request")
      case Libcurl.operationTimedOut: throw HTTPTransportError(reason: "timed out", timedOut: true)
      default: throw HTTPTransportError(reason: curl.describe(code))
      }
      return HTTPResponse(status: curl.responseCode(handle), headers: received.headers, body: received.body)
    }
  }

  /// What one exchange received, filled in by libcurl's callbacks on the calling thread.
  private final class Received {
    let maximumBodyBytes: Int
    var headers: [String: String] = [:]
    var body = Data()
    var failure: HTTPTransportError?

    init(maximumBodyBytes: Int) { self.maximumBodyBytes = maximumBodyBytes }

    typealias Callback = Libcurl.DataCallback

    /// Appends body bytes; returning less than it was given makes curl stop the transfer.
    static let body: Callback = { data, size, count, context in
      guard let data, let context else { return 0 }
      let received = Unmanaged<Received>.fromOpaque(context).takeUnretainedValue()
      let length = size * count
      guard received.body.count + length <= received.maximumBodyBytes else {
        received.failure = HTTPTransportError(
          reason: "the response was larger than \(received.maximumBodyBytes >> 20) MB")
        return 0
      }
      received.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
      return length
    }

    /// One header line; a status line starts a new response (after `100 Continue`).
    static let header: Callback = { data, size, count, context in
      guard let data, let context else { return 0 }
      let received = Unmanaged<Received>.fromOpaque(context).takeUnretainedValue()
      let length = size * count
      let line = String(
        decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self
      ).trimmingCharacters(in: .whitespacesAndNewlines)
      if line.hasPrefix("HTTP/") {
        received.headers = [:]
      } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        // A header sent twice is one list, as HTTP defines it (and URLSession joins it).
        received.headers[name] = received.headers[name].map { $0 + ", " + value } ?? value
      }
      return length
    }
  }
#endif
