import Foundation

/// How a family whose tokenizer is not public is counted: o200k_base tokens of the request's
/// text and message structure, times `factor`, plus fixed costs the provider adds per request,
/// for tool definitions, tool-call blocks, extended thinking and structured output.
///
/// `factor`, `requestOverhead`, `toolOverhead` and `forcedToolOverhead` are what `tokentax
/// calibrate` fits from recorded calls and what a price row's `token_factor` /
/// `request_overhead` / `tool_overhead` / `forced_tool_overhead` override. The other
/// constants are built in: least-squares fits over the public recorded calls in
/// `fixtures/requests` (see its README).
public struct EstimationProfile: Sendable, Equatable {
  public var family: String
  public var factor: Decimal
  public var requestOverhead: Int
  /// Tokens of the tool-use system prompt the provider adds when tools are defined.
  public var toolOverhead: Int
  /// The same when the tool choice forces a tool (Anthropic `any` / `tool`): Anthropic documents
  /// a different tool-use prompt for it, per model.
  public var forcedToolOverhead: Int
  /// o200k tokens of framing per message (scaled by `factor`).
  var perMessage = 0
  var perTool = 0
  /// Per tool call or tool result block in the history, beyond its text.
  var perToolBlock = 0
  var thinking = 0
  var structuredOutput = 0

  /// The built-in profile of `family` (`claude`, `gemini`, anything else: an open model
  /// behind an OpenAI-compatible API, framed like OpenAI's chat format).
  public static func builtIn(family: String) -> EstimationProfile {
    let factor = TokenCounter.familyFactors[family] ?? 1
    switch family {
    case "claude":
      return EstimationProfile(
        family: family, factor: factor, requestOverhead: 4, toolOverhead: 399, forcedToolOverhead: 434, perMessage: 2,
        perTool: 54, perToolBlock: 21, thinking: 30, structuredOutput: 190)
    case "gemini":
      return EstimationProfile(
        family: family, factor: factor, requestOverhead: 0, toolOverhead: 25, forcedToolOverhead: 25, perMessage: 1,
        perTool: 9, perToolBlock: 3)
    default:
      return EstimationProfile(
        family: family, factor: factor, requestOverhead: 3, toolOverhead: 9, forcedToolOverhead: 9, perMessage: 4)
    }
  }

  /// This profile with a price row's calibrated numbers.
  func applying(_ price: ModelPrice?) -> EstimationProfile {
    var profile = self
    if let factor = price?.tokenFactor { profile.factor = factor }
    if let overhead = price?.requestOverhead { profile.requestOverhead = overhead }
    if let overhead = price?.toolOverhead {
      // A row that calibrated only `tool_overhead` keeps the built-in gap to the forced one.
      profile.forcedToolOverhead += overhead - profile.toolOverhead
      profile.toolOverhead = overhead
    }
    if let overhead = price?.forcedToolOverhead { profile.forcedToolOverhead = overhead }
    return profile
  }

  /// The part of the estimate that `factor` scales.
  func scaled(_ features: RequestFeatures) -> Int { features.textTokens + perMessage * features.messages }

  /// The part that neither `factor` nor the calibrated overheads touch: built-in structure, media.
  func structure(_ features: RequestFeatures) -> Int {
    var tokens = features.mediaTokens + features.thoughtSignatureTokens + features.definedToolTokens
    tokens += perToolBlock * features.toolBlocks + perTool * features.tools
    if features.thinking { tokens += thinking }
    if features.structuredOutput { tokens += structuredOutput }
    return tokens
  }

  func estimate(_ features: RequestFeatures) -> Int {
    let scaled = TokenCounter.scale(scaled(features), by: factor)
    return max(0, scaled + requestOverhead + tools(features) + structure(features))
  }

  /// The tool-use prompt's tokens: none without tools, else the one for the tool choice.
  func tools(_ features: RequestFeatures) -> Int {
    guard features.hasTools else { return 0 }
    return features.toolsForced ? forcedToolOverhead : toolOverhead
  }

  /// `o200k_base × 1.15 + 4 per request (claude estimate)`; a zero overhead is left out.
  var method: String {
    let overhead = requestOverhead == 0 ? "" : " \(requestOverhead < 0 ? "−" : "+") \(abs(requestOverhead)) per request"
    return "o200k_base × \(factor)\(overhead) (\(family) estimate)"
  }
}
