import Foundation

/// `--format markdown`: the pull-request comment and step summary (docs/ci.md).
///
/// Every feature id, file, model name and message goes through `MarkdownText`, so a hostile
/// name renders as text. The body stays under `context.characterLimit`: first the collapsed
/// details go, then table rows from the end, and a note says what was left out.
public enum MarkdownReporter: Reporter {
  public static let identifier = "markdown"

  /// The hidden first line `comment` finds its own earlier comment by.
  public static func marker(tag: String?) -> String {
    let safe = (tag ?? "").filter { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    return safe.isEmpty ? "<!-- tokentax -->" : "<!-- tokentax:\(safe) -->"
  }

  public static func render(_ report: Report, context: ReportContext) -> String {
    let parts = Parts(report, context)
    let full = parts.body(rows: parts.rows.count, details: true)
    if size(full) <= context.characterLimit { return full }
    // Without details, then with as many rows (and their violations) as fit after the fixed parts.
    var used = size(parts.body(rows: 0, details: false)) + size(parts.tableHeader + parts.violationsHeader)
    var shown = 0
    while shown < parts.rows.count {
      used += size(parts.rows[shown]) + size(parts.violations[shown])
      if used > context.characterLimit { break }
      shown += 1
    }
    return parts.body(rows: shown, details: false)
  }

  /// What replaces an earlier comment when the change no longer touches any feature's cost.
  public static func noChangeBody(_ report: Report, tag: String?) -> String {
    "\(marker(tag: tag))\n✅ **tokentax**: no cost change (base \(MarkdownText.code(report.base.display)) → head "
      + "\(MarkdownText.code(report.head.display))).\n"
  }

  // MARK: - Private

  /// GitHub counts a comment's characters as code points.
  private static func size(_ text: String) -> Int { text.unicodeScalars.count }

  /// The comment's sections, rendered once; `body` picks how many rows fit.
  private struct Parts {
    let report: Report
    let head: String
    let rows: [String]
    let violations: [String]
    let details: String
    let tail: String
    let tableHeader = "| | Feature | Model | Tokens/call | Δ cost/call | Δ \\$/month |\n|:-:|---|---|--:|--:|--:|\n"
    let violationsHeader = "**Threshold violations**\n\n"

    init(_ report: Report, _ context: ReportContext) {
      let changed = report.features.filter(\.hasChange)
      self.report = report
      var head = marker(tag: context.tag) + "\n" + verdict(report) + "\n\n"
      if let approval = report.approval {
        head += "> **⚠️ Cost increase approved:** \(MarkdownText.text(approval))\n\n"
      }
      for note in report.notes { head += "> **Note:** \(MarkdownText.text(note))\n\n" }
      self.head = head
      rows = changed.map(row)
      violations = changed.map(violationLines)
      details = detailsSection(changed)
      tail = warnings(report) + footer(report)
    }

    func body(rows shown: Int, details withDetails: Bool) -> String {
      var out = head
      if rows.isEmpty {
        out += "No feature's tokens or cost changed.\n\n"
      } else if shown > 0 {
        out += tableHeader + rows.prefix(shown).joined() + "\n"
      }
      let hidden = rows.count - shown
      if hidden > 0 || (!withDetails && !details.isEmpty) {
        out += "> **Truncated** to fit the comment size limit: "
        out += hidden > 0 ? "\(hidden) more changed feature\(hidden == 1 ? "" : "s") and the details " : "the details "
        out += "are in the job log and `report.json`.\n\n"
      }
      out += unchanged(report)
      let listed = violations.prefix(shown).joined() + totalViolationLines(report)
      if !listed.isEmpty { out += violationsHeader + listed + "\n" }
      if withDetails { out += details }
      return out + tail
    }
  }

  private static func verdict(_ report: Report) -> String {
    let icon: String
    let word: String
    switch report.status {
    case .pass: (icon, word) = ("✅", "within policy")
    case .warn: (icon, word) = ("⚠️", "warning")
    case .fail: (icon, word) = ("❌", "over a fail threshold")
    case .approved: (icon, word) = ("⚠️", "approved over policy")
    }
    var change = "monthly cost unknown"
    if let delta = report.deltaMonthlyUSD {
      change = MarkdownText.money(Money.signedUSD(delta)) + "/month"
      if let percent = report.deltaMonthlyPercent { change += " (\(Money.percent(percent)))" }
    }
    var line = "### \(icon) tokentax: \(change) — \(word)\n\n"
    if report.baseMonthlyUSD != nil || report.headMonthlyUSD != nil {
      line +=
        MarkdownText.money("\(Money.usd(report.baseMonthlyUSD)) → \(Money.usd(report.headMonthlyUSD))")
        + " per month · "
    }
    line += "base \(MarkdownText.code(report.base.display)) → head \(MarkdownText.code(report.head.display))"
    let counts = report.statusCounts
    if !counts.isEmpty { line += " · \(counts)" }
    return line
  }

  private static func row(_ feature: FeatureResult) -> String {
    let estimated = feature.encoding.exact ? "" : "≈ "
    let tokens = "\(estimated)\(FeatureResult.totalTokens(feature.base)) → \(FeatureResult.totalTokens(feature.head))"
    let monthly = feature.deltaMonthlyUSD.map { MarkdownText.money(Money.signedUSD($0)) } ?? "unknown"
    let cells = [
      icon(feature.status),
      MarkdownText.code(feature.id, inTable: true)
        + (feature.renamedFrom.map { " (was " + MarkdownText.code($0, inTable: true) + ")" } ?? ""),
      feature.modelDisplay { MarkdownText.code($0, inTable: true) }, tokens, feature.costPerCallChange, monthly,
    ]
    return "| " + cells.joined(separator: " | ") + " |\n"
  }

  private static func icon(_ status: FeatureResult.Status) -> String {
    switch status {
    case .pass: return "✅"
    case .warn: return "⚠️"
    case .fail: return "❌"
    case .added: return "🆕"
    case .removed: return "🗑️"
    }
  }

  private static func unchanged(_ report: Report) -> String {
    let same = report.features.filter { !$0.hasChange }
    guard !same.isEmpty else { return "" }
    let noun = same.count == 1 ? "feature" : "features"
    guard same.count <= 10 else { return "\(same.count) more \(noun) unchanged.\n\n" }
    return "Unchanged: " + same.map { MarkdownText.code($0.id) }.joined(separator: ", ") + ".\n\n"
  }

  private static func totalViolationLines(_ report: Report) -> String {
    report.totalViolations.map { violation in
      "- \(violation.level == .fail ? "❌" : "⚠️") total: \(MarkdownText.text(violation.message)) (\(MarkdownText.code(violation.rule)))\n"
    }.joined()
  }

  private static func violationLines(_ feature: FeatureResult) -> String {
    feature.violations.map { violation in
      "- \(violation.level == .fail ? "❌" : "⚠️") \(MarkdownText.code(feature.id)): "
        + "\(MarkdownText.text(violation.message)) (\(MarkdownText.code(violation.rule)))\n"
    }.joined()
  }

  private static func warnings(_ report: Report) -> String {
    guard !report.warnings.isEmpty else { return "" }
    var out = "**Warnings**\n\n"
    for warning in report.warnings.prefix(10) { out += "- \(MarkdownText.text(warning))\n" }
    if report.warnings.count > 10 { out += "- … and \(report.warnings.count - 10) more\n" }
    return out + "\n"
  }

  private static func detailsSection(_ rows: [FeatureResult]) -> String {
    guard rows.contains(where: { !$0.topChanges.isEmpty || $0.traces != nil }) else { return "" }
    let traces = rows.contains { $0.traces != nil } ? " and trace statistics" : ""
    var out = "<details><summary>Largest prompt changes\(traces)</summary>\n\n"
    for feature in rows where !feature.topChanges.isEmpty || feature.traces != nil {
      out += "**\(MarkdownText.code(feature.id))**\n\n"
      for change in feature.topChanges {
        out += "- \(MarkdownText.code("\(change.file):\(change.line)")) \(Money.signedTokens(change.tokens)) tokens\n"
      }
      if !feature.topChanges.isEmpty { out += "\n" }
      if let traces = feature.traces { out += traceTable(traces) }
    }
    return out + "</details>\n\n"
  }

  private static func traceTable(_ traces: TraceComparison) -> String {
    var out = "Traces (\(traces.paired ? "paired" : "unpaired"), \(Money.tokens(traces.baseCalls)) → "
    out += "\(Money.tokens(traces.headCalls)) calls):\n\n"
    out += "| Metric | Base mean | Head mean | Δ | 95 % interval | p95 base → head |\n|---|--:|--:|--:|--:|--:|\n"
    for metric in traces.reviewedMetrics {
      let interval =
        metric.intervalLow.flatMap { low in
          metric.intervalHigh.map { "\(Money.percent(low)) … \(Money.percent($0))" }
        } ?? "—"
      let cells = [
        MarkdownText.code(metric.name, inTable: true), MarkdownText.money(metric.display(metric.baseMean)),
        MarkdownText.money(metric.display(metric.headMean)),
        Money.percent(metric.deltaPercent) + (metric.isSignificant ? " **significant**" : ""), interval,
        MarkdownText.money(
          "\(metric.display(metric.basePercentiles.p95)) → \(metric.display(metric.headPercentiles.p95))"),
      ]
      out += "| " + cells.joined(separator: " | ") + " |\n"
    }
    return out + "\n"
  }

  private static func footer(_ report: Report) -> String {
    var notes = ["Prices as of \(MarkdownText.text(report.pricesAsOf))"]
    let estimated = report.features.filter { !$0.encoding.exact }
    if !estimated.isEmpty {
      notes.append("≈ token counts estimated (no exact tokenizer for the model) for \(names(estimated))")
    }
    let configOutput = report.features.filter(\.outputIsEstimated)
    if !configOutput.isEmpty {
      notes.append("output tokens from the config's estimate (no traces) for \(names(configOutput))")
    }
    let unknown = report.featuresWithoutMonthly
    if !unknown.isEmpty {
      notes.append("monthly cost unknown for \(names(unknown)): set `calls_per_day`")
    }
    notes.append("tokentax \(MarkdownText.text(report.toolVersion))")
    return "<sub>" + notes.joined(separator: " · ") + "</sub>\n"
  }

  private static func names(_ features: [FeatureResult]) -> String {
    let listed = features.prefix(5).map { MarkdownText.code($0.id) }.joined(separator: ", ")
    return features.count > 5 ? "\(listed) and \(features.count - 5) more" : listed
  }
}
