import Foundation
import JSON

/// What `tokentax calibrate` prints: the fit per model, its error before and after, and the
/// `prices.overrides` entries that put it to use.
struct CalibrationReport {
  var fits: [CalibrationFit]
  /// Calls of OpenAI models, which are counted exactly and need no calibration.
  var skippedExact: Int
  /// Models with fewer calls than `--min-calls`, with their call counts.
  var tooFew: [String: Int] = [:]
  /// Calls of estimated families that no fit used, by reason.
  var leftOut: [LeftOut: Int] = [:]

  /// Why a call is not fitted: its estimate has parts the fit does not scale.
  enum LeftOut: String, CaseIterable {
    /// Images, whose tokens come from the provider's formula.
    case images
    /// Parts counted apart or not at all (thought signatures, server tools, files).
    case estimatedParts = "estimated_parts"
    /// Under `--min-tokens`.
    case small

    init?(_ sample: CalibrationSample, minimumTokens: Int) {
      if sample.features.mediaTokens > 0 {
        self = .images
      } else if !sample.features.notes.isEmpty {
        self = .estimatedParts
      } else if sample.reported < minimumTokens {
        self = .small
      } else {
        return nil
      }
    }

    var phrase: String {
      switch self {
      case .images: "with images"
      case .estimatedParts: "with parts estimated apart or not counted"
      case .small: "under --min-tokens"
      }
    }
  }

  /// Fits whose factor is under half or over twice the family's built-in one: the calls were too
  /// few or too alike to tell text from overhead (9 Claude calls of two sizes fitted 0.46).
  /// They are shown, with a warning, but left out of the overrides.
  var doubtful: [(model: String, warning: String)] {
    fits.compactMap { fit in
      let builtIn = EstimationProfile.builtIn(family: fit.fitted.family).factor
      guard builtIn > 0 else { return nil }
      let ratio = fit.fitted.factor / builtIn
      guard ratio < 0.5 || ratio > 2 else { return nil }
      let warning =
        "\(fit.model): token_factor \(Money.plain(fit.fitted.factor)) is \(ratio < 0.5 ? "under half" : "over twice") the "
        + "\(fit.fitted.family) family's \(Money.plain(builtIn)); its \(fit.samples) calls are too few or too alike to tell "
        + "text from overhead, so it is left out of the overrides: record more varied calls"
      return (fit.model, warning)
    }
  }

  /// `prices.overrides` entries, one per model with a plausible fit.
  var overrides: JSONObject {
    var entries: JSONObject = [:]
    let doubtful = Set(self.doubtful.map(\.model))
    for fit in fits where !doubtful.contains(fit.model) {
      var entry: JSONObject = [
        "token_factor": .number(Money.plain(fit.fitted.factor)), "request_overhead": .int(fit.fitted.requestOverhead),
      ]
      if fit.fittedToolOverhead { entry["tool_overhead"] = .int(fit.fitted.toolOverhead) }
      if fit.fittedForcedToolOverhead { entry["forced_tool_overhead"] = .int(fit.fitted.forcedToolOverhead) }
      entries[fit.model] = .object(entry)
    }
    return entries
  }

  func text() -> String {
    let calls = fits.reduce(0) { $0 + $1.samples }
    var out =
      "Calibrated \(fits.count) model\(fits.count == 1 ? "" : "s") from \(calls) recorded call\(calls == 1 ? "" : "s")"
    if skippedExact > 0 {
      out += " (\(skippedExact) OpenAI call\(skippedExact == 1 ? "" : "s") skipped: counted exactly)"
    }
    let reasons = LeftOut.allCases.compactMap { reason in leftOut[reason].map { "\($0) \(reason.phrase)" } }
    if !reasons.isEmpty { out += "; left out: " + reasons.joined(separator: ", ") }
    out += "\n\n"
    let headers = [
      "MODEL", "FAMILY", "CALLS", "FACTOR", "OVERHEAD", "TOOLS", "FORCED", "MEAN ERROR", "MAX ERROR", "OVER 500 TOKENS",
      "BEFORE",
    ]
    var rows = [headers]
    for fit in fits {
      var large = "—"
      if let mean = fit.after.largeMeanAbsPercent, let max = fit.after.largeMaxAbsPercent {
        large = "\(Money.absPercent(mean)) mean, \(Money.absPercent(max)) max (\(fit.after.largeCalls))"
      }
      rows.append([
        fit.model, fit.fitted.family, String(fit.samples), Money.plain(fit.fitted.factor),
        String(fit.fitted.requestOverhead), fit.fittedToolOverhead ? String(fit.fitted.toolOverhead) : "—",
        fit.fittedForcedToolOverhead ? String(fit.fitted.forcedToolOverhead) : "—",
        Money.absPercent(fit.after.meanAbsPercent), Money.absPercent(fit.after.maxAbsPercent), large,
        Money.absPercent(fit.before.meanAbsPercent) + " mean",
      ])
    }
    out += TextTable.render(rows, rightAligned: { (2...8).contains($0) })
    if !tooFew.isEmpty {
      let list = tooFew.keys.sorted().map { "\($0) (\(tooFew[$0] ?? 0))" }.joined(separator: ", ")
      out += "\nNot fitted, too few calls: \(list)\n"
    }
    let warnings = doubtful
    if !warnings.isEmpty { out += "\n" + warnings.map { "warning: " + $0.warning + "\n" }.joined() }
    guard !overrides.isEmpty else { return out }
    out += """

      Errors are |estimate − reported| / reported per call, on the calls fitted; BEFORE is the
      calibration in use until now. TOOLS is fitted only when some calls define tools and some do
      not, FORCED (tools with a forced tool choice) only when some of those force one and some do not.
      To use the fit, add to tokentax.json (or put the entries under "models" in a --prices file):


      """
    out += "\"prices\": { \"overrides\": " + JSONWriter.string(.object(overrides)) + " }\n"
    return out
  }

  func json() -> String {
    func errors(_ errors: CalibrationFit.Errors) -> JSONValue {
      .object([
        "mean_abs_percent": .number(Money.jsonPercent(errors.meanAbsPercent)),
        "max_abs_percent": .number(Money.jsonPercent(errors.maxAbsPercent)), "large_calls": .int(errors.largeCalls),
        "large_mean_abs_percent": errors.largeMeanAbsPercent.map { .number(Money.jsonPercent($0)) } ?? .null,
        "large_max_abs_percent": errors.largeMaxAbsPercent.map { .number(Money.jsonPercent($0)) } ?? .null,
      ])
    }
    let models: [JSONValue] = fits.map { fit in
      .object([
        "model": .string(fit.model), "family": .string(fit.fitted.family), "calls": .int(fit.samples),
        "token_factor": .number(Money.plain(fit.fitted.factor)), "request_overhead": .int(fit.fitted.requestOverhead),
        "tool_overhead": fit.fittedToolOverhead ? .int(fit.fitted.toolOverhead) : .null,
        "forced_tool_overhead": fit.fittedForcedToolOverhead ? .int(fit.fitted.forcedToolOverhead) : .null,
        "error": errors(fit.after), "before": errors(fit.before),
      ])
    }
    let root: JSONValue = .object([
      "models": .array(models), "skipped_exact": .int(skippedExact), "overrides": .object(JSONObject(overrides)),
      "too_few_calls": .object(JSONObject(tooFew.mapValues(JSONValue.int))),
      "warnings": .array(doubtful.map { .string($0.warning) }),
      "left_out": .object(JSONObject(leftOut.map { (key: $0.key.rawValue, value: JSONValue.int($0.value)) })),
    ])
    return JSONWriter.string(root) + "\n"
  }
}
