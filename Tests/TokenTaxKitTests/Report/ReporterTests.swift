import Foundation
import Testing

@testable import TokenTaxKit

/// Every reporter renders the one canonical report; the goldens are the review surface.
@Suite struct ReporterTests {
  @Test func tableReport() {
    assertSnapshot(TableReporter.render(SampleReport.report, context: ReportContext()), extension: "txt")
  }

  @Test func tableReportColored() {
    assertSnapshot(TableReporter.render(SampleReport.report, context: ReportContext(color: true)), extension: "ansi")
  }

  @Test func tableReportApproved() {
    assertSnapshot(TableReporter.render(SampleReport.approved, context: ReportContext()), extension: "txt")
  }

  @Test func markdownReport() {
    assertSnapshot(MarkdownReporter.render(SampleReport.report, context: ReportContext()), extension: "md")
  }

  @Test func markdownReportApprovedWithTag() {
    assertSnapshot(
      MarkdownReporter.render(SampleReport.approved, context: ReportContext(tag: "web-app")), extension: "md")
  }

  @Test func jsonReport() {
    assertSnapshot(JSONReporter.render(SampleReport.report, context: ReportContext()), extension: "json")
  }

  @Test func githubReport() {
    assertSnapshot(GitHubReporter.render(SampleReport.report, context: ReportContext()), extension: "txt")
  }

  @Test func githubReportApproved() {
    assertSnapshot(GitHubReporter.render(SampleReport.approved, context: ReportContext()), extension: "txt")
  }

  @Test(arguments: ReportFormat.allCases)
  func everyFormatHasItsReporter(format: ReportFormat) {
    #expect(format.reporter.identifier == format.rawValue)
    #expect(!SampleReport.report.rendered(as: format).isEmpty)
  }

  @Test func terminalTableStripsControlCharacters() {
    var report = SampleReport.report
    report.features[0].id = "evil\u{1B}[2Jbot"
    let table = TableReporter.render(report, context: ReportContext())
    #expect(!table.contains("\u{1B}"))
    #expect(table.contains("evil?[2Jbot"))
  }

  @Test func colourOnlyWhenAsked() {
    #expect(!TableReporter.render(SampleReport.report, context: ReportContext()).contains("\u{1B}["))
    #expect(TableReporter.render(SampleReport.report, context: ReportContext(color: true)).contains("\u{1B}[1;31m"))
  }

  @Test func unknownMonthlyIsNeverZero() {
    let table = TableReporter.render(SampleReport.report, context: ReportContext())
    let row = table.split(separator: "\n").first { $0.contains("a|b `draft`") && $0.contains("claude-haiku") }
    #expect(row?.contains("unknown (set calls_per_day)") == true)
    #expect(row?.contains("→ $0.00 ") == false)
    let markdown = MarkdownReporter.render(SampleReport.report, context: ReportContext())
    let cells = markdown.split(separator: "\n").first { $0.contains("a\\|b") }?.split(separator: "|")
    #expect(cells?.last?.trimmingCharacters(in: .whitespaces) == "unknown")
  }
}
