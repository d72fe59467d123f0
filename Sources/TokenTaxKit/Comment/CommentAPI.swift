import Foundation

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
  var sleep: @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
  var now: @Sendable () -> Date = { Date() }
  /// Bounds a list call (100 per page): 5,000 comments.
  static let maximumPages = 50

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
    var response = try transport(request, action: action)
    if let wait = rateLimitWait(response) {
      guard wait <= maximumWait else { throw rateLimited(wait, action: action) }
      sleep(wait)
      response = try transport(request, action: action)
      if let again = rateLimitWait(response) { throw rateLimited(again, action: action) }
    }
    guard (200..<300).contains(response.status) else { throw failure(response, action: action) }
    return response
  }

  /// Every item of a paginated JSON array.
  func list(_ first: URL, action: String) throws -> [JSONValue] {
    var items: [JSONValue] = []
    var next: URL? = first
    var pages = 0
    while let url = next, pages < Self.maximumPages {
      let response = try send("GET", url, action: action)
      guard case .array(let page)? = try? JSONParser().parse(response.body) else {
        throw CommentError("\(host.name) answered \(action) with something other than a JSON list; check \(baseVariable)")
      }
      items += page
      pages += 1
      next = try LinkHeader.next(response.header("Link")).map { link in
        // The token must never travel to another host, whatever a header says.
        guard link.scheme == base.scheme, link.host == base.host, link.port == base.port else {
          throw CommentError("\(host.name) sent a next-page link to another host (\(link.host ?? "?")); not following it")
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

  private func transport(_ request: HTTPRequest, action: String) throws -> HTTPResponse {
    do {
      return try client.send(request)
    } catch let error as HTTPTransportError {
      throw CommentError(
        "could not reach \(host.name) at \(base.host ?? base.absoluteString) to \(action): "
          + "\(scrub(error.reason)); check \(baseVariable) and the network")
    }
  }

  /// Seconds to wait when the response is a rate limit (429, or 403 with an exhausted quota).
  private func rateLimitWait(_ response: HTTPResponse) -> TimeInterval? {
    let exhausted = response.header("x-ratelimit-remaining") == "0"
    let retryAfter = response.header("retry-after").flatMap { TimeInterval($0.trimmingCharacters(in: .whitespaces)) }
    guard response.status == 429 || (response.status == 403 && (exhausted || retryAfter != nil)) else { return nil }
    if let retryAfter { return max(0, retryAfter) }
    if let reset = response.header("x-ratelimit-reset").flatMap(TimeInterval.init) {
      return max(0, reset - now().timeIntervalSince1970)
    }
    return 60
  }

  private func rateLimited(_ wait: TimeInterval, action: String) -> CommentError {
    CommentError(
      "\(host.name) rate-limited the request to \(action) (retry after \(Int(wait.rounded(.up))) s); "
        + "rerun the job later")
  }

  private func failure(_ response: HTTPResponse, action: String) -> CommentError {
    let detail = serverMessage(response).map { ": \($0)" } ?? ""
    let status = "HTTP \(response.status)\(detail)"
    switch response.status {
    case 401:
      return CommentError(
        "\(host.name) rejected the token (\(status)) trying to \(action); set \(host.tokenVariable) to a valid, unexpired token")
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
      return CommentError("\(host.name) rejected the request to \(action) (\(status)); the comment body was not accepted")
    default:
      return CommentError("\(host.name) answered \(status) to the request to \(action); rerun, or check \(baseVariable)")
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
