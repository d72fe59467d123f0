import Foundation
import Testing

@testable import TokenTaxKit

@Suite struct MarkdownReporterTests {
  /// The markdown with every code span removed (CommonMark: a run of n backticks closes at the
  /// next run of exactly n), i.e. the text GitHub would parse for markup and mentions.
  static func outsideCode(_ markdown: String) -> String {
    var out = ""
    var rest = Substring(markdown)
    while let open = rest.firstIndex(of: "`") {
      out += rest[..<open]
      let fence = rest[open...].prefix { $0 == "`" }
      let afterFence = rest[fence.endIndex...]
      var search = afterFence
      var closed = false
      while let next = search.firstIndex(of: "`") {
        let run = search[next...].prefix { $0 == "`" }
        if run.count == fence.count {
          rest = search[run.endIndex...]
          closed = true
          break
        }
        search = search[run.endIndex...]
      }
      if !closed {
        out += fence
        rest = afterFence
      }
    }
    return out + rest
  }

  @Test func hostileNamesOnlyAppearInsideCodeSpans() {
    let body = MarkdownReporter.render(SampleReport.approved, context: ReportContext())
    let prose = Self.outsideCode(body)
    let ownTags = ["<!-- tokentax -->", "<details>", "</details>", "<summary>", "</summary>", "<sub>", "</sub>"]
    let stripped = ownTags.reduce(prose) { $0.replacingOccurrences(of: $1, with: "") }
    // Every remaining `<` is escaped, every mention or issue reference is broken by a word joiner.
    #expect(!stripped.replacingOccurrences(of: "\\<", with: "").contains("<"))
    for marker in ["@", "#"] {
      let parts = stripped.components(separatedBy: marker).dropFirst()
      #expect(parts.allSatisfy { $0.hasPrefix("\u{2060}") || $0.hasPrefix(" ") || $0.hasPrefix("#") || $0.isEmpty })
    }
    #expect(!prose.contains("@octocat"))
    #expect(!prose.contains("**[click]"))
    #expect(body.contains("`<img src=x onerror=alert(1)>`"))
  }

  @Test func everyTableRowHasSixCells() {
    let body = MarkdownReporter.render(SampleReport.report, context: ReportContext())
    let rows = body.split(separator: "\n").filter {
      $0.hasPrefix("| ") && !$0.contains("Metric") && !$0.contains("output_tokens")
    }
    #expect(rows.count == 7)  // header + 6 changed features
    for row in rows {
      // GFM splits cells on every `|` not preceded by a backslash, code spans included.
      let separators = row.indices.filter {
        row[$0] == "|" && ($0 == row.startIndex || row[row.index(before: $0)] != "\\")
      }
      #expect(separators.count == 7, "\(row)")
    }
  }

  @Test func markerCarriesOnlySafeTagCharacters() {
    #expect(MarkdownReporter.marker(tag: nil) == "<!-- tokentax -->")
    #expect(MarkdownReporter.marker(tag: "web-app") == "<!-- tokentax:web-app -->")
    #expect(MarkdownReporter.marker(tag: "x --> <b>") == "<!-- tokentax:x--b -->")
  }

  @Test func truncatesToTheLimitAndSaysSo() throws {
    var report = SampleReport.report
    let template = report.features[0]
    report.features = (0..<1_000).map { index in
      var feature = template
      feature.id = "feature-\(index)-" + String(repeating: "x", count: 20)
      return feature
    }
    let body = MarkdownReporter.render(report, context: ReportContext())
    #expect(body.unicodeScalars.count <= 65_536)
    #expect(body.unicodeScalars.count > 60_000)
    #expect(body.hasPrefix("<!-- tokentax -->\n### ❌ tokentax:"))
    #expect(body.contains("> **Truncated** to fit the comment size limit: "))
    #expect(!body.contains("<details>"))
    #expect(body.hasSuffix("</sub>\n"))
  }

  @Test func dropsDetailsBeforeRows() {
    let full = MarkdownReporter.render(SampleReport.report, context: ReportContext())
    let limit = full.unicodeScalars.count - 1
    let body = MarkdownReporter.render(SampleReport.report, context: ReportContext(characterLimit: limit))
    #expect(body.unicodeScalars.count <= limit)
    #expect(!body.contains("<details>"))
    #expect(body.contains("`<img src=x onerror=alert(1)>`"))
    #expect(body.contains("the details are in the job log"))
  }

  @Test func noChangeBodyKeepsTheMarker() {
    let body = MarkdownReporter.noChangeBody(SampleReport.report, tag: "api")
    #expect(
      body
        == "<!-- tokentax:api -->\n✅ **tokentax**: no cost change (base `3f2a9c1 (origin/main)` → head `worktree`).\n")
  }

  @Test(arguments: [
    ("plain", "`plain`"), ("a`b", "``a`b``"), ("`x`", "`` `x` ``"), ("a|b", "`a|b`"), ("line\nbreak", "`line break`"),
  ])
  func codeSpans(input: String, expected: String) {
    #expect(MarkdownText.code(input) == expected)
  }

  @Test func moneyDollarsAreEscapedAgainstMath() {
    #expect(MarkdownText.money("+$1,234") == "+\\$1,234")
  }
}
