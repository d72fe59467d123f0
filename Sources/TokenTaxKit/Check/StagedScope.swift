import Foundation

/// The features a commit touches (`check --staged`): only they are judged, so a README-only
/// commit is never blocked by a feature that was over a level before it.
struct StagedScope {
  /// Paths the index changes against the base.
  var changed: Set<String>

  static func load(git: Git, base: String) throws -> StagedScope {
    let output = try git.run(["diff", "--cached", "--name-only", "--no-renames", "-z", base])
    let paths = output.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    return StagedScope(changed: Set(paths))
  }

  /// Whether the commit touches feature `id`: one of its prompt or trace files, its config
  /// entry, or the config's shared parts (defaults, prices, thresholds) that every feature uses.
  func touches(base: FeatureSnapshot?, head: FeatureSnapshot?, baseConfig: Config?, headConfig: Config) -> Bool {
    guard let base, let head, base.feature == head.feature, Self.shared(baseConfig) == Self.shared(headConfig) else {
      return true
    }
    if !changed.isDisjoint(with: base.files.map(\.path) + head.files.map(\.path)) { return true }
    let traces: [String]
    switch head.feature.traces {
    case .atRevision(let paths)?: traces = paths
    case .baseAndHead(let base, let head)?: traces = base + head
    case nil: traces = []
    }
    return traces.map(Glob.init).contains { glob in changed.contains(where: glob.matches) }
  }

  /// The config without its features: what a change to applies to all of them.
  private static func shared(_ config: Config?) -> Config? {
    config.map {
      var copy = $0
      copy.features = []
      return copy
    }
  }
}
