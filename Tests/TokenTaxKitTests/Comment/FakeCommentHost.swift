import Foundation
import JSON

@testable import TokenTaxKit

/// The comment endpoints of GitHub (issue comments) and GitLab (MR notes), in memory, behind a
/// `LocalHTTPServer`: lists paginate with `Link` headers, writes change the stored comments.
final class FakeCommentHost: @unchecked Sendable {
  private let lock = NSLock()
  private var comments: [(id: Int, body: String)] = []
  private var nextID = 100
  private let pageSize: Int
  /// Answers a request before the fake API does (errors, rate limits); nil lets it through.
  private let intercept: @Sendable (LocalHTTPServer.Request) -> HTTPResponse?
  private(set) var server: LocalHTTPServer?

  init(
    pageSize: Int = 100, comments existing: [String] = [],
    intercept: @escaping @Sendable (LocalHTTPServer.Request) -> HTTPResponse? = { _ in nil }
  ) throws {
    self.pageSize = pageSize
    self.intercept = intercept
    for body in existing {
      comments.append((id: nextID, body: body))
      nextID += 1
    }
    server = try LocalHTTPServer { [unowned self] request in self.handle(request) }
  }

  var baseURL: String { server?.baseURL ?? "" }
  var requests: [LocalHTTPServer.Request] { server?.requests ?? [] }

  var bodies: [String] {
    lock.lock()
    defer { lock.unlock() }
    return comments.map(\.body)
  }

  func stop() { server?.stop() }

  private func handle(_ request: LocalHTTPServer.Request) -> HTTPResponse {
    if let answer = intercept(request) { return answer }
    lock.lock()
    defer { lock.unlock() }
    let pathAndQuery = request.target.split(separator: "?", maxSplits: 1)
    let path = String(pathAndQuery[0])
    let query = pathAndQuery.count > 1 ? String(pathAndQuery[1]) : ""
    let last = path.split(separator: "/").last.map(String.init) ?? ""
    let body = (try? JSONParser().parse(request.body))?["body"]?.stringValue
    switch (request.method, Int(last)) {
    case ("GET", nil):
      let page =
        query.split(separator: "&").compactMap { $0.hasPrefix("page=") ? Int($0.dropFirst(5)) : nil }.first ?? 1
      let slice = comments.dropFirst((page - 1) * pageSize).prefix(pageSize)
      var headers = ["Content-Type": "application/json"]
      if page * pageSize < comments.count {
        let next = "\(baseURL)\(path)?per_page=100&page=\(page + 1)"
        headers["Link"] = "<\(next)>; rel=\"next\", <\(baseURL)\(path)?page=1>; rel=\"first\""
      }
      return json(.array(slice.map(Self.comment)), headers: headers)
    case ("POST", nil):
      guard let body else { return HTTPResponse(status: 400) }
      comments.append((id: nextID, body: body))
      nextID += 1
      return json(Self.comment(comments[comments.count - 1]), status: 201)
    case ("PATCH", let id?), ("PUT", let id?):
      guard let body, let index = comments.firstIndex(where: { $0.id == id }) else { return HTTPResponse(status: 404) }
      comments[index].body = body
      return json(Self.comment(comments[index]))
    case ("DELETE", let id?):
      guard let index = comments.firstIndex(where: { $0.id == id }) else { return HTTPResponse(status: 404) }
      comments.remove(at: index)
      return HTTPResponse(status: 204)
    default:
      return HTTPResponse(status: 405)
    }
  }

  private static func comment(_ comment: (id: Int, body: String)) -> JSONValue {
    .object(["id": .int(comment.id), "body": .string(comment.body), "user": .object(["login": .string("bot")])])
  }

  private func json(_ value: JSONValue, status: Int = 200, headers: [String: String] = [:]) -> HTTPResponse {
    HTTPResponse(status: status, headers: headers, body: Data(JSONWriter.string(value).utf8))
  }
}
