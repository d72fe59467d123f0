/// `--format github`: one workflow command per violating feature, on the prompt line that added
/// the most tokens (else on the config file), then the plain table for the job log.
///
/// The markdown report goes to `$GITHUB_STEP_SUMMARY` through `GitHubStepSummary`.
public enum GitHubReporter: Reporter {
  public static let identifier = "github"

  public static func render(_ report: Report, context: ReportContext) -> String {
    var out = ""
    for feature in report.features {
      guard let level = feature.worstLevel else { continue }
      let approved = report.status == .approved && level == .fail
      let command = level == .fail && !approved ? "error" : "warning"
      var properties: [(String, String)] = []
      if let line = feature.annotationLine {
        properties = [("file", line.file), ("line", String(line.line))]
      } else {
        properties = [("file", context.configPath)]
      }
      let verdict = approved ? "over a fail threshold, approved" : "over a \(level.rawValue) threshold"
      properties.append(("title", "tokentax: \(feature.id) \(verdict)"))
      var message = feature.violations.map(\.message).joined(separator: "; ")
      message += "; cost/call \(Money.usd(feature.base?.costPerCallUSD)) → \(Money.usd(feature.head?.costPerCallUSD))"
      if let monthly = feature.deltaMonthlyUSD { message += ", \(Money.signedUSD(monthly))/month" }
      if approved, let reason = report.approval { message += ". Approved: \(reason)" }
      out += "::\(command) " + properties.map { "\($0)=\(escapeProperty($1))" }.joined(separator: ",")
      out += "::\(escapeData(message))\n"
    }
    for violation in report.totalViolations {
      let command = violation.level == .fail && report.status != .approved ? "error" : "warning"
      out +=
        "::\(command) file=\(escapeProperty(context.configPath)),title=\(escapeProperty("tokentax: total budget"))::"
      out += escapeData(violation.message) + "\n"
    }
    out += report.notes.map { "::notice title=tokentax::\(escapeData($0))\n" }.joined()
    var plain = context
    plain.color = false
    return out + TableReporter.render(report, context: plain)
  }

  /// Message text of a workflow command (`@actions/core` `escapeData`).
  static func escapeData(_ text: String) -> String {
    // The log viewer is a terminal too: other control and bidi characters become visible escapes.
    SafeText.escaped(
      text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
        .replacingOccurrences(of: "\n", with: "%0A"))
  }

  /// A `key=value` property of a workflow command (`@actions/core` `escapeProperty`).
  static func escapeProperty(_ text: String) -> String {
    escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
