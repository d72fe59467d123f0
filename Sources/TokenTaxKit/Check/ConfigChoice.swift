import Foundation

/// Which side's `tokentax.json` judges a check (`--config-from`), and what the report says
/// about it.
///
/// By default each side reads its own config; a base without one (the pull request that adopts
/// tokentax, or history before adoption) is measured with the head's config, so its features
/// get a real baseline instead of all showing as added.
public enum ConfigOrigin: String, Sendable, CaseIterable {
  case head, base, worktree
}

/// The configs both sides are read with, and where the price files come from.
struct ConfigChoice {
  var head: Config
  var base: Config?
  /// True when `base` is not the base's own file (the same config judges both sides).
  var baseBorrowed: Bool
  var headBorrowed: Bool
  /// The side whose files `prices.files` are read from: the config's own.
  var priceSource: any FileSource
  var note: String?

  /// A side as the user named it, for errors and notes: `commit 1a2b3c4d5e6f (v1.0)`.
  struct Side {
    var source: any FileSource
    var label: String?
    var name: String {
      let place = FeatureSnapshot.label(source.revision)
      guard let label, source.revision.count == 40, label != source.revision else { return place }
      return "\(place) (\(label))"
    }
  }

  static func choose(
    _ origin: ConfigOrigin?, path: String, head: Side, base: Side, worktree: any FileSource
  ) throws -> ConfigChoice {
    switch origin {
    case nil:
      guard let headConfig = try RevisionState.readConfig(path, in: head.source) else {
        throw try missing(path, at: head, worktree: head.source.revision == "worktree" ? nil : worktree)
      }
      if let baseConfig = try RevisionState.readConfig(path, in: base.source) {
        return ConfigChoice(
          head: headConfig, base: baseConfig, baseBorrowed: false, headBorrowed: false, priceSource: head.source)
      }
      return ConfigChoice(
        head: headConfig, base: headConfig, baseBorrowed: true, headBorrowed: false, priceSource: head.source,
        note: "the base (\(base.name)) has no \(path): the head's config is applied to both sides")
    case .head?:
      guard let config = try RevisionState.readConfig(path, in: head.source) else {
        throw try missing(path, at: head, worktree: nil)
      }
      return ConfigChoice(
        head: config, base: config, baseBorrowed: true, headBorrowed: false, priceSource: head.source,
        note: "--config-from head: the head's \(path) is applied to both sides")
    case .base?:
      guard let config = try RevisionState.readConfig(path, in: base.source) else {
        throw try missing(path, at: base, worktree: nil)
      }
      return ConfigChoice(
        head: config, base: config, baseBorrowed: false, headBorrowed: true, priceSource: base.source,
        note: "--config-from base: the base's \(path) is applied to both sides")
    case .worktree?:
      let source = worktree
      let side = Side(source: source, label: nil)
      guard let config = try RevisionState.readConfig(path, in: source) else {
        throw try missing(path, at: side, worktree: nil)
      }
      return ConfigChoice(
        head: config, base: config, baseBorrowed: true, headBorrowed: head.source.revision != "worktree",
        priceSource: source,
        note: "--config-from worktree: the working tree's \(path) is applied to both sides")
    }
  }

  /// The error for a side without the config, pointing at the working tree's when it has one.
  private static func missing(_ path: String, at side: Side, worktree: (any FileSource)?) throws -> ConfigError {
    let elsewhere = try worktree.map { try $0.read(path) != nil } ?? false
    return .missingAt(file: path, revision: side.name, inWorktree: elsewhere)
  }
}
