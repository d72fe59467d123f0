import Foundation

/// One side of a check after loading: its config (nil when the file does not exist there),
/// its files, and the estimates of its features.
struct RevisionState {
  var source: any FileSource
  var config: Config?
  var snapshots: [String: FeatureSnapshot] = [:]

  /// Reads and decodes the config at `path` in `source`; nil when absent.
  static func load(source: any FileSource, configPath: String, required: Bool) throws -> RevisionState {
    let label = source.revision.count == 40 ? "\(configPath) at \(source.revision.prefix(12))" : configPath
    guard let data = try source.read(configPath) else {
      if required { throw ConfigError.missing(configPath) }
      return RevisionState(source: source, config: nil)
    }
    let config = try ConfigDecoder.decode(data, file: label)
    let snapshots = try FeatureSnapshot.load(config: config, from: source)
    return RevisionState(
      source: source, config: config, snapshots: Dictionary(uniqueKeysWithValues: snapshots.map { ($0.feature.id, $0) }))
  }
}
