import Foundation

/// `--format table`: the terminal report, in infracost's diff grammar (`~` changed, `+` added,
/// `-` removed, `base → head`), coloured only when the context says stdout is a terminal.
public enum TableReporter: Reporter {
  public static let identifier = "table"

  public static func render(_ report: Report, context: ReportContext) -> String {
    let report = printable(report)
    let color = context.color
    var out = ANSIStyle.bold.apply("tokentax", color)
    out += " · base \(report.base.display) → head \(report.head.display) · prices as of \(report.pricesAsOf)\n"
    out += report.notes.map { " note: \($0)\n" }.joined() + "\n"
    out += summary(report).lines(indent: " ", color: color).joined(separator: "\n") + "\n"
    for feature in report.features where feature.hasChange {
      out += "\n" + details(feature, color: color)
    }
    out += "\n" + totals(report)
    out +=
      ANSIStyle.dim.apply(
        " Key: ~ changed  + added  - removed  ≈ estimated token count (no exact tokenizer for the model)", color) + "\n"
    if !report.warnings.isEmpty {
      let label = ANSIStyle.yellow.apply("warning:", color)
      out += "\n" + report.warnings.map { " \(label) \($0)\n" }.joined()
    }
    return out + "\n" + verdict(report, color: color) + "\n"
  }

  // MARK: - Private

  private static func summary(_ report: Report) -> TextTable {
    var table = TextTable()
    let header = ["", "FEATURE", "MODEL", "TOKENS/CALL", "Δ %", "$/CALL", "$/MONTH", "Δ $/MONTH", "STATUS"]
    let alignments: [TextTable.Alignment] = [.left, .left, .left, .right, .right, .right, .right, .right, .left]
    table.add(zip(header, alignments).map { TextTable.Cell(text: $0, alignment: $1, style: .bold) })
    for feature in report.features {
      let current = feature.head ?? feature.base
      let estimated = feature.encoding.exact ? "" : "≈ "
      let cells = [
        marker(feature), feature.displayID, feature.modelDisplay { $0 },
        "\(estimated)\(FeatureResult.totalTokens(feature.base)) → \(FeatureResult.totalTokens(feature.head))",
        feature.costPerCallChange, Money.usd(current?.costPerCallUSD),
        feature.hasUnknownMonthly
          ? "unknown (set calls_per_day)"
          : "\(Money.usd(feature.base?.monthlyUSD)) → \(Money.usd(feature.head?.monthlyUSD))",
        feature.hasUnknownMonthly ? "" : Money.signedUSD(feature.deltaMonthlyUSD), feature.status.rawValue,
      ]
      table.add(
        zip(cells, alignments).enumerated().map { column, cell in
          TextTable.Cell(
            text: cell.0, alignment: cell.1, style: column == 0 || column == 8 ? style(feature.status) : .plain)
        })
    }
    return table
  }

  private static func details(_ feature: FeatureResult, color: Bool) -> String {
    let indent = "     "
    var out = " " + style(feature.status).apply("\(marker(feature)) \(feature.displayID)", color) + "\n"
    if feature.model.base != feature.model.head || !feature.encoding.exact {
      let method = feature.encoding.exact ? "" : "  ≈ \(feature.encoding.method ?? feature.encoding.name)"
      out += indent + label("model") + feature.modelDisplay { $0 } + method + "\n"
    }
    var table = TextTable()
    let caches = [feature.base, feature.head].contains { ($0?.cachedInputTokens ?? 0) > 0 || $0?.cacheHitRate != nil }
    var rows: [(String, String, KeyPath<CallEstimate, Int>)] = [
      ("input tokens", "input_tokens", \.inputTokens), ("cached input", "cached_input_tokens", \.cachedInputTokens),
      ("output tokens", "output_tokens", \.outputTokens),
    ]
    // Cached vs uncached matters only where something is cached.
    if caches { rows.insert(("uncached input", "", \.uncachedInputTokens), at: 2) }
    for (name, key, path) in rows {
      let base = feature.base?[keyPath: path]
      let head = feature.head?[keyPath: path]
      let delta = (head ?? 0) - (base ?? 0)
      table.add([
        .init(text: name), .init(text: sides(base.map(Money.tokens), head.map(Money.tokens)), alignment: .right),
        .init(text: delta == 0 ? "" : Money.signedTokens(delta), alignment: .right),
        .init(text: (feature.head ?? feature.base)?.sources[key]?.rawValue ?? "", style: .dim),
      ])
    }
    if caches {
      let rate = { (side: CallEstimate?) in side.map { $0.cacheHitRate.map { Money.absPercent($0 * 100) } ?? "—" } }
      table.add([
        .init(text: "cache hits"), .init(text: sides(rate(feature.base), rate(feature.head)), alignment: .right),
        .init(text: ""),
        .init(text: (feature.head ?? feature.base)?.sources.cacheHitRate?.rawValue ?? "", style: .dim),
      ])
    }
    let cost = { (side: CallEstimate?) in side.map { Money.usd($0.costPerCallUSD) } }
    table.add([
      .init(text: "cost/call"), .init(text: sides(cost(feature.base), cost(feature.head)), alignment: .right),
      .init(text: feature.costPerCallChange, alignment: .right),
    ])
    if !feature.hasUnknownMonthly {
      let monthly = { (side: CallEstimate?) in side.map { Money.usd($0.monthlyUSD) } }
      table.add([
        .init(text: "cost/month"), .init(text: sides(monthly(feature.base), monthly(feature.head)), alignment: .right),
        .init(text: Money.signedUSD(feature.deltaMonthlyUSD), alignment: .right),
      ])
    }
    out += table.lines(indent: indent, color: color).joined(separator: "\n") + "\n"
    if feature.hasUnknownMonthly { out += indent + label("cost/month") + "unknown (set calls_per_day)\n" }
    for violation in feature.violations {
      let level = violation.level == .fail ? ANSIStyle.boldRed : .yellow
      out += indent + label(level.apply(violation.level == .fail ? "✖ fail" : "! warn", color), width: 6)
      out += "\(violation.message) [\(violation.rule)]\n"
    }
    if !feature.topChanges.isEmpty {
      let changes = feature.topChanges.map { "\($0.file):\($0.line) \(Money.signedTokens($0.tokens))" }
      out += indent + label("top changes") + changes.joined(separator: " · ") + "\n"
    }
    if let traces = feature.traces {
      out += indent + label("traces") + "\(traces.paired ? "paired" : "unpaired"), \(Money.tokens(traces.baseCalls)) → "
      out += "\(Money.tokens(traces.headCalls)) calls\n"
      for metric in traces.reviewedMetrics {
        out += indent + label("") + "\(metric.name) \(metric.display(metric.baseMean)) → "
        out += "\(metric.display(metric.headMean)) (\(Money.percent(metric.deltaPercent))"
        if let low = metric.intervalLow, let high = metric.intervalHigh {
          out += ", 95 % interval \(Money.percent(low)) … \(Money.percent(high))"
        }
        out += metric.isSignificant ? ", significant)\n" : ")\n"
      }
    }
    return out
  }

  /// A detail line's label, padded like the first column of the detail table ("output tokens").
  private static func label(_ text: String, width: Int = 13) -> String {
    text + String(repeating: " ", count: max(0, width - text.count)) + "  "
  }

  private static func totals(_ report: Report) -> String {
    var out = " Total monthly: "
    if let delta = report.deltaMonthlyUSD {
      out += "\(Money.usd(report.baseMonthlyUSD)) → \(Money.usd(report.headMonthlyUSD)) (\(Money.signedUSD(delta))"
      out += report.deltaMonthlyPercent.map { ", \(Money.percent($0)))" } ?? ")"
    } else {
      out += "unknown (set calls_per_day)"
    }
    out += " · \(report.features.count) feature\(report.features.count == 1 ? "" : "s")"
    if !report.statusCounts.isEmpty { out += ": \(report.statusCounts)" }
    out += "\n"
    for violation in report.totalViolations {
      out += " " + (violation.level == .fail ? "✖ fail" : "! warn") + "  \(violation.message) [\(violation.rule)]\n"
    }
    let unknown = report.featuresWithoutMonthly
    if !unknown.isEmpty, report.deltaMonthlyUSD != nil {
      out += " Not in the total (monthly: unknown, set calls_per_day): "
      out += unknown.map(\.id).joined(separator: ", ") + "\n"
    }
    return out
  }

  private static func verdict(_ report: Report, color: Bool) -> String {
    let fails = report.features.filter { $0.worstLevel == .fail }.count
    let warns = report.features.filter { $0.worstLevel == .warn }.count
    let features = { (count: Int) in "\(count) feature\(count == 1 ? "" : "s")" }
    switch report.status {
    case .pass:
      return " " + ANSIStyle.green.apply("PASS", color) + "  within policy (exit \(report.exitCode))"
    case .warn:
      return " " + ANSIStyle.yellow.apply("WARN", color) + "  \(features(warns)) over a warn threshold, within policy "
        + "(exit \(report.exitCode))"
    case .fail:
      let what = fails > 0 ? "\(features(fails)) over a fail threshold" : "the total over its budget"
      return " " + ANSIStyle.boldRed.apply("FAIL", color) + "  \(what) (exit \(report.exitCode))"
    case .approved:
      return " " + ANSIStyle.yellow.apply("APPROVED", color) + "  \(features(fails)) over a fail threshold, approved: "
        + "\(report.approval ?? "no reason given") (exit \(report.exitCode))"
    }
  }

  private static func marker(_ feature: FeatureResult) -> String {
    switch feature.status {
    case .added: return "+"
    case .removed: return "-"
    default: return feature.hasChange ? "~" : " "
    }
  }

  private static func style(_ status: FeatureResult.Status) -> ANSIStyle {
    switch status {
    case .fail: return .boldRed
    case .warn: return .yellow
    case .added, .removed, .pass: return .plain
    }
  }

  /// The report with control characters in user text replaced, so a feature id cannot move the
  /// cursor or recolour the terminal.
  private static func printable(_ report: Report) -> Report {
    func clean(_ text: String) -> String {
      String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
    }
    var copy = report
    copy.approval = report.approval.map(clean)
    copy.warnings = report.warnings.map(clean)
    copy.notes = report.notes.map(clean)
    copy.base.label = report.base.label.map(clean)
    copy.head.label = report.head.label.map(clean)
    copy.features = report.features.map { feature in
      var feature = feature
      feature.id = clean(feature.id)
      feature.renamedFrom = feature.renamedFrom.map(clean)
      feature.model = Pair(base: feature.model.base.map(clean), head: feature.model.head.map(clean))
      for index in feature.violations.indices {
        feature.violations[index].message = clean(feature.violations[index].message)
      }
      for index in feature.topChanges.indices { feature.topChanges[index].file = clean(feature.topChanges[index].file) }
      return feature
    }
    return copy
  }

  private static func sides(_ base: String?, _ head: String?) -> String { "\(base ?? "—") → \(head ?? "—")" }

}
