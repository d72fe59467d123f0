import Foundation

/// `estimate` and `budget init`: every feature's cost at one revision, no comparison.
public struct Forecast: Sendable {
  public var revision: String
  /// The config that was read: repo-relative, and where it is in the working tree.
  public var configPath: String
  public var configURL: URL
  public var features: [Row]
  public var warnings: [String]
  public var pricesAsOf: String

  public struct Row: Sendable {
    public var id: String
    public var model: String
    public var encoding: EncodingInfo
    public var estimate: CallEstimate
  }

  /// The total monthly cost of the features that have one.
  public var monthlyUSD: Decimal? {
    let known = features.compactMap(\.estimate.monthlyUSD)
    return known.isEmpty ? nil : known.reduce(0, +)
  }

  /// Forecasts the working tree (rev nil) or a commit.
  public static func make(
    rev: String?, configPath: String?, priceFiles: [String], workingDirectory: URL, environment: [String: String]
  ) throws
    -> Forecast
  {
    let git = try Git.discover(from: workingDirectory, environment: environment)
    let source: any FileSource =
      try rev.map { CommitFiles(git: git, sha: try git.resolve($0)) } ?? WorktreeFiles(git: git)
    let path =
      try configPath.map { try CheckPipeline.repoRelative($0, git: git, workingDirectory: workingDirectory) }
      ?? Config.fileName
    let state = try RevisionState.load(source: source, configPath: path, required: true)
    guard let config = state.config else { throw ConfigError.missing(path) }
    let prices = try PriceSetup.table(
      config: config, source: source, extraFiles: priceFiles, workingDirectory: workingDirectory)
    let estimator = Estimator(defaults: config.defaults, prices: prices)
    var rows: [Row] = []
    var warnings: [String] = []
    for feature in config.features {
      guard let snapshot = state.snapshots[feature.id] else { continue }
      let estimate = try estimator.estimate(snapshot)
      warnings += estimate.warnings
      rows.append(
        Row(id: feature.id, model: estimate.model, encoding: estimate.encoding, estimate: estimate.callEstimate))
    }
    return Forecast(
      revision: source.revision, configPath: path, configURL: git.root.appendingPathComponent(path), features: rows,
      warnings: warnings, pricesAsOf: prices.asOf ?? "unknown")
  }
}
