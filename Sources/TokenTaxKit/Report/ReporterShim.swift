// TEMPORARY: replaced by the reporters branch.
public struct ReportContext: Sendable, Equatable {
  public var color: Bool
  public var tag: String?
  public var configPath: String
  public var characterLimit: Int
  public init(color: Bool = false, tag: String? = nil, configPath: String = "tokentax.json", characterLimit: Int = 65_536) {
    self.color = color
    self.tag = tag
    self.configPath = configPath
    self.characterLimit = characterLimit
  }
}
public enum ReportFormat: String, CaseIterable, Sendable { case table, markdown, json, github }
extension Report {
  public func rendered(as format: ReportFormat, context: ReportContext = ReportContext()) -> String {
    var out = "status: \(status.rawValue)\n"
    for f in features {
      out += "\(f.id) \(f.status.rawValue) in \(f.base?.inputTokens ?? 0)->\(f.head?.inputTokens ?? 0) cached \(f.base?.cachedInputTokens ?? 0)->\(f.head?.cachedInputTokens ?? 0) out \(f.base?.outputTokens ?? 0)->\(f.head?.outputTokens ?? 0) $\(Money.usd(f.base?.costPerCallUSD ?? 0))->\(Money.usd(f.head?.costPerCallUSD ?? 0)) month \(Money.usd(f.base?.monthlyUSD))->\(Money.usd(f.head?.monthlyUSD)) \(f.violations.map(\.message)) \(f.topChanges)\n"
    }
    return out + warnings.joined(separator: "\n") + "\n"
  }
}
