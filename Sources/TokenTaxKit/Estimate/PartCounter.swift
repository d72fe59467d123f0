import JSON

/// The counting rule for prompt parts, written once: what a template's messages, a request body
/// or a tool / schema definition add to a call's input tokens. The estimate counts each part with
/// it, and top changes recount edited versions of a part with it (`PartRecount`), so a changed
/// line is worth what the estimate says it is.
struct PartCounter: Sendable {
  /// OpenAI chat framing: every message costs 3 tokens, and the reply is primed with 3.
  static let tokensPerMessage = 3
  static let replyPriming = 3

  var model: String
  var prices: PriceTable
  var counter: TokenCounter
  /// Placeholder sizes: the feature's `variables`, with bound values' sizes merged in.
  var variables: [String: Int]
  /// The size of a placeholder `variables` does not size (`defaults.variable_tokens`).
  var defaultSize: Int

  /// The tokens and message count of rendered templates, each non-empty message with its framing.
  /// A placeholder ends the cacheable `prefix` (it changes per call); `unknown` collects the
  /// placeholders counted at the default size.
  func count(_ templates: [Template], prefix: inout CachePrefix, unknown: inout Set<String>) -> (
    tokens: Int, messages: Int
  ) {
    var tokens = 0
    var messages = 0
    for message in templates.lazy.flatMap(\.messages) where !message.pieces.isEmpty {
      messages += 1
      tokens += Self.tokensPerMessage
      prefix.add(Self.tokensPerMessage)
      for piece in message.pieces {
        switch piece {
        case .text(let text, _):
          let count = counter.count(text)
          tokens += count
          prefix.add(count)
        case .placeholder(let name, _):
          tokens += size(of: name, unknown: &unknown)
          prefix.close()
        }
      }
    }
    return (tokens, messages)
  }

  /// A whole request body, whose count already holds the message framing and reply priming.
  /// `names` collects the placeholders it names; one of them ends the cacheable `prefix`.
  func countRequest(
    _ file: FeatureSnapshot.PromptFile, prefix: inout CachePrefix, names: inout Set<String>,
    unknown: inout Set<String>
  ) throws -> RequestCount {
    let (request, hasPlaceholders) = try RequestPart.count(file, model: model, prices: prices) { name in
      names.insert(name)
      return size(of: name, unknown: &unknown)
    }
    if hasPlaceholders { prefix.close() }
    prefix.add(request.inputTokens)
    return request
  }

  /// Tool and schema definitions, minified: whitespace in a pretty-printed file is not sent.
  func countJSON(_ text: String) throws -> Int {
    counter.count(JSONWriter.string(try JSONParser(relaxed: true).parse(text), pretty: false))
  }

  /// A placeholder's size: from `variables`, or the default (noted in `unknown`).
  func size(of name: String, unknown: inout Set<String>) -> Int {
    if let size = Self.size(of: name, variables: variables) { return size }
    unknown.insert(name)
    return defaultSize
  }

  /// A placeholder's size from `variables`; nil when they do not size it.
  static func size(of name: String, variables: [String: Int]) -> Int? {
    if let size = variables[name] { return size }
    // `user.name` / `docs[0]` fall back to the root variable's size.
    let root = String(name.prefix { $0 != "." && $0 != "[" })
    if let size = variables[root] { return size }
    if ["this", "@index", "loop.index", "@first", "@last"].contains(name) { return 0 }
    return nil
  }
}
