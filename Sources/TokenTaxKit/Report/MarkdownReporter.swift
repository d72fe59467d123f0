import Foundation

/// `--format markdown`: the pull-request comment and step summary (SPEC §8).
///
/// Every feature id, file, model name and message goes through `MarkdownText`, so a hostile
/// name renders as text. The body stays under `context.characterLimit`: first the collapsed
/// details go, then table rows from the end, and a note says what was left out.
public enum MarkdownReporter: Reporter {
  public static let identifier = "markdown"

  /// The hidden first line `comment` finds its own earlier comment by.
  public static func marker(tag: String?) -> String {
    let safe = (tag ?? "").filter { $0.isASCII && ($0.isLetter || $0.isNumber || "._/-".contains($0)) }
    return safe.isEmpty ? "<!-- tokentax -->" : "<!-- tokentax:\(safe) -->"
  }

  public static func render(_ report: Report, context: ReportContext) -> String {
    let rows = report.features.filter(\.hasChange)
    let full = body(report, context, rows: rows[...], details: true)
    if fits(full, context) { return full }
    let brief = body(report, context, rows: rows[...], details: false)
    if fits(brief, context) { return brief }
    // The largest number of rows that still fits; the body grows with every row.
    var low = 0
    var high = rows.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if fits(body(report, context, rows: rows.prefix(middle), details: false), context) {
        low = middle
      } else {
        high = middle - 1
      }
    }
    return body(report, context, rows: rows.prefix(low), details: false)
  }

  /// What replaces an earlier comment when the change no longer touches any feature's cost.
  public static func noChangeBody(_ report: Report, tag: String?) -> String {
    "\(marker(tag: tag))\n✅ **tokentax**: no cost change (base \(MarkdownText.code(report.base.display)) → head "
      + "\(MarkdownText.code(report.head.display))).\n"
  }

  // MARK: - Private

  private static func fits(_ text: String, _ context: ReportContext) -> Bool {
    // GitHub counts characters as code points.
    text.unicodeScalars.count <= context.characterLimit
  }

  private static func body(_ report: Report, _ context: ReportContext, rows: ArraySlice<FeatureResult>, details: Bool)
    -> String
  {
    let changed = report.features.filter(\.hasChange)
    var out = marker(tag: context.tag) + "\n"
    out += verdict(report) + "\n\n"
    if let approval = report.approval {
      out += "> **⚠️ Cost increase approved:** \(MarkdownText.text(approval))\n\n"
    }
    out += table(rows)
    let hidden = changed.count - rows.count
    if hidden > 0 || (!details && hasDetails(changed)) {
      out += "> **Truncated** to fit the comment size limit: "
      out += hidden > 0 ? "\(hidden) more changed feature\(hidden == 1 ? "" : "s") and the details " : "the details "
      out += "are in the job log and `report.json`.\n\n"
    }
    out += unchanged(report)
    out += violations(Array(rows))
    out += warnings(report)
    if details { out += detailsSection(Array(rows)) }
    out += footer(report)
    return out
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
      line += MarkdownText.money("\(Money.usd(report.baseMonthlyUSD)) → \(Money.usd(report.headMonthlyUSD))") + " per month · "
    }
    line += "base \(MarkdownText.code(report.base.display)) → head \(MarkdownText.code(report.head.display))"
    let counts = report.statusCounts
    if !counts.isEmpty { line += " · \(counts)" }
    return line
  }

  private static func table(_ rows: ArraySlice<FeatureResult>) -> String {
    guard !rows.isEmpty else { return "No feature's tokens or cost changed.\n\n" }
    var out = "| | Feature | Model | Tokens/call | Δ cost/call | Δ \\$/month |\n|:-:|---|---|--:|--:|--:|\n"
    for feature in rows {
      let estimated = feature.encoding.exact ? "" : "≈ "
      let tokens = "\(estimated)\(FeatureResult.totalTokens(feature.base)) → \(FeatureResult.totalTokens(feature.head))"
      let monthly = feature.deltaMonthlyUSD.map { MarkdownText.money(Money.signedUSD($0)) } ?? "unknown"
      let cells = [
        icon(feature.status), MarkdownText.code(feature.id, inTable: true),
        feature.modelDisplay { MarkdownText.code($0, inTable: true) }, tokens, feature.costPerCallChange, monthly,
      ]
      out += "| " + cells.joined(separator: " | ") + " |\n"
    }
    return out + "\n"
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

  private static func violations(_ rows: [FeatureResult]) -> String {
    let lines = rows.flatMap { feature in
      feature.violations.map { violation in
        "- \(violation.level == .fail ? "❌" : "⚠️") \(MarkdownText.code(feature.id)): "
          + "\(MarkdownText.text(violation.message)) (\(MarkdownText.code(violation.rule)))\n"
      }
    }
    return lines.isEmpty ? "" : "**Threshold violations**\n\n" + lines.joined() + "\n"
  }

  private static func warnings(_ report: Report) -> String {
    guard !report.warnings.isEmpty else { return "" }
    var out = "**Warnings**\n\n"
    for warning in report.warnings.prefix(10) { out += "- \(MarkdownText.text(warning))\n" }
    if report.warnings.count > 10 { out += "- … and \(report.warnings.count - 10) more\n" }
    return out + "\n"
  }

  private static func hasDetails(_ rows: [FeatureResult]) -> Bool {
    rows.contains { !$0.topChanges.isEmpty || $0.traces != nil }
  }

  private static func detailsSection(_ rows: [FeatureResult]) -> String {
    guard hasDetails(rows) else { return "" }
    var out = "<details><summary>Largest prompt changes and trace statistics</summary>\n\n"
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
    for metric in traces.metrics {
      let interval = metric.intervalLow.flatMap { low in
        metric.intervalHigh.map { "\(Money.percent(low)) … \(Money.percent($0))" }
      } ?? "—"
      let cells = [
        MarkdownText.code(metric.name, inTable: true), TraceMetric.format(metric.baseMean), TraceMetric.format(metric.headMean),
        Money.percent(metric.deltaPercent) + (metric.isSignificant ? " **significant**" : ""), interval,
        "\(TraceMetric.format(metric.basePercentiles.p95)) → \(TraceMetric.format(metric.headPercentiles.p95))",
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
