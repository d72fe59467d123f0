import Foundation
import Testing

@testable import TokenTaxKit

@Suite struct GitHubReporterTests {
  @Test func escapesLikeTheActionsToolkit() {
    #expect(GitHubReporter.escapeData("50% done\r\nnext") == "50%25 done%0D%0Anext")
    #expect(GitHubReporter.escapeProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
  }

  @Test func aFeatureIdCannotAddProperties() {
    var report = SampleReport.report
    report.features[0].id = "x,line=99::boom\n::error::injected"
    let first = GitHubReporter.render(report, context: ReportContext()).split(separator: "\n")[0]
    #expect(
      first.hasPrefix(
        "::error file=prompts/support/system.md,line=12,title=tokentax%3A x%2Cline=99%3A%3Aboom%0A%3A%3Aerror%3A%3Ainjected over"
      ))
  }

  @Test func fallsBackToTheConfigFile() {
    let text = GitHubReporter.render(SampleReport.report, context: ReportContext(configPath: "apps/web/tokentax.json"))
    #expect(text.contains("::warning file=apps/web/tokentax.json,title=tokentax%3A rag-qa over a warn threshold::"))
  }

  @Test func stepSummaryAppendsWhenSet() throws {
    let path = try Scratch.directory("summary").appendingPathComponent("summary.md").path
    let environment = ["GITHUB_STEP_SUMMARY": path]
    #expect(
      try StepSummaryFile.append(
        GitHubStepSummary.text(SampleReport.report, context: ReportContext()), environment: environment) == path)
    try StepSummaryFile.append(
      GitHubStepSummary.text(SampleReport.report, context: ReportContext()), environment: environment)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.components(separatedBy: "<!-- tokentax -->").count == 3)
    #expect(
      try StepSummaryFile.append(
        GitHubStepSummary.text(SampleReport.report, context: ReportContext()), environment: [:]) == nil)
  }

  @Test func stepSummaryErrorNamesThePath() {
    let environment = ["GITHUB_STEP_SUMMARY": "/nonexistent-dir/summary.md"]
    #expect(throws: StepSummaryError.self) {
      try StepSummaryFile.append(
        GitHubStepSummary.text(SampleReport.report, context: ReportContext()), environment: environment)
    }
  }
}
