import Foundation

/// Canary traces of one feature at both sides of a check, compared (docs/traces.md).
///
/// Trace files come from the revision they describe: with `"traces": [globs]` the base side is
/// read from the base commit and the head side from the head; with `{ "base": …, "head": … }`
/// both are read at head. Calls are attributed like `traces summarize` does, with the feature as
/// the default for untagged calls, since the config lists these files under it.
struct TraceEvidence: Sendable {
  var prices: PriceTable
  var rules: [AttributionRule]
  var minSamples: Int

  /// Nil when neither side has trace files configured.
  func compare(feature id: String, head: (FeatureConfig, any FileSource)?, base: (FeatureConfig, any FileSource)?)
    throws
    -> FeatureTraceComparison?
  {
    var headFiles: [TraceFile] = []
    var baseFiles: [TraceFile] = []
    switch head?.0.traces {
    case .baseAndHead(let basePatterns, let headPatterns)?:
      guard let source = head?.1 else { return nil }
      headFiles = try files(headPatterns, in: source, feature: id)
      baseFiles = try files(basePatterns, in: source, feature: id)
    case .atRevision(let patterns)?:
      guard let source = head?.1 else { return nil }
      headFiles = try files(patterns, in: source, feature: id)
      if let base, case .atRevision(let basePatterns)? = base.0.traces {
        baseFiles = try files(basePatterns, in: base.1, feature: id, optional: true)
      }
    case nil:
      return nil
    }
    // The two sides are read independently, each on its own core.
    let sides = try Parallel.map([(headFiles, true), (baseFiles, false)]) { [self] files, isHead in
      isHead || !files.isEmpty ? try summarize(files, feature: id) : nil
    }
    let (headStats, baseStats) = (sides[0], sides[1])
    return TraceComparator.compare(
      feature: id, base: baseStats, head: headStats, prices: prices,
      options: TraceComparisonOptions(minSamples: minSamples))
  }

  private func summarize(_ files: [TraceFile], feature: String) throws -> FeatureTraceStats? {
    let attributor = FeatureAttributor(rules: rules, defaultFeature: feature)
    let summary = try TraceLoader.summarize(files, options: TraceLoadOptions(attributor: attributor), prices: prices)
    return summary.features[feature]
  }

  /// The trace files matching `patterns` at `source`. Working-tree files are read in place
  /// (streaming); files of a commit or the index come from git as bytes.
  private func files(_ patterns: [String], in source: any FileSource, feature: String, optional: Bool = false) throws
    -> [TraceFile]
  {
    let expanded = try source.expand(patterns)
    let paths = patterns.flatMap { expanded[$0] ?? [] }
    var onDisk: [String: URL] = [:]
    for path in paths { onDisk[path] = try source.fileURL(path) }
    let contents = try source.read(paths.filter { onDisk[$0] == nil })
    var files: [TraceFile] = []
    for pattern in patterns {
      var found = false
      for path in expanded[pattern] ?? [] {
        if let url = onDisk[path] {
          files.append(TraceFile(url: url, displayName: path))
        } else if let data = contents[path] {
          files.append(TraceFile(contents: data, displayName: "\(path) at \(FeatureSnapshot.label(source.revision))"))
        } else {
          continue
        }
        found = true
      }
      if !found && !optional {
        throw TraceError.noMatch(pattern: pattern, feature: feature, revision: FeatureSnapshot.label(source.revision))
      }
    }
    return files
  }
}
