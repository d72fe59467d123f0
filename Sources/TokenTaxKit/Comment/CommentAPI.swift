import Foundation
import JSON

/// Authenticated JSON calls to a code host's REST API: HTTP failures become sentences, a rate
/// limit is waited out once (bounded), and list calls follow `Link: rel="next"` pages.
///
/// The token goes into a header and nowhere else; any text from the server is scrubbed of it
/// before it reaches a message.
struct CommentAPI {
  let host: CodeHost
  let base: URL
  let token: String
  let client: any HTTPClient
  /// The longest rate-limit wait worth sitting through before failing.
  var maximumWait: TimeInterval = 60
  /// The most one exchange may take.
  var requestTimeout: TimeInterval = 30
  /// The most all exchanges together (and the rate-limit waits between them) may take.
  var timeout: TimeInterval = 120
  var sleep: @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
  var now: @Sendable () -> Date = { Date() }
  /// When `timeout` started counting: the API is made right before its first call.
  var started = Date()
  /// Bounds a list call (100 per page): 5,000 comments.
  var maximumPages = 50
  /// Same-origin redirects followed for one call (a renamed repository answers 301).
  static let maximumRedirects = 5

  /// `base` joined with already-encoded path segments and a query.
  func url(_ path: [String], query: String? = nil) throws -> URL {
    var text = base.absoluteString
    while text.hasSuffix("/") { text.removeLast() }
    text += "/" + path.joined(separator: "/")
    if let query { text += "?" + query }
    guard let url = URL(string: text) else { throw CommentError("could not build an API address from '\(base)'") }
    return url
  }

  @discardableResult
  func send(_ method: String, _ url: URL, json: JSONValue? = nil, action: String) throws -> HTTPResponse {
    var request = HTTPRequest(method: method, url: url, headers: headers)
    if let json {
      request.body = Data(JSONWriter.string(json, pretty: false).utf8)
      request.headers["Content-Type"] = "application/json"
    }
    var response = try exchange(request, action: action)
    if let wait = RetryWait.of(response, now: now()) {
      guard case .seconds(let seconds) = wait, seconds <= maximumWait, seconds < remaining else {
        throw rateLimited(wait, action: action)
      }
      sleep(seconds)
      response = try exchange(request, action: action)
      if let again = RetryWait.of(response, now: now()) { throw rateLimited(again, action: action) }
    }
    guard (200..<300).contains(response.status) else { throw failure(response, action: action) }
    return response
  }

  /// Every item of a paginated JSON array.
  func list(_ first: URL, action: String) throws -> [JSONValue] {
    var items: [JSONValue] = []
    var next: URL? = first
    var visited: Set<URL> = []
    while let url = next {
      // A listing cut short could miss tokentax's own comment, and the upsert would then post
      // a duplicate: an endless or looping listing is an error, never a partial answer.
      let problem =
        visited.contains(url)
        ? "sent a next-page link back to a page already read"
        : visited.count == maximumPages ? "kept sending next-page links after \(maximumPages) pages" : nil
      if let problem {
        throw CommentError(
          "\(host.name) \(problem) trying to \(action); not posting, so as not to add a duplicate comment: "
            + "check \(baseVariable)")
      }
      visited.insert(url)
      let response = try send("GET", url, action: action)
      guard case .array(let page)? = try? JSONParser().parse(response.body) else {
        throw CommentError(
          "\(host.name) answered \(action) with something other than a JSON list; check \(baseVariable)")
      }
      items += page
      next = try LinkHeader.next(response.header("Link"), relativeTo: url).map { link in
        // The token must never travel to another host, whatever a header says.
        guard isSameOrigin(link) else {
          throw CommentError(
            "\(host.name) sent a next-page link to another host (\(origin(of: link))); not following it")
        }
        return link
      }
    }
    return items
  }

  // MARK: - Private

  private var headers: [String: String] {
    var headers = ["User-Agent": "tokentax/\(TokenTax.version)", "Accept": "application/json"]
    switch host {
    case .github:
      headers["Authorization"] = "Bearer \(token)"
      headers["Accept"] = "application/vnd.github+json"
      headers["X-GitHub-Api-Version"] = "2022-11-28"
    case .gitlab:
      headers["PRIVATE-TOKEN"] = token
    }
    return headers
  }

  private var baseVariable: String { host == .github ? "GITHUB_API_URL" : "CI_API_V4_URL" }

  /// Seconds left before the overall timeout.
  private var remaining: TimeInterval { timeout - now().timeIntervalSince(started) }

  /// One call, following same-origin redirects itself: a transport that followed them would
  /// resend the token to any origin a `Location` names.
  private func exchange(_ request: HTTPRequest, action: String) throws -> HTTPResponse {
    var request = request
    for _ in 0...Self.maximumRedirects {
      let response = try transport(request, action: action)
      guard [301, 302, 303, 307, 308].contains(response.status) else { return response }
      guard let location = response.header("Location"),
        let target = URL(string: location, relativeTo: request.url)?.absoluteURL
      else {
        throw CommentError(
          "\(host.name) redirected the request to \(action) without a usable Location; check \(baseVariable)")
      }
      guard isSameOrigin(target) else {
        throw CommentError(
          "\(host.name) redirected the request to \(action) to another host (\(origin(of: target))); not sending the "
            + "token there: set \(baseVariable) to the API's own address")
      }
      if response.status == 303 || (request.method == "POST" && [301, 302].contains(response.status)) {
        request.method = "GET"
        request.body = nil
        request.headers["Content-Type"] = nil
      }
      request.url = target
    }
    throw CommentError(
      "\(host.name) redirected the request to \(action) more than \(Self.maximumRedirects) times; check \(baseVariable)"
    )
  }

  private func transport(_ request: HTTPRequest, action: String) throws -> HTTPResponse {
    let left = remaining
    guard left > 0 else { throw timedOut(after: timeout, action: action) }
    var request = request
    request.timeout = min(requestTimeout, left)
    do {
      return try client.send(request)
    } catch let error as HTTPTransportError {
      if error.timedOut {
        throw timedOut(after: request.timeout < requestTimeout ? timeout : requestTimeout, action: action)
      }
      if error.cannotStart { throw CommentError("tokentax comment cannot \(action): \(error.reason)") }
      throw CommentError(
        "could not reach \(host.name) at \(base.host ?? base.absoluteString) to \(action): "
          + "\(scrub(error.reason)); check \(baseVariable) and the network")
    }
  }

  private func timedOut(after seconds: TimeInterval, action: String) -> CommentError {
    CommentError(
      "\(host.name) at \(base.host ?? base.absoluteString) did not answer the request to \(action): timed out after "
        + "\(Self.wholeSeconds(seconds)) s; rerun the job, or raise --timeout")
  }

  /// Whole seconds for a message, never "0".
  static func wholeSeconds(_ interval: TimeInterval) -> Int { Int(min(max(interval, 1), 1e9).rounded(.up)) }

  /// Scheme, host and port, with the scheme's default port made explicit, as browsers compare.
  private func isSameOrigin(_ url: URL) -> Bool {
    func key(_ url: URL) -> String { origin(of: url).lowercased() }
    return key(url) == key(base)
  }

  private func origin(of url: URL) -> String {
    let scheme = url.scheme?.lowercased() ?? ""
    let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
    return "\(scheme)://\(String((url.host ?? "?").prefix(100))):\(port)"
  }

  private func rateLimited(_ wait: RetryWait, action: String) -> CommentError {
    switch wait {
    case .seconds(let seconds):
      let shown = seconds > 86_400 ? "more than a day" : "\(Int(seconds.rounded(.up))) s"
      return CommentError(
        "\(host.name) rate-limited the request to \(action) (retry after \(shown)); rerun the job later")
    case .unusable(let header, let value):
      return CommentError(
        "\(host.name) rate-limited the request to \(action) with \(header) '\(SafeText.quoted(value, limit: 40))', which is not "
          + "a number of seconds; rerun the job later")
    }
  }

  private func failure(_ response: HTTPResponse, action: String) -> CommentError {
    let detail = serverMessage(response).map { ": \($0)" } ?? ""
    let status = "HTTP \(response.status)\(detail)"
    switch response.status {
    case 401:
      return CommentError(
        "\(host.name) rejected the token (\(status)) trying to \(action); set \(host.tokenVariable) to a valid, unexpired token"
      )
    case 403 where host == .github:
      return CommentError(
        "GitHub refused to \(action) (\(status)); the token needs 'pull-requests: write' (add 'permissions: "
          + "pull-requests: write' to the job), and on pull requests from forks GITHUB_TOKEN is read-only: post the "
          + "comment from a workflow_run workflow (see docs/ci.md) or set 'comment: false'")
    case 403:
      return CommentError(
        "GitLab refused to \(action) (\(status)); GITLAB_TOKEN needs the 'api' scope and at least the Reporter role "
          + "on the project")
    case 404:
      return CommentError(
        "\(host.name) found nothing to \(action) (\(status)); check the repository and \(host.requestNoun) number "
          + "(--repo, --pr) and that the token can see the repository")
    case 422:
      return CommentError(
        "\(host.name) rejected the request to \(action) (\(status)); the comment body was not accepted")
    default:
      return CommentError(
        "\(host.name) answered \(status) to the request to \(action); rerun, or check \(baseVariable)")
    }
  }

  /// The API's own explanation (`message`, or GitLab's `error`), shortened and scrubbed.
  private func serverMessage(_ response: HTTPResponse) -> String? {
    guard let json = try? JSONParser().parse(response.body) else { return nil }
    let text: String?
    switch json["message"] ?? json["error"] {
    case .string(let message)?: text = message
    case let value?: text = JSONWriter.string(value, pretty: false)
    case nil: text = nil
    }
    guard let text else { return nil }
    let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    return scrub(line.count > 200 ? String(line.prefix(200)) + "…" : line)
  }

  private func scrub(_ text: String) -> String {
    token.isEmpty ? text : text.replacingOccurrences(of: token, with: "***")
  }
}
