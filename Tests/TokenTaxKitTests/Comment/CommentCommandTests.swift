import Foundation
import Testing

@testable import TokenTaxKit

/// `tokentax comment` against a real HTTP server on 127.0.0.1, through the real transport
/// (libcurl on Linux, URLSession on macOS).
@Suite struct CommentCommandTests {
  static let token = "ghs_TEST_TOKEN_0123456789"

  /// A temp directory holding `report.json` (the canonical sample unless given).
  static func workspace(_ report: Report = SampleReport.report) throws -> URL {
    let directory = try Scratch.directory("comment")
    try JSONReporter.render(report, context: ReportContext()).write(
      to: directory.appendingPathComponent("report.json"), atomically: true, encoding: .utf8)
    return directory
  }

  static func run(_ arguments: [String], in directory: URL, environment: [String: String]) -> InProcessRun {
    InProcessRun(arguments, in: directory, environment: environment)
  }

  static func github(_ host: FakeCommentHost, _ extra: [String: String] = [:]) -> [String: String] {
    ["GITHUB_TOKEN": token, "GITHUB_API_URL": host.baseURL, "GITHUB_REPOSITORY": "octo-org/web"].merging(extra) { $1 }
  }

  @Test func createsOnceThenUpdatesTheSameComment() throws {
    let host = try FakeCommentHost()
    defer { host.stop() }
    let directory = try Self.workspace()
    let arguments = ["comment", "github", "--report", "report.json", "--pr", "7"]

    let first = Self.run(arguments, in: directory, environment: Self.github(host))
    #expect(first.code == .success, "\(first.stderr)")
    #expect(first.stdout == "tokentax: posted the cost comment on octo-org/web#7\n")
    #expect(host.bodies.count == 1)
    #expect(host.bodies.first?.hasPrefix("<!-- tokentax -->\n### ❌ tokentax: +\\$2,298/month (+70.9 %)") == true)

    try JSONReporter.render(SampleReport.approved, context: ReportContext()).write(
      to: directory.appendingPathComponent("report.json"), atomically: true, encoding: .utf8)
    let second = Self.run(arguments, in: directory, environment: Self.github(host))
    #expect(second.stdout == "tokentax: updated the cost comment on octo-org/web#7 (comment 100)\n")
    let third = Self.run(arguments, in: directory, environment: Self.github(host))
    #expect(third.stdout == "tokentax: the cost comment on octo-org/web#7 is already up to date (comment 100)\n")

    #expect(host.bodies.count == 1)
    #expect(host.bodies.first?.contains("approved over policy") == true)
    let calls = host.requests.map { "\($0.method) \($0.target)" }
    #expect(
      calls == [
        "GET /repos/octo-org/web/issues/7/comments?per_page=100", "POST /repos/octo-org/web/issues/7/comments",
        "GET /repos/octo-org/web/issues/7/comments?per_page=100", "PATCH /repos/octo-org/web/issues/comments/100",
        "GET /repos/octo-org/web/issues/7/comments?per_page=100",
      ])
    let post = try #require(host.requests.first { $0.method == "POST" })
    #expect(post.headers["authorization"] == "Bearer \(Self.token)")
    #expect(post.headers["x-github-api-version"] == "2022-11-28")
    #expect(post.headers["content-type"] == "application/json")
    #expect(post.headers["user-agent"]?.hasPrefix("tokentax/") == true)
  }

  @Test func findsItsCommentOnALaterPage() throws {
    let others = (1...5).map { "LGTM \($0)" }
    let host = try FakeCommentHost(pageSize: 2, comments: others + ["<!-- tokentax -->\nold table"] + ["nit"])
    defer { host.stop() }
    let directory = try Self.workspace()
    let result = Self.run(
      ["comment", "github", "--report", "report.json", "--pr", "7"], in: directory, environment: Self.github(host))
    #expect(result.stdout == "tokentax: updated the cost comment on octo-org/web#7 (comment 105)\n", "\(result.stderr)")
    #expect(
      host.requests.filter { $0.method == "GET" }.map(\.target) == [
        "/repos/octo-org/web/issues/7/comments?per_page=100",
        "/repos/octo-org/web/issues/7/comments?per_page=100&page=2",
        "/repos/octo-org/web/issues/7/comments?per_page=100&page=3",
        "/repos/octo-org/web/issues/7/comments?per_page=100&page=4",
      ])
    #expect(host.bodies.count == 7)
  }

  @Test func tagsKeepOneCommentPerConfig() throws {
    let host = try FakeCommentHost(comments: ["<!-- tokentax:api -->\napi table"])
    defer { host.stop() }
    let directory = try Self.workspace()
    let result = Self.run(
      ["comment", "github", "--report", "report.json", "--pr", "7", "--tag", "web"], in: directory,
      environment: Self.github(host))
    #expect(result.stdout == "tokentax: posted the cost comment on octo-org/web#7\n")
    #expect(host.bodies.count == 2)
    #expect(host.bodies[0] == "<!-- tokentax:api -->\napi table")
    #expect(host.bodies[1].hasPrefix("<!-- tokentax:web -->\n"))
  }

  @Test func readsThePullRequestFromTheEvent() throws {
    let host = try FakeCommentHost()
    defer { host.stop() }
    let directory = try Self.workspace()
    let event = directory.appendingPathComponent("event.json")
    try #"{"action": "synchronize", "number": 42, "pull_request": {"number": 42}}"#.write(
      to: event, atomically: true, encoding: .utf8)
    let result = Self.run(
      ["comment", "github", "--report", "report.json"], in: directory,
      environment: Self.github(host, ["GITHUB_EVENT_PATH": event.path]))
    #expect(result.stdout == "tokentax: posted the cost comment on octo-org/web#42\n", "\(result.stderr)")

    try #"{"ref": "refs/heads/main"}"#.write(to: event, atomically: true, encoding: .utf8)
    let push = Self.run(
      ["comment", "github", "--report", "report.json"], in: directory,
      environment: Self.github(host, ["GITHUB_EVENT_PATH": event.path, "GITHUB_EVENT_NAME": "push"]))
    #expect(push.code == .couldNotRun)
    #expect(
      push.stderr
        == "error: the workflow event (push) is not about a pull request; run on 'pull_request' events or pass --pr N\n"
    )
  }

  @Test(arguments: [
    (
      401,
      "error: GitHub rejected the token (HTTP 401: Bad credentials ***) trying to list the comments of octo-org/web#7; set GITHUB_TOKEN to a valid, unexpired token\n"
    ),
    (
      403,
      "error: GitHub refused to list the comments of octo-org/web#7 (HTTP 403: Bad credentials ***); the token needs 'pull-requests: write' (add 'permissions: pull-requests: write' to the job), and on pull requests from forks GITHUB_TOKEN is read-only: post the comment from a workflow_run workflow (see docs/ci.md) or set 'comment: false'\n"
    ),
    (
      404,
      "error: GitHub found nothing to list the comments of octo-org/web#7 (HTTP 404: Bad credentials ***); check the repository and pull request number (--repo, --pr) and that the token can see the repository\n"
    ),
    (
      422,
      "error: GitHub rejected the request to list the comments of octo-org/web#7 (HTTP 422: Bad credentials ***); the comment body was not accepted\n"
    ),
    (
      502,
      "error: GitHub answered HTTP 502: Bad credentials *** to the request to list the comments of octo-org/web#7; rerun, or check GITHUB_API_URL\n"
    ),
  ])
  func httpErrorsAreOneSentenceWithoutTheToken(status: Int, message: String) throws {
    let host = try FakeCommentHost { _ in
      HTTPResponse(status: status, body: Data(#"{"message": "Bad credentials \#(Self.token)"}"#.utf8))
    }
    defer { host.stop() }
    let result = Self.run(
      ["comment", "github", "--report", "report.json", "--pr", "7"], in: try Self.workspace(),
      environment: Self.github(host))
    #expect(result.code == .couldNotRun)
    #expect(result.stderr == message)
    #expect(!(result.stdout + result.stderr).contains(Self.token))
  }

  @Test func waitsOutARateLimitOnce() throws {
    let limited = Counter()
    let host = try FakeCommentHost { _ in
      limited.next() == 0
        ? HTTPResponse(status: 403, headers: ["Retry-After": "0", "X-RateLimit-Remaining": "0"]) : nil
    }
    defer { host.stop() }
    let result = Self.run(
      ["comment", "github", "--report", "report.json", "--pr", "7"], in: try Self.workspace(),
      environment: Self.github(host))
    #expect(result.code == .success, "\(result.stderr)")
    #expect(host.requests.map(\.method) == ["GET", "GET", "POST"])
  }

  @Test func givesUpOnALongOrRepeatedRateLimit() throws {
    let host = try FakeCommentHost { request in
      HTTPResponse(status: 429, headers: ["Retry-After": request.method == "GET" ? "0" : "3600"])
    }
    defer { host.stop() }
    let result = Self.run(
      ["comment", "github", "--report", "report.json", "--pr", "7"], in: try Self.workspace(),
      environment: Self.github(host))
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr
        == "error: GitHub rate-limited the request to list the comments of octo-org/web#7 (retry after 0 s); rerun the job later\n"
    )
    #expect(host.requests.count == 2)
  }

  @Test func skipUnchangedPostsNothingThenRetiresAStaleTable() throws {
    let unchanged = Report(
      base: Report.Revision(rev: String(repeating: "a", count: 40)), head: Report.Revision(rev: "index"), status: .pass,
      exitCode: 0, features: [SampleReport.report.features[3]], pricesAsOf: "2026-11-20")
    let directory = try Self.workspace(unchanged)
    let arguments = ["comment", "github", "--report", "report.json", "--pr", "7", "--skip-unchanged"]

    let empty = try FakeCommentHost()
    defer { empty.stop() }
    let nothing = Self.run(arguments, in: directory, environment: Self.github(empty))
    #expect(nothing.stdout == "tokentax: no feature's cost changed; nothing posted on octo-org/web#7\n")
    #expect(empty.requests.map(\.method) == ["GET"])

    let stale = try FakeCommentHost(comments: ["<!-- tokentax -->\nold table"])
    defer { stale.stop() }
    let retired = Self.run(arguments, in: directory, environment: Self.github(stale))
    #expect(retired.stdout == "tokentax: updated the cost comment on octo-org/web#7 (comment 100)\n")
    #expect(stale.bodies == ["<!-- tokentax -->\n✅ **tokentax**: no cost change (base `aaaaaaa` → head `index`).\n"])
  }

  @Test func minimumChangeDecidesWhatCounts() {
    var report = SampleReport.report
    report.features = [report.features[2]]  // summarizer: -$0.15/month, -1.0 % per call
    #expect(report.hasChange())
    #expect(report.hasChange(minimumUSD: 0.10, minimumPercent: 0.5))
    #expect(!report.hasChange(minimumUSD: 1))
    #expect(!report.hasChange(minimumPercent: 2))
    report.features = [SampleReport.report.features[4]]  // added: always counts
    #expect(report.hasChange(minimumUSD: 1_000_000, minimumPercent: 1_000))
  }

  @Test func deleteAndNewReplacesEveryEarlierComment() throws {
    let host = try FakeCommentHost(comments: ["<!-- tokentax -->\none", "hi", "<!-- tokentax -->\ntwo"])
    defer { host.stop() }
    let result = Self.run(
      ["comment", "github", "--report", "report.json", "--pr", "7", "--behavior", "delete-and-new"],
      in: try Self.workspace(), environment: Self.github(host))
    #expect(result.stdout == "tokentax: deleted 2 earlier cost comments and posted a new one on octo-org/web#7\n")
    #expect(
      host.requests.map { "\($0.method) \($0.target)" }.filter { !$0.hasPrefix("GET") } == [
        "DELETE /repos/octo-org/web/issues/comments/100", "DELETE /repos/octo-org/web/issues/comments/102",
        "POST /repos/octo-org/web/issues/7/comments",
      ])
    #expect(host.bodies.count == 2)
  }

  @Test func gitlabCreatesThenUpdatesOneNote() throws {
    let host = try FakeCommentHost()
    defer { host.stop() }
    let directory = try Self.workspace()
    let environment = [
      "GITLAB_TOKEN": Self.token, "CI_API_V4_URL": host.baseURL + "/api/v4", "CI_PROJECT_ID": "group/app",
      "CI_MERGE_REQUEST_IID": "3",
    ]
    let first = Self.run(["comment", "gitlab", "--report", "report.json"], in: directory, environment: environment)
    #expect(first.stdout == "tokentax: posted the cost comment on group/app!3\n", "\(first.stderr)")
    try JSONReporter.render(SampleReport.approved, context: ReportContext()).write(
      to: directory.appendingPathComponent("report.json"), atomically: true, encoding: .utf8)
    let second = Self.run(["comment", "gitlab", "--report", "report.json"], in: directory, environment: environment)
    #expect(second.stdout == "tokentax: updated the cost comment on group/app!3 (comment 100)\n")
    #expect(
      host.requests.map { "\($0.method) \($0.target)" } == [
        "GET /api/v4/projects/group%2Fapp/merge_requests/3/notes?per_page=100&sort=asc&order_by=created_at",
        "POST /api/v4/projects/group%2Fapp/merge_requests/3/notes",
        "GET /api/v4/projects/group%2Fapp/merge_requests/3/notes?per_page=100&sort=asc&order_by=created_at",
        "PUT /api/v4/projects/group%2Fapp/merge_requests/3/notes/100",
      ])
    #expect(
      host.requests.allSatisfy { $0.headers["private-token"] == Self.token && $0.headers["authorization"] == nil })
    #expect(host.bodies.count == 1)
  }

  @Test func usageProblemsAreExitTwo() throws {
    let directory = try Self.workspace()
    let cases: [([String], [String: String], String)] = [
      (
        ["comment", "gitub", "--report", "report.json"], [:],
        "error: unknown platform 'gitub' (did you mean 'github'?); use github or gitlab\n"
      ),
      (
        ["comment", "github"], [:],
        "error: 'tokentax comment' needs --report <path>: write it with 'tokentax check --format json --output report.json'\n"
      ),
      (
        ["comment", "github", "--report", "missing.json"], [:],
        "error: cannot read the report 'missing.json'; write it first with 'tokentax check --format json --output missing.json'\n"
      ),
      (
        ["comment", "github", "--report", "report.json", "--pr", "7"], ["GITHUB_REPOSITORY": "o/r"],
        "error: GITHUB_TOKEN is not set, so tokentax cannot post the comment; in a workflow add 'env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}' to the step\n"
      ),
      (
        ["comment", "github", "--report", "report.json", "--tag", "a b"], [:],
        "error: --tag 'a b' may only use letters, digits, '.', '_' and '-' (at most 64), e.g. --tag web\n"
      ),
      (
        ["comment", "github", "--report", "report.json", "--behavior", "updte"], [:],
        "error: option '--behavior' must be one of update, new, delete-and-new, got 'updte' (did you mean 'update'?)\n"
      ),
    ]
    for (arguments, environment, message) in cases {
      let result = Self.run(arguments, in: directory, environment: environment)
      #expect(result.code == .couldNotRun)
      #expect(result.stderr == message)
    }
  }

  @Test func dryRunPrintsTheBody() throws {
    let result = Self.run(
      ["comment", "github", "--report", "report.json", "--dry-run", "--tag", "web"], in: try Self.workspace(),
      environment: [:])
    #expect(result.code == .success)
    #expect(result.stdout == MarkdownReporter.render(SampleReport.report, context: ReportContext(tag: "web")))
  }
}

/// Counts calls across the server's thread.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  func next() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value - 1
  }
}
