import Foundation

/// One side of a check after loading: its config (nil when the file does not exist there),
/// its files, and the estimates of its features.
struct RevisionState {
  var source: any FileSource
  var config: Config?
  var snapshots: [String: FeatureSnapshot] = [:]
  /// What the report should state about this side (a glob that matched nothing).
  var notes: [String] = []

  /// Reads and decodes the config at `path` in `source`; nil when absent.
  static func load(source: any FileSource, configPath: String, required: Bool) throws -> RevisionState {
    guard let config = try readConfig(configPath, in: source) else {
      if required { throw ConfigError.missing(configPath) }
      return RevisionState(source: source, config: nil)
    }
    return try load(source: source, config: config, borrowed: false)
  }

  /// The config at `path` in `source`, decoded; nil when the file is not there.
  static func readConfig(_ path: String, in source: any FileSource) throws -> Config? {
    let label = source.revision.count == 40 ? "\(path) at \(source.revision.prefix(12))" : path
    guard let data = try source.read(path) else { return nil }
    return try ConfigDecoder.decode(data, file: label)
  }

  /// The features of `config` read from `source`. A `borrowed` config comes from another side
  /// (a baseline before the config existed): a feature none of whose files exist here did not
  /// exist yet, rather than being an error.
  static func load(source: any FileSource, config: Config, borrowed: Bool) throws -> RevisionState {
    var notes: [String] = []
    let snapshots = try FeatureSnapshot.load(config: config, from: source, borrowed: borrowed, notes: &notes)
    return RevisionState(
      source: source, config: config,
      snapshots: Dictionary(uniqueKeysWithValues: snapshots.map { ($0.feature.id, $0) }),
      notes: notes)
  }
}
