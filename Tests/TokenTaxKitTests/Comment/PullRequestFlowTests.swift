import Foundation
import Testing

@testable import TokenTaxKit

/// The whole flow a pull request runs (issue 6): `check` on a real git repository writes
/// report.json and annotations, `comment github` posts it to a local server, a second push
/// updates the same comment.
///
/// Prices and token counts are those of `CheckEndToEndTests` ($3 / $12 per million, o200k_base):
/// base input 63, output 100 → $0.001389/call, $41.67/month at 1,000 calls/day.
@Suite struct PullRequestFlowTests {
  @Test func checkThenCommentTwiceKeepsOneComment() throws {
    let repo = try TestRepository()
    try repo.write("tokentax.json", CheckEndToEndTests.config())
    try repo.write("prompts/system.md", "You are helpful.")
    try repo.write("prompts/user.hbs", "{{question}}")
    let base = try repo.commit("base")
    let host = try FakeCommentHost()
    defer { host.stop() }
    try repo.write("event.json", #"{"action": "opened", "pull_request": {"number": 5}}"#)
    let summary = repo.root.appendingPathComponent("summary.md")
    let environment = [
      "GITHUB_TOKEN": "ghs_flow_token", "GITHUB_API_URL": host.baseURL, "GITHUB_REPOSITORY": "octo-org/app",
      "GITHUB_EVENT_PATH": repo.root.appendingPathComponent("event.json").path, "GITHUB_STEP_SUMMARY": summary.path,
    ]

    // Push 1: input 63 → 70 tokens (+7 on system.md line 1), output 100 → 120:
    // (70 × 3 + 120 × 12) / 1e6 = $0.00165/call, × 30,000 = $49.50/month, +$7.83 (+18.79 %) > fail 15 %.
    try repo.write("prompts/system.md", "You are helpful. Always cite the document you used.")
    try repo.write("tokentax.json", CheckEndToEndTests.config(output: 120))
    try repo.commit("grow the prompt")
    let annotations = repo.run(
      "check", "--base", base, "--head", "HEAD", "--format", "github", environment: environment)
    #expect(annotations.code == .regression, "\(annotations.stderr)")
    #expect(
      annotations.stdout.hasPrefix(
        "::error file=prompts/system.md,line=1,title=tokentax%3A bot over a fail threshold::"))
    #expect(
      try String(contentsOf: summary, encoding: .utf8).contains(
        "### ❌ tokentax: +\\$7.83/month (+18.8 %) — over a fail threshold"))

    let check = repo.run("check", "--base", base, "--head", "HEAD", "--format", "json", "--output", "report.json")
    #expect(check.code == .regression, "\(check.stderr)")
    let posted = repo.run("comment", "github", "--report", "report.json", environment: environment)
    #expect(posted.code == .success, "\(posted.stderr)")
    #expect(posted.stdout == "tokentax: posted the cost comment on octo-org/app#5\n")
    #expect(
      host.bodies.first?.split(separator: "\n").prefix(2) == [
        "<!-- tokentax -->", "### ❌ tokentax: +\\$7.83/month (+18.8 %) — over a fail threshold",
      ])

    // Push 2: output back to 100: (70 × 3 + 100 × 12) / 1e6 = $0.00141/call, $42.30/month, +$0.63 (+1.51 %).
    try repo.write("tokentax.json", CheckEndToEndTests.config(output: 100))
    try repo.commit("trim the answer")
    let recheck = repo.run("check", "--base", base, "--head", "HEAD", "--format", "json", "--output", "report.json")
    #expect(recheck.code == .success, "\(recheck.stderr)")
    let updated = repo.run("comment", "github", "--report", "report.json", environment: environment)
    #expect(
      updated.stdout == "tokentax: updated the cost comment on octo-org/app#5 (comment 100)\n", "\(updated.stderr)")

    #expect(host.bodies.count == 1)
    #expect(
      host.bodies.first?.split(separator: "\n").prefix(2) == [
        "<!-- tokentax -->", "### ✅ tokentax: +\\$0.63/month (+1.5 %) — within policy",
      ])
    #expect(host.requests.map(\.method) == ["GET", "POST", "GET", "PATCH"])
    #expect(host.requests.allSatisfy { $0.target.hasPrefix("/repos/octo-org/app/issues/") })
  }
}
