import Foundation

/// One LLM feature: its prompt parts, traffic, model and limits.
public struct FeatureConfig: Sendable, Equatable {
  public var id: String
  public var model: String?
  public var callsPerDay: Decimal?
  public var prompt: [PromptPart]
  /// Tokens per placeholder name.
  public var variables: [String: Int]
  public var history: History?
  public var outputTokens: Int?
  public var batch: Bool
  public var traces: TraceSources?
  public var thresholds: Thresholds
  public var budgetMonthlyUSD: Decimal?
  /// This feature's cache hit rate (0–1) when no traces measure it; nil = `defaults`.
  public var cacheHitRate: Double?

  public init(
    id: String, model: String? = nil, callsPerDay: Decimal? = nil, prompt: [PromptPart] = [], variables: [String: Int] = [:],
    history: History? = nil, outputTokens: Int? = nil, batch: Bool = false, traces: TraceSources? = nil,
    thresholds: Thresholds = Thresholds(), budgetMonthlyUSD: Decimal? = nil
  ) {
    self.id = id
    self.model = model
    self.callsPerDay = callsPerDay
    self.prompt = prompt
    self.variables = variables
    self.history = history
    self.outputTokens = outputTokens
    self.batch = batch
    self.traces = traces
    self.thresholds = thresholds
    self.budgetMonthlyUSD = budgetMonthlyUSD
  }

  /// Multi-turn growth: a conversation of `turns` turns, each adding `tokensPerTurn`.
  public struct History: Sendable, Equatable {
    public var turns: Int
    public var tokensPerTurn: Int
    public init(turns: Int, tokensPerTurn: Int) {
      self.turns = turns
      self.tokensPerTurn = tokensPerTurn
    }
  }

  /// Trace files (globs) at the revision being checked, or explicit base/head files at head.
  public enum TraceSources: Sendable, Equatable {
    case atRevision([String])
    case baseAndHead(base: [String], head: [String])
  }
}

/// One file (or glob) of a feature's prompt, in the order it is sent.
public struct PromptPart: Sendable, Equatable {
  public enum Role: String, Sendable, CaseIterable { case system, user, assistant, developer }
  public enum Kind: String, Sendable, CaseIterable { case text, tools, schema, examples, request }
  public enum Syntax: String, Sendable, CaseIterable { case auto, mustache, jinja, python, js, none }

  public var file: String
  public var role: Role?
  public var kind: Kind
  /// Part of the cacheable prefix.
  public var cache: Bool
  public var syntax: Syntax

  public init(file: String, role: Role? = nil, kind: Kind = .text, cache: Bool = false, syntax: Syntax = .auto) {
    self.file = file
    self.role = role
    self.kind = kind
    self.cache = cache
    self.syntax = syntax
  }
}
