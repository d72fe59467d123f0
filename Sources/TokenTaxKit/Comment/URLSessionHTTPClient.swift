import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `HTTPClient` over Foundation's `URLSession`, waiting for each response.
public struct URLSessionHTTPClient: HTTPClient {
  public var timeout: TimeInterval

  public init(timeout: TimeInterval = 30) { self.timeout = timeout }

  public func send(_ request: HTTPRequest) throws -> HTTPResponse {
    var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
    urlRequest.httpMethod = request.method
    for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
    urlRequest.httpBody = request.body
    let session = URLSession(configuration: .ephemeral)
    defer { session.finishTasksAndInvalidate() }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    session.dataTask(with: urlRequest) { data, response, error in
      if let response = response as? HTTPURLResponse {
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
          headers[String(describing: name)] = String(describing: value)
        }
        outcome.set(.success(HTTPResponse(status: response.statusCode, headers: headers, body: data ?? Data())))
      } else {
        let reason = error?.localizedDescription ?? "no HTTP response"
        outcome.set(.failure(HTTPTransportError(reason: reason)))
      }
      done.signal()
    }.resume()
    done.wait()
    return try outcome.get()
  }
}

/// The completion handler's result, handed across threads.
private final class Outcome: @unchecked Sendable {
  private let lock = NSLock()
  private var result: Result<HTTPResponse, HTTPTransportError> = .failure(HTTPTransportError(reason: "no response"))

  func set(_ value: Result<HTTPResponse, HTTPTransportError>) {
    lock.lock()
    result = value
    lock.unlock()
  }

  func get() throws -> HTTPResponse {
    lock.lock()
    defer { lock.unlock() }
    return try result.get()
  }
}
