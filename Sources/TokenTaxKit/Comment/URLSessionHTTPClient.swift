// Linux has `CurlHTTPClient` instead: URLSession there spins while it waits, and leaving it out
// keeps FoundationNetworking (and libcurl at link time) out of the binary.
#if !os(Linux)
  import Foundation

  /// `HTTPClient` over Foundation's `URLSession`, waiting for each response (macOS).
  ///
  /// Redirects are never followed here: the caller sees the 3xx and decides, because URLSession
  /// would resend the credential headers to whatever origin `Location` names. Each exchange ends
  /// by its `HTTPRequest.timeout`, however slowly the server trickles bytes, and the wait blocks
  /// on a semaphore rather than polling.
  public struct URLSessionHTTPClient: HTTPClient {
    /// The most a response body may hold; an API listing page is a few hundred kilobytes.
    public var maximumBodyBytes: Int

    public init(maximumBodyBytes: Int = 32 << 20) { self.maximumBodyBytes = maximumBodyBytes }

    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
      let timeout = max(0.001, request.timeout)
      var urlRequest = URLRequest(
        url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
      urlRequest.httpMethod = request.method
      for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
      urlRequest.httpBody = request.body
      let configuration = URLSessionConfiguration.ephemeral
      configuration.timeoutIntervalForRequest = timeout
      configuration.timeoutIntervalForResource = timeout
      let exchange = Exchange(maximumBodyBytes: maximumBodyBytes)
      let session = URLSession(configuration: configuration, delegate: exchange, delegateQueue: nil)
      defer { session.invalidateAndCancel() }
      let task = session.dataTask(with: urlRequest)
      task.resume()
      guard exchange.done.wait(timeout: .now() + timeout) == .success else {
        task.cancel()
        throw HTTPTransportError(reason: "timed out", timedOut: true)
      }
      return try exchange.result()
    }
  }

  /// One exchange's delegate: collects the response and body, refuses redirects, and signals
  /// `done` once, from URLSession's queue.
  private final class Exchange: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    private let maximumBodyBytes: Int
    private let lock = NSLock()
    private var response: HTTPURLResponse?
    private var body = Data()
    private var failure: HTTPTransportError?

    init(maximumBodyBytes: Int) { self.maximumBodyBytes = maximumBodyBytes }

    func result() throws -> HTTPResponse {
      lock.lock()
      defer { lock.unlock() }
      if let failure { throw failure }
      guard let response else { throw HTTPTransportError(reason: "no HTTP response") }
      var headers: [String: String] = [:]
      for (name, value) in response.allHeaderFields { headers[String(describing: name)] = String(describing: value) }
      return HTTPResponse(status: response.statusCode, headers: headers, body: body)
    }

    func urlSession(
      _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
      newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
      completionHandler(nil)
    }

    func urlSession(
      _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
      completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
      lock.lock()
      self.response = response as? HTTPURLResponse
      lock.unlock()
      completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
      lock.lock()
      body.append(data)
      let tooLarge = body.count > maximumBodyBytes
      if tooLarge, failure == nil {
        failure = HTTPTransportError(reason: "the response was larger than \(maximumBodyBytes >> 20) MB")
      }
      lock.unlock()
      if tooLarge { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
      lock.lock()
      if let error, failure == nil {
        let timedOut = (error as? URLError)?.code == .timedOut
        failure =
          timedOut
          ? HTTPTransportError(reason: "timed out", timedOut: true)
          : HTTPTransportError(reason: error.localizedDescription)
      }
      // A refused redirect completes with its 3xx response and no error.
      if error == nil, response == nil, let http = task.response as? HTTPURLResponse { response = http }
      lock.unlock()
      done.signal()
    }
  }
#endif
