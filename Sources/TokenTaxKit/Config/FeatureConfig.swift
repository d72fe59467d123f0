import Foundation

/// One LLM feature: its prompt parts, traffic, model and limits.
public struct FeatureConfig: Sendable, Equatable {
  public var id: String
  public var model: String?
  public var callsPerDay: Decimal?
  public var prompt: [PromptPart]
  /// Tokens per placeholder name.
  public var variables: [String: Int]
  /// Placeholders filled with the text of another prompt source (`.format()`, f-strings and
  /// `${}` composing a prompt out of constants): counted where the placeholder occurs.
  public var boundVariables: [String: BoundSource] = [:]
  public var history: History?
  public var outputTokens: Int?
  public var batch: Bool
  public var traces: TraceSources?
  public var thresholds: Thresholds
  public var budgetMonthlyUSD: Decimal?
  /// `template_paths`, `branches` and `loops`.
  public var templates = TemplateOptions()
  /// This feature's cache hit rate (0–1) when no traces measure it; nil = `defaults`.
  public var cacheHitRate: Double?

  public init(
    id: String, model: String? = nil, callsPerDay: Decimal? = nil, prompt: [PromptPart] = [],
    variables: [String: Int] = [:],
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

/// A value in a source file that fills a placeholder: `{ "file": "app/prompts.py", "symbol": "Tips.go_ahead" }`.
public struct BoundSource: Sendable, Equatable {
  public var file: String
  public var selector: PromptSource.Selector?
  public var syntax: PromptPart.Syntax

  public init(file: String, selector: PromptSource.Selector?, syntax: PromptPart.Syntax = .auto) {
    self.file = file
    self.selector = selector
    self.syntax = syntax
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
  /// The value inside `file` this part is (`symbol` in code, `key` in YAML/JSON); nil: the whole file.
  public var selector: PromptSource.Selector?

  public init(
    file: String, role: Role? = nil, kind: Kind = .text, cache: Bool = false, syntax: Syntax = .auto,
    selector: PromptSource.Selector? = nil
  ) {
    self.file = file
    self.selector = selector
    self.role = role
    self.kind = kind
    self.cache = cache
    self.syntax = syntax
  }
}
