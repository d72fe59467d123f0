import Foundation
import Testing

@testable import TokenTaxKit

/// `tokentax comment` against a local server that misbehaves: absurd rate-limit headers,
/// redirects to another origin, answers that never come, endless pagination, bad event files.
/// Each ends in one sentence and exit 2, and the token goes nowhere but the configured origin.
@Suite struct HostileServerTests {
  static let token = CommentCommandTests.token
  static let arguments = ["comment", "github", "--report", "report.json", "--pr", "7"]

  static func run(_ server: LocalHTTPServer, extra: [String] = [], environment: [String: String] = [:]) throws
    -> InProcessRun
  {
    let base = ["GITHUB_TOKEN": token, "GITHUB_API_URL": server.baseURL, "GITHUB_REPOSITORY": "octo-org/web"]
    return InProcessRun(
      arguments + extra, in: try CommentCommandTests.workspace(), environment: base.merging(environment) { $1 })
  }

  @Test(arguments: [
    (429, ["Retry-After": "inf"], "with Retry-After 'inf', which is not a number of seconds"),
    (429, ["Retry-After": "1e300"], "with Retry-After '1e300', which is not a number of seconds"),
    (429, ["Retry-After": "-5"], "with Retry-After '-5', which is not a number of seconds"),
    (
      403, ["X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "inf"],
      "with X-RateLimit-Reset 'inf', which is not a number of seconds"
    ),
    (
      403, ["X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1e300"],
      "with X-RateLimit-Reset '1e300', which is not a number of seconds"
    ),
    (429, ["Retry-After": "999999999999"], "(retry after more than a day)"),
  ])
  func absurdRateLimitHeadersAreOneSentence(status: Int, headers: [String: String], detail: String) throws {
    let server = try LocalHTTPServer { _ in HTTPResponse(status: status, headers: headers) }
    defer { server.stop() }
    let result = try Self.run(server)
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.hasPrefix("error: GitHub rate-limited the request to list the comments of octo-org/web#7 "))
    #expect(result.stderr.contains(detail), "\(result.stderr)")
    #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    #expect(server.requests.count == 1)
  }

  @Test(arguments: [302, 307])
  func neverFollowsARedirectToAnotherOrigin(status: Int) throws {
    let elsewhere = try LocalHTTPServer { _ in HTTPResponse(status: 200, body: Data("[]".utf8)) }
    defer { elsewhere.stop() }
    // Another port of the same address, and another name for it: both are other origins.
    for target in [elsewhere.baseURL, "http://localhost:\(elsewhere.port)"] {
      let server = try LocalHTTPServer { request in
        HTTPResponse(status: status, headers: ["Location": target + request.target])
      }
      defer { server.stop() }
      let result = try Self.run(server)
      #expect(result.code == .couldNotRun)
      #expect(
        result.stderr == "error: GitHub redirected the request to list the comments of octo-org/web#7 to another host "
          + "(\(target)); not sending the token there: set GITHUB_API_URL to the API's own address\n")
    }
    #expect(elsewhere.requests.isEmpty)
  }

  @Test func followsARedirectWithinTheSameOrigin() throws {
    let host = try FakeCommentHost { request in
      request.target.hasPrefix("/repos/octo-org/old/")
        ? HTTPResponse(
          status: request.method == "GET" ? 301 : 307,
          headers: ["Location": request.target.replacingOccurrences(of: "/old/", with: "/web/")]) : nil
    }
    defer { host.stop() }
    let result = InProcessRun(
      ["comment", "github", "--report", "report.json", "--pr", "7", "--repo", "octo-org/old"],
      in: try CommentCommandTests.workspace(),
      environment: CommentCommandTests.github(host))
    #expect(result.code == .success, "\(result.stderr)")
    #expect(host.requests.map(\.target).filter { $0.contains("/web/") }.count == 2)
    #expect(host.bodies.count == 1)
  }

  @Test func aServerThatNeverAnswersTimesOut() throws {
    let server = try LocalHTTPServer { _ in
      Thread.sleep(forTimeInterval: 3)
      return HTTPResponse(status: 200, body: Data("[]".utf8))
    }
    defer { server.stop() }
    let result = try Self.run(server, extra: ["--timeout", "1"])
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr == "error: GitHub at 127.0.0.1 did not answer the request to list the comments of octo-org/web#7: "
        + "timed out after 1 s; rerun the job, or raise --timeout\n")
  }

  /// Waiting for an answer costs no CPU: Foundation's URLSession on Linux spun a core for the
  /// whole wait (about 1 s of CPU per second). The built binary runs under `sh`, whose `times`
  /// reports the CPU its child used, so other tests running meanwhile do not count.
  @Test func waitingForAnAnswerDoesNotSpin() throws {
    let server = try LocalHTTPServer { _ in
      Thread.sleep(forTimeInterval: 3)
      return HTTPResponse(status: 200, body: Data("[]".utf8))
    }
    defer { server.stop() }
    let directory = try CommentCommandTests.workspace()
    let command = ([BinaryTests.binary.path] + Self.arguments + ["--timeout", "2"]).map { "'\($0)'" }
    let result = try BinaryTests.run(
      ["-c", command.joined(separator: " ") + "; times"], in: directory,
      executable: URL(fileURLWithPath: "/bin/sh"),
      environment: [
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "GITHUB_TOKEN": Self.token,
        "GITHUB_API_URL": server.baseURL, "GITHUB_REPOSITORY": "octo-org/web",
      ])
    #expect(result.stderr.contains("timed out after 2 s"), "\(result.stderr)")
    // `times`: the shell's user and system time, then its children's, as `0m0.012s 0m0.004s`.
    let children = try #require(result.stdout.split(separator: "\n").last, "\(result.stdout)")
    let seconds = children.split(separator: " ").map { field -> Double in
      let parts = field.dropLast().split(separator: "m")
      return (Double(parts.first ?? "") ?? 0) * 60 + (Double(parts.last ?? "") ?? 0)
    }
    #expect(seconds.count == 2 && seconds.reduce(0, +) < 0.5, "CPU while waiting: \(children)")
  }

  @Test func aTrickleOfBytesStillEndsAtTheDeadline() throws {
    let server = try LocalHTTPServer(trickle: 0.2) { _ in HTTPResponse(status: 200, body: Data("[]".utf8)) }
    defer { server.stop() }
    let result = try Self.run(server, extra: ["--timeout", "1"])
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("timed out after 1 s"), "\(result.stderr)")
  }

  @Test func endlessPaginationFailsInsteadOfPostingADuplicate() throws {
    let server = try LocalHTTPServer { request in
      let page = Int(request.target.split(separator: "=").last ?? "") ?? 1
      // A relative target (RFC 8288), resolved against the page it came with.
      let next = "</repos/octo-org/web/issues/7/comments?per_page=100&page=\(page + 1)>; rel=\"next\""
      return HTTPResponse(status: 200, headers: ["Link": next], body: Data("[]".utf8))
    }
    defer { server.stop() }
    let result = try Self.run(server)
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr == "error: GitHub kept sending next-page links after 50 pages trying to list the comments of "
        + "octo-org/web#7; not posting, so as not to add a duplicate comment: check GITHUB_API_URL\n")
    #expect(server.requests.count == 50)
    #expect(server.requests.allSatisfy { $0.method == "GET" && $0.headers["authorization"] == "Bearer \(Self.token)" })
  }

  @Test func aLinkBackToAnEarlierPageIsALoop() throws {
    let server = try LocalHTTPServer { _ in
      HTTPResponse(status: 200, headers: ["Link": "<?per_page=100>; rel=\"next\""], body: Data("[]".utf8))
    }
    defer { server.stop() }
    let result = try Self.run(server)
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("sent a next-page link back to a page already read"), "\(result.stderr)")
    #expect(server.requests.map(\.method) == ["GET"])
  }

  @Test(arguments: [
    (#"{"pull_request": {"number": -7}}"#, "pull_request.number -7"),
    (#"{"pull_request": {"number": 0}}"#, "pull_request.number 0"),
    (#"{"pull_request": {"number": "7; rm"}}"#, #"pull_request.number "7; rm""#),
    (#"{"issue": {"number": 1.5, "pull_request": {}}}"#, "issue.number 1.5"),
  ])
  func theEventsNumberIsValidatedLikePR(event: String, shown: String) throws {
    let directory = try CommentCommandTests.workspace()
    let path = directory.appendingPathComponent("event.json")
    try event.write(to: path, atomically: true, encoding: .utf8)
    let result = InProcessRun(
      ["comment", "github", "--report", "report.json"], in: directory,
      environment: [
        "GITHUB_TOKEN": Self.token, "GITHUB_API_URL": "http://127.0.0.1:9", "GITHUB_REPOSITORY": "o/r",
        "GITHUB_EVENT_PATH": path.path,
      ])
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr == "error: the workflow event's \(shown) is not a pull request number of 1 or more; pass --pr N\n")
  }

  @Test func aNamedPipeReportIsRefusedWithoutBlocking() throws {
    let directory = try CommentCommandTests.workspace()
    #expect(mkfifo(directory.appendingPathComponent("pipe.json").path, 0o600) == 0)
    let result = InProcessRun(["comment", "github", "--report", "pipe.json", "--dry-run"], in: directory)
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr == "error: cannot read the report 'pipe.json': it is a named pipe (FIFO), not a regular file; "
        + "pass the file 'tokentax check --format json --output' wrote\n")
  }
}
