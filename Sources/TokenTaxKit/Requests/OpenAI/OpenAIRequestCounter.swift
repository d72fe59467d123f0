import Foundation
import JSON
import Tokenizer

/// Counts an OpenAI request the way the API bills it: every message framed, names, tool
/// definitions rendered as a TypeScript namespace, earlier tool calls and their results,
/// forced tool choices, response schemas and images.
struct OpenAIRequestCounter {
  let format: ChatFormat
  let encoding: Encoding
  let sizer: any TextSizer

  struct Result {
    var tokens = 0
    /// False once a part is estimated rather than reproduced.
    var exact = true
    var notes: [String] = []

    mutating func estimated(_ note: String) {
      exact = false
      if !notes.contains(note) { notes.append(note) }
    }
  }

  private func tokens(_ text: String) -> Int { sizer.tokens(in: text, encoding: encoding) }

  func count(_ request: ChatRequest) -> Result {
    var result = Result()
    let joinsSystem = !request.functions.isEmpty && format.toolsJoinSystem
    let firstSystem = request.messages.firstIndex { ["system", "developer"].contains($0.role) }
    let systemIndex = joinsSystem ? firstSystem : nil
    var calledNames: [String: String] = [:]
    var parallel: ParallelToolCalls?
    for (index, message) in request.messages.enumerated() {
      if var calls = parallel, calls.answers(message) {
        calls.collect(message)
        countMedia(message.parts, model: request.model, into: &result)
        parallel = calls
        continue
      }
      if let calls = parallel {
        countResults(calls, into: &result)
        parallel = nil
      }
      if message.toolCalls.count > 1 {
        parallel = countParallelCalls(message, into: &result)
        continue
      }
      count(message, paddedSystem: index == systemIndex, calledNames: &calledNames, model: request.model, into: &result)
    }
    if let calls = parallel { countResults(calls, into: &result) }
    result.tokens += format.replyPriming
    if !request.functions.isEmpty {
      let namespace = FunctionNamespace(style: format.style)
      result.tokens += tokens(namespace.render(request.functions)) + format.toolsOverhead
      if systemIndex != nil { result.tokens -= 4 }
      if firstSystem != nil {
        result.tokens += format.toolsBesideSystem
      }
      let bare = request.functions.filter(namespace.startsWithBareProperty)
      result.tokens += format.bareFirstProperty * bare.count
      switch request.toolChoice {
      case .function(let name):
        if let forced = format.forcedChoice {
          result.tokens += forced + (format.generation == .gpt5 ? 0 : tokens(name))
        }
      case .none:
        result.tokens += format.noneChoice
      case .auto, .required:
        break
      }
    }
    if let schema = request.responseSchema {
      // Tools that open a system message of their own give the section one to join, too.
      let framing: Int
      if firstSystem != nil || joinsSystem {
        framing = format.responseFormatBesideSystem
      } else {
        framing = request.functions.isEmpty ? format.responseFormatAlone : format.responseFormatBesideTools
      }
      result.tokens += tokens(ResponseFormatPrompt.render(schema)) + framing
      result.estimated("response format schema estimated from its JSON")
    }
    for hosted in Set(request.hostedTools).sorted() {
      result.estimated("\(hosted) not counted: its hidden prompt is not public")
    }
    return result
  }

  /// An assistant message calling several tools: one `multi_tool_use.parallel` call. Returns
  /// the calls whose results are to be collected into one message.
  private func countParallelCalls(_ message: ChatMessage, into result: inout Result) -> ParallelToolCalls {
    if !format.parallelCallsExact { result.estimated("parallel tool calls estimated") }
    if !message.text.isEmpty {
      result.tokens += format.tokensPerMessage + tokens(message.role) + tokens(message.text)
    }
    result.tokens +=
      format.callFraming + tokens(ParallelToolCalls.callHeader(format))
      + tokens(ParallelToolCalls.callJSON(message.toolCalls))
    return ParallelToolCalls(message.toolCalls)
  }

  /// The one message that answers a parallel call, once its results are in (or the
  /// conversation moved on without some of them).
  private func countResults(_ calls: ParallelToolCalls, into result: inout Result) {
    guard !calls.outputs.isEmpty else { return }
    result.tokens += format.resultFraming + tokens(ParallelToolCalls.resultHeader(format)) + tokens(calls.resultsJSON)
  }

  private func count(
    _ message: ChatMessage, paddedSystem: Bool, calledNames: inout [String: String], model: String,
    into result: inout Result
  ) {
    if message.role == "tool" {
      let name = message.toolCallID.flatMap { calledNames[$0] } ?? ""
      result.tokens +=
        format.resultFraming + tokens(format.resultPrefix + name + " to=assistant") + tokens(message.text)
      countMedia(message.parts, model: model, into: &result)
      return
    }
    if format.generation == .legacy, message.role == "function" {
      // gpt-3.5-era function results: the name stands in for the role, two tokens less framing.
      result.tokens += 2 + tokens(message.role) + tokens(message.text) + tokens(message.name ?? "")
      return
    }
    if !message.toolCalls.isEmpty {
      if !message.text.isEmpty {
        result.tokens += format.tokensPerMessage + tokens(message.role) + tokens(message.text)
      }
      for call in message.toolCalls {
        if let id = call.id { calledNames[id] = call.name }
        result.tokens +=
          format.callFraming + tokens(format.callPrefix + call.name) + tokens(JSONWriter.minify(call.arguments))
      }
      return
    }
    if message.role == "assistant", message.text.isEmpty, message.functionCall == nil,
      !message.parts.contains(where: { if case .text = $0 { false } else { true } }),
      let cost = format.emptyAssistantMessage
    {
      result.tokens += cost
      return
    }
    var text = message.text
    if paddedSystem { text += "\n" }
    result.tokens += format.tokensPerMessage + tokens(text)
    if let name = message.name {
      result.tokens += format.nameReplacesRole ? tokens(name) : tokens(message.role) + tokens(":" + name)
    } else {
      result.tokens += tokens(message.role)
    }
    if message.role == "assistant" { result.tokens += format.assistantChannel }
    if let call = message.functionCall {
      result.tokens += 3 + tokens(call.name) + tokens(call.arguments)
    }
    countMedia(message.parts, model: model, into: &result)
  }

  private func countMedia(_ parts: [ContentPart], model: String, into result: inout Result) {
    for part in parts {
      switch part {
      case .text:
        continue
      case .image(let url, let detail):
        let rule = OpenAIImageTokens.rule(for: model)
        if let size = ImageSize(base64OrDataURL: url) {
          result.tokens += OpenAIImageTokens.tokens(size, detail: detail, rule: rule)
          result.estimated("images estimated from their size (OpenAI's documented formula)")
        } else {
          result.tokens += OpenAIImageTokens.tokens(ImageSize(width: 1024, height: 1024), detail: detail, rule: rule)
          result.estimated("images given by URL counted as 1024×1024 (their size is not in the request)")
        }
      case .audio(let data, let format):
        result.tokens += AudioTokens.estimate(base64: data, format: format)
        result.estimated("audio estimated from its duration (10 tokens a second)")
      case .other(let type):
        result.estimated("\(type) parts not counted")
      }
    }
  }
}
