import Foundation
import JSON

/// `tokentax comment github|gitlab`: upsert one sticky cost comment on the PR / MR (docs/ci.md).
enum CommentCommand: Command {
  static let spec = CommandSpec(
    path: ["comment"], abstract: "Post or update the sticky cost comment on a pull or merge request.",
    discussion: """
      Reads the JSON report of 'tokentax check --format json' and keeps one comment, found by its
      hidden <!-- tokentax --> marker, up to date on the pull request (GitHub) or merge request
      (GitLab). The only command that uses the network.

      GitHub: token from GITHUB_TOKEN, API from GITHUB_API_URL, repository and pull request from
      GITHUB_REPOSITORY and the GITHUB_EVENT_PATH event. GitLab: token from GITLAB_TOKEN, API from
      CI_API_V4_URL, project and merge request from CI_PROJECT_ID and CI_MERGE_REQUEST_IID.
      """,
    options: [
      Options.report,
      Options.behavior,
      Options.tag,
      Options.skipUnchanged,
      Options.minChangeUsd,
      Options.minChangePercent,
      Options.repo,
      Options.pr,
      Options.timeout,
      Options.dryRun,
    ],
    positionals: PositionalSpec("platform", help: "github or gitlab", minimum: 1, maximum: 1),
    examples: [
      Example(
        "In a pull_request workflow, after check wrote report.json", "tokentax comment github --report report.json"),
      Example(
        "One comment per config in a monorepo", "tokentax comment github --report web.json --tag web --skip-unchanged"),
      Example("In a GitLab merge request pipeline", "tokentax comment gitlab --report report.json"),
    ])

  /// The options only this command takes; the shared ones are `OptionSpec`'s.
  enum Options {
    static let report = OptionSpec(
      ["--report"], .value("path"), help: "The JSON report to post (from check --format json --output).")
    static let behavior = OptionSpec(
      ["--behavior"], .value("behavior"), help: "update (default): edit the earlier comment; new; delete-and-new.")
    static let tag = OptionSpec(
      ["--tag"], .value("tag"), help: "Keeps one comment per config in a monorepo: <!-- tokentax:TAG -->.")
    static let skipUnchanged = OptionSpec(
      ["--skip-unchanged"], help: "Post nothing when no feature changed; an earlier comment becomes 'no cost change'.")
    static let minChangeUsd = OptionSpec(
      ["--min-change-usd"], .value("usd"), help: "With --skip-unchanged: monthly changes below this do not count.")
    static let minChangePercent = OptionSpec(
      ["--min-change-percent"], .value("percent"),
      help: "With --skip-unchanged: cost-per-call changes below this do not count.")
    static let repo = OptionSpec(
      ["--repo"], .value("repo"), help: "owner/name (GitHub) or project id or path (GitLab); default from CI.")
    static let pr = OptionSpec(
      ["--pr"], .value("number"), help: "Pull request number (GitHub) or merge request iid (GitLab); default from CI.")
    static let timeout = OptionSpec(
      ["--timeout"], .value("seconds"), help: "Give up on the API after this long, waits included (default 120).")
    static let dryRun = OptionSpec(
      ["--dry-run"], help: "Print the comment body instead of posting it (needs no token).")
  }

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    let platform = arguments.positionals[0]
    guard let host = CodeHost(rawValue: platform) else {
      let names = CodeHost.allCases.map(\.rawValue)
      throw UsageError(
        "unknown platform '\(platform)'\(Suggestion.didYouMean(platform, in: names)); use github or gitlab")
    }
    guard let path = arguments.value(Options.report) else {
      throw UsageError(
        "'tokentax comment' needs --report <path>: write it with 'tokentax check --format json --output report.json'")
    }
    let tag = arguments.value(Options.tag)
    if let tag,
      tag.isEmpty || tag.count > 64
        || !tag.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
    {
      throw UsageError("--tag '\(tag)' may only use letters, digits, '.', '_' and '-' (at most 64), e.g. --tag web")
    }
    let behavior = try arguments.choice(Options.behavior, as: CommentUpsert.Behavior.self) ?? .update
    let report = try readReport(path, invocation)
    let timeout = try arguments.int(Options.timeout) ?? 120
    guard (1...3_600).contains(timeout) else {
      throw UsageError("option '--timeout' needs a number of seconds from 1 to 3600, got '\(timeout)'")
    }

    let marker = MarkdownReporter.marker(tag: tag)
    let minimumUSD = try arguments.decimal(Options.minChangeUsd) ?? 0
    let minimumPercent =
      try arguments.decimal(Options.minChangePercent).map { NSDecimalNumber(decimal: $0).doubleValue } ?? 0
    let content: CommentUpsert.Content
    if arguments.flag(Options.skipUnchanged), !report.hasChange(minimumUSD: minimumUSD, minimumPercent: minimumPercent)
    {
      content = .noChange(MarkdownReporter.noChangeBody(report, tag: tag))
    } else {
      let context = ReportContext(tag: tag, characterLimit: host.characterLimit)
      content = .report(MarkdownReporter.render(report, context: context))
    }
    if arguments.flag(Options.dryRun) {
      switch content {
      case .report(let body): invocation.stdout.write(body)
      case .noChange(let body): invocation.stdout.write("(only replaces an earlier comment, never posted new)\n" + body)
      }
      return .success
    }

    let target = try CommentTarget.resolve(
      host, repository: arguments.value(Options.repo), number: try pullRequest(arguments),
      environment: invocation.environment)
    var api = CommentAPI(host: host, base: target.api, token: target.token, client: Self.client(invocation.environment))
    api.timeout = TimeInterval(timeout)
    let thread: any CommentThread =
      host == .github
      ? GitHubThread(api: api, repository: target.repository, number: target.number)
      : GitLabThread(api: api, project: target.repository, iid: target.number)
    let outcome = try CommentUpsert.run(content, marker: marker, behavior: behavior, on: thread)
    invocation.stdout.line("tokentax: " + describe(outcome, on: thread.location))
    return .success
  }

  /// libcurl's easy interface on Linux (`CurlHTTPClient` says why), URLSession elsewhere.
  private static func client(_ environment: [String: String]) -> any HTTPClient {
    #if os(Linux)
      // A company's own certificate authority (a TLS-inspecting proxy, a self-hosted GitLab),
      // named the way OpenSSL and curl name it.
      CurlHTTPClient(certificateAuthorities: environment["CURL_CA_BUNDLE"] ?? environment["SSL_CERT_FILE"])
    #else
      URLSessionHTTPClient()
    #endif
  }

  private static func readReport(_ path: String, _ invocation: Invocation) throws -> Report {
    let data: Data
    do {
      data = try RegularFile.contents(invocation.url(for: path).path)
    } catch {
      guard error.notRegular else {
        throw CommentError(
          "cannot read the report '\(path)'; write it first with 'tokentax check --format json --output \(path)'")
      }
      throw CommentError(
        "cannot read the report '\(path)': \(error.reason); pass the file 'tokentax check --format json --output' wrote"
      )
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw CommentError(
        "the report '\(path)' is not UTF-8 text; write it with 'tokentax check --format json --output \(path)'")
    }
    return try ReportDecoder.decode(text, file: path)
  }

  private static func pullRequest(_ arguments: ParsedArguments) throws -> Int? {
    guard let number = try arguments.int(Options.pr) else { return nil }
    guard number > 0 else { throw UsageError("option '--pr' needs a pull request number of 1 or more, got '0'") }
    return number
  }

  private static func describe(_ outcome: CommentUpsert.Outcome, on location: String) -> String {
    switch outcome {
    case .created: return "posted the cost comment on \(location)"
    case .updated(let id): return "updated the cost comment on \(location) (comment \(id))"
    case .unchanged(let id): return "the cost comment on \(location) is already up to date (comment \(id))"
    case .skipped: return "no feature's cost changed; nothing posted on \(location)"
    case .replaced(let deleted):
      return "deleted \(deleted) earlier cost comment\(deleted == 1 ? "" : "s") and posted a new one on \(location)"
    }
  }
}
