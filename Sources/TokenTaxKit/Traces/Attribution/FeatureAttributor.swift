import JSON

/// Decides which feature a call belongs to (docs/traces.md).
///
/// Order: the record's explicit tag (native `feature`, OTel `tokentax.feature`, a
/// `metadata.feature`), then the config rules in order, then the default feature when the
/// config lists the file under one feature, then the format's weaker hints (agent name, span
/// name, `feature:` tags), else `unattributed`: a call is never dropped.
public struct FeatureAttributor: Sendable {
  public var rules: [AttributionRule]
  /// The feature of calls that carry no attribution, when the files belong to one feature.
  public var defaultFeature: String?

  public init(rules: [AttributionRule] = [], defaultFeature: String? = nil) {
    self.rules = rules
    self.defaultFeature = defaultFeature
  }

  /// - Parameters:
  ///   - explicit: the record's own feature tag, which wins.
  ///   - record: the record the rules' field paths resolve against (built only when needed).
  ///   - hints: weaker, format-specific guesses, best first.
  func feature(explicit: String?, record: @autoclosure () -> JSONValue, hints: @autoclosure () -> [String?] = [])
    -> String
  {
    if let explicit, !explicit.isEmpty { return explicit }
    if !rules.isEmpty {
      let value = record()
      if let rule = rules.first(where: { $0.matches(value) }) { return rule.feature }
    }
    if let defaultFeature { return defaultFeature }
    if let hint = hints().lazy.compactMap({ $0 }).first(where: { !$0.isEmpty }) { return hint }
    return TraceCall.unattributed
  }

  /// A line read in place (a fast path) as the whole record the rules match: pass it where
  /// `record` is taken, so it is parsed only when there are rules; `null` if it does not parse.
  static func record(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue {
    (try? JSONParser().parse(bytes)) ?? .null
  }

  /// The feature named by a `feature:x` or `feature=x` tag in a tag list.
  static func featureTag(in tags: JSONValue?) -> String? {
    guard let items = tags?.arrayValue ?? tags?.embeddedJSON?.arrayValue else { return nil }
    for case .string(let tag) in items {
      for prefix in ["feature:", "feature="] where tag.hasPrefix(prefix) {
        let value = tag.dropFirst(prefix.count)
        if !value.isEmpty { return String(value) }
      }
    }
    return nil
  }
}
