import Tokenizer

/// How one OpenAI model generation turns a request into tokens: framing per message, reply
/// priming, and what tools, tool calls and tool choices add.
///
/// The constants are the provider's, recovered from recorded `prompt_tokens` (see
/// `fixtures/requests/README.md`): the cookbook's 3 per message and 3 to prime the reply
/// (`<|start|>assistant<|message|>`); reasoning models prime with 2 (the model picks its
/// channel itself); gpt-5 models also mark every earlier assistant message with its channel
/// (+2) and put tools in a longer developer message.
struct ChatFormat: Sendable, Equatable {
  enum Generation: String, Sendable {
    /// cl100k_base: gpt-3.5-turbo, gpt-4, gpt-4-turbo.
    case legacy = "gpt-3.5/gpt-4"
    /// o200k_base, no reasoning: gpt-4o, gpt-4.1, gpt-4.5, o1-mini.
    case gpt4o = "gpt-4o"
    /// o1, o3, o4-mini: gpt-4o framing, but the reply is primed with 2 tokens.
    case reasoning = "o-series"
    /// gpt-5 family and gpt-oss (harmony format).
    case gpt5 = "gpt-5"
  }

  var generation: Generation
  var encoding: EncodingName
  var tokensPerMessage = 3
  var replyPriming = 3
  /// Extra tokens on every earlier assistant text message (gpt-5: `<|channel|>final`).
  var assistantChannel = 0
  /// gpt-3.5-turbo-0301: a message's name replaces its role.
  var nameReplacesRole = false

  /// Tokens the tools block adds beyond the rendered namespace.
  var toolsOverhead = 9
  /// The tools join the first system message instead of opening their own (saves 4, and the
  /// system text gets a newline that can merge with its last token).
  var toolsJoinSystem = true
  /// gpt-5: tools live in the developer message; a system message beside them costs one more.
  var toolsBesideSystem = 0
  /// Per function whose first parameter has no comment: o200k chat models bill one token less
  /// than the rendered text (recorded calls show it; the cause is not public).
  var bareFirstProperty = 0
  var style = FunctionNamespace.Style.typescript
  /// `tool_choice` naming a function: constant + the name's tokens (nil = nothing is added).
  var forcedChoice: Int? = 7
  var noneChoice = 1

  /// Tokens a response format adds beyond its rendered section, with and without a system
  /// message to join, and beside tools rendered in a message of their own (medians of the
  /// recorded calls; the exact framing is not public).
  var responseFormatAlone = 9
  var responseFormatBesideSystem = 6
  var responseFormatBesideTools = 9

  /// Tool calls in the history: `assistant to=functions.NAME` + arguments; results as
  /// `NAME to=assistant` + output (gpt-5: on the commentary channel).
  var callPrefix = "assistant to=functions."
  var callFraming = 3
  var resultPrefix = ""
  var resultFraming = 3
  /// What an assistant message without content costs, when not the usual framing: the
  /// Responses API bills 1 (recorded calls replaying an empty assistant item before a call).
  var emptyAssistantMessage: Int?
  /// Whether recorded calls confirm that parallel tool calls are billed as one
  /// `multi_tool_use.parallel` call (`ParallelToolCalls`); elsewhere the same rendering is an estimate.
  var parallelCallsExact = false

  /// The format for `model` on `api`, or nil when the model is not an OpenAI chat model
  /// counted exactly. `known` is false when the family is guessed from the encoding alone.
  static func forModel(_ model: String, encoding: EncodingName, api: RequestAPI) -> (format: ChatFormat, known: Bool) {
    let identity = ModelCatalog.identify(model)
    let (generation, known) = ModelCatalog.chatGeneration(of: identity, encoding: encoding)
    var format = ChatFormat(generation: generation, encoding: encoding)
    switch generation {
    case .legacy:
      format.style = .legacy
      format.forcedChoice = 4
      if identity.name.hasPrefix("gpt-3.5-turbo-0301") {
        format.tokensPerMessage = 4
        format.nameReplacesRole = true
      }
    case .gpt4o:
      format.bareFirstProperty = -1
      format.parallelCallsExact = true
    case .reasoning:
      format.replyPriming = 2
      format.toolsOverhead = 10
    case .gpt5:
      format.replyPriming = 2
      format.assistantChannel = 2
      format.toolsOverhead = 90
      format.toolsJoinSystem = false
      format.toolsBesideSystem = 1
      format.forcedChoice = -1
      format.noneChoice = 0
      format.callPrefix = "commentary to=functions."
      format.parallelCallsExact = true
      format.callFraming = 5
      format.resultPrefix = "functions."
      format.resultFraming = 5
    }
    if api == .responses { format.adaptToResponses() }
    return (format, known)
  }

  /// The Responses API renders tools apart from the instructions, and more cheaply than Chat
  /// Completions does for gpt-5 models (but a forced function costs 2 tokens more); a function
  /// result costs one token more and an empty assistant message 3 less; a response format
  /// costs less framing, except beside tools.
  private mutating func adaptToResponses() {
    toolsJoinSystem = false
    toolsBesideSystem = 0
    emptyAssistantMessage = 1
    responseFormatAlone = 0
    responseFormatBesideSystem = 4
    responseFormatBesideTools = 6
    switch generation {
    case .gpt5:
      toolsOverhead = 8
      bareFirstProperty = -1
      forcedChoice = 1
    default:
      toolsOverhead = 3
      resultFraming += 1
    }
  }
}
