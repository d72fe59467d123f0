import Foundation
import Testing

@testable import TokenTaxKit

@Suite struct LinkHeaderTests {
  @Test func findsTheNextPage() {
    let header =
      #"<https://api.github.com/repositories/1/issues/7/comments?page=2>; rel="next", <https://api.github.com/repositories/1/issues/7/comments?page=5>; rel="last""#
    #expect(LinkHeader.next(header)?.absoluteString == "https://api.github.com/repositories/1/issues/7/comments?page=2")
    #expect(LinkHeader.next(#"<https://x/1>; rel="prev", <https://x/9>; rel="last""#) == nil)
    #expect(LinkHeader.next(nil) == nil)
  }

  @Test func neverFollowsALinkToAnotherHost() throws {
    let stub = StubClient(
      response: HTTPResponse(
        status: 200, headers: ["Link": #"<https://evil.example/steal>; rel="next""#], body: Data("[]".utf8)))
    let api = CommentAPI(
      host: .github, base: try #require(URL(string: "https://api.github.com")), token: "t", client: stub)
    #expect(
      throws: CommentError("GitHub sent a next-page link to another host (https://evil.example:443); not following it")
    ) {
      try api.list(try #require(URL(string: "https://api.github.com/x")), action: "list")
    }
  }

  @Test func waitsTheRetryAfterItWasTold() throws {
    let stub = StubClient(response: HTTPResponse(status: 429, headers: ["Retry-After": "7"]))
    let slept = Counter()
    var api = CommentAPI(
      host: .gitlab, base: try #require(URL(string: "https://gitlab.example/api/v4")), token: "t", client: stub)
    api.sleep = { seconds in if seconds == 7 { _ = slept.next() } }
    #expect(throws: CommentError.self) {
      try api.send("GET", try #require(URL(string: "https://gitlab.example/api/v4/x")), action: "list")
    }
    #expect(slept.next() == 1)
    #expect(stub.count == 2)
  }
}

/// Answers every request the same way, counting them.
final class StubClient: HTTPClient, @unchecked Sendable {
  let response: HTTPResponse
  private let lock = NSLock()
  private var calls = 0
  init(response: HTTPResponse) { self.response = response }
  var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return calls
  }
  func send(_ request: HTTPRequest) throws -> HTTPResponse {
    lock.lock()
    calls += 1
    lock.unlock()
    return response
  }
}
