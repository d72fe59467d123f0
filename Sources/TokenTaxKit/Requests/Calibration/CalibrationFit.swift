import Foundation

/// One model's fitted `token_factor` and `request_overhead`, with `tool_overhead` and
/// `forced_tool_overhead` where the calls tell them apart, and the errors they leave on the
/// calls they were fitted to, next to the errors of the profile in use before.
struct CalibrationFit {
  var model: String
  var samples: Int
  var fitted: EstimationProfile
  /// Whether the tool overhead was fitted: some calls define tools and some do not.
  var fittedToolOverhead: Bool
  /// Whether the forced-choice overhead was fitted: some calls with tools force one and some
  /// do not.
  var fittedForcedToolOverhead: Bool
  var before: Errors
  var after: Errors

  struct Errors: Equatable {
    var meanAbsPercent: Double
    var maxAbsPercent: Double
    /// The same over calls that reported more than 500 input tokens (nil when there are none).
    var largeCalls: Int
    var largeMeanAbsPercent: Double?
    var largeMaxAbsPercent: Double?
  }

  /// Least squares of `reported − structure = factor × scaled + overhead (+ tools × tool
  /// overhead + forced × (forced overhead − tool overhead))` over the calls of one model; what
  /// the calls cannot tell apart keeps the profile's number. With enough small calls the
  /// overhead is pinned by them first (`smallCallOverhead`) and the rest fitted around it.
  static func fit(_ samples: [CalibrationSample]) -> CalibrationFit? {
    guard let first = samples.first else { return nil }
    let base = first.profile
    let withTools = samples.filter { $0.features.hasTools }
    let forced = withTools.filter(\.features.toolsForced).count
    var fitsTools = !withTools.isEmpty && withTools.count < samples.count
    var fitsForced = forced > 0 && forced < withTools.count
    let forcedGap = Double(base.forcedToolOverhead - base.toolOverhead)
    let targets = samples.map { sample -> Double in
      var target = Double(sample.reported - base.structure(sample.features))
      if !fitsTools, sample.features.hasTools { target -= Double(base.toolOverhead) }
      if !fitsForced, sample.features.hasTools, sample.features.toolsForced { target -= forcedGap }
      return target
    }
    let rows = samples.map { sample -> [Double] in
      var row = [Double(base.scaled(sample.features)), 1]
      if fitsTools { row.append(sample.features.hasTools ? 1 : 0) }
      if fitsForced { row.append(sample.features.hasTools && sample.features.toolsForced ? 1 : 0) }
      return row
    }
    var fitted = base
    if var solution = LeastSquares.solve(rows: rows, targets: targets), solution[0] > 0 {
      if let overhead = smallCallOverhead(samples, rows: rows, targets: targets, factor: solution[0]),
        let rest = LeastSquares.solve(
          rows: rows.map { [$0[0]] + $0.dropFirst(2) }, targets: targets.map { $0 - overhead }),
        rest[0] > 0
      {
        solution = [rest[0], overhead] + rest.dropFirst()
      }
      fitted.factor = Money.decimal(solution[0], digits: 3) ?? base.factor
      fitted.requestOverhead = Int(solution[1].rounded())
      if fitsTools { fitted.toolOverhead = Int(solution[2].rounded()) }
      let gap = fitsForced ? solution[rows[0].count - 1] : forcedGap
      fitted.forcedToolOverhead = fitted.toolOverhead + Int(gap.rounded())
    } else {
      // One call, or calls of one size: keep the overheads, scale the rest.
      fitsTools = false
      fitsForced = false
      let scaled = rows.reduce(0) { $0 + $1[0] }
      let rest = targets.reduce(0, +) - Double(base.requestOverhead * samples.count)
      if scaled > 0, rest > 0 {
        fitted.factor = Money.decimal(rest / scaled, digits: 3) ?? base.factor
      }
    }
    return CalibrationFit(
      model: first.model, samples: samples.count, fitted: fitted, fittedToolOverhead: fitsTools,
      fittedForcedToolOverhead: fitsForced, before: errors(samples) { $0.profile },
      after: errors(samples) { _ in fitted })
  }

  /// The per-request overhead as the small calls without tools show it: the median of what
  /// is left of them beyond `factor` × their text. A least-squares line through calls of all
  /// sizes is steered by the large ones, whose factor varies with their content, and lands
  /// its intercept anywhere (−3 on the recorded Claude calls, where an 8-token call bills
  /// 8); fixing it from the calls where the factor barely matters keeps the fit's error on
  /// large calls and halves it on small ones. Nil under three such calls.
  static func smallCallOverhead(
    _ samples: [CalibrationSample], rows: [[Double]], targets: [Double], factor: Double
  ) -> Double? {
    let residuals = samples.indices
      .filter { samples[$0].reported < smallCallTokens && !samples[$0].features.hasTools }
      .map { targets[$0] - factor * rows[$0][0] }
      .sorted()
    guard residuals.count >= 3 else { return nil }
    let middle = residuals.count / 2
    return residuals.count % 2 == 1 ? residuals[middle] : (residuals[middle - 1] + residuals[middle]) / 2
  }

  /// Calls under this many reported tokens pin the overhead.
  static let smallCallTokens = 200

  static func errors(_ samples: [CalibrationSample], profile: (CalibrationSample) -> EstimationProfile) -> Errors {
    var all: [Double] = []
    var large: [Double] = []
    for sample in samples {
      let estimate = Double(profile(sample).estimate(sample.features))
      let error = abs(estimate - Double(sample.reported)) / Double(sample.reported) * 100
      all.append(error)
      if sample.reported > 500 { large.append(error) }
    }
    return Errors(
      meanAbsPercent: all.reduce(0, +) / Double(max(1, all.count)), maxAbsPercent: all.max() ?? 0,
      largeCalls: large.count, largeMeanAbsPercent: large.isEmpty ? nil : large.reduce(0, +) / Double(large.count),
      largeMaxAbsPercent: large.max())
  }
}
