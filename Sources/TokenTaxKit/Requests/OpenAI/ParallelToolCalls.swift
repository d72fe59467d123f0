import JSON

/// How gpt-4o models bill an assistant message that calls several tools at once: as one call
/// of the hidden `multi_tool_use.parallel` tool, whose results come back as one message
/// holding the list of outputs. Recorded calls match this rendering: 24 of the 31 parallel
/// calls of gpt-4o, gpt-4o-mini and gpt-5-nano to the token, the other 7 within the 2 tokens
/// their requests are off without parallel calls too. Billing each call and result on its
/// own, as for single calls, was 3 to 51 tokens off.
struct ParallelToolCalls {
  /// `assistant to=multi_tool_use.parallel` (gpt-5: on the commentary channel).
  static func callHeader(_ format: ChatFormat) -> String {
    format.callPrefix.replacingOccurrences(of: "functions.", with: recipient)
  }

  /// `multi_tool_use.parallel to=assistant` (gpt-5: `functions.multi_tool_use.parallel …`).
  static func resultHeader(_ format: ChatFormat) -> String { format.resultPrefix + recipient + " to=assistant" }

  private static let recipient = "multi_tool_use.parallel"

  private(set) var pending: Set<String>
  private(set) var outputs: [String] = []

  init(_ calls: [ToolCall]) {
    pending = Set(calls.compactMap(\.id))
  }

  /// `{"tool_uses":[{"recipient_name":"functions.NAME","parameters":{…}},…]}` with the
  /// arguments minified in their written key order.
  static func callJSON(_ calls: [ToolCall]) -> String {
    let uses = calls.map { call -> String in
      var use = "{\"recipient_name\":"
      JSONWriter.escape("functions." + call.name, into: &use)
      let arguments = JSONWriter.minify(call.arguments)
      return use + ",\"parameters\":" + (arguments.isEmpty ? "{}" : arguments) + "}"
    }
    return "{\"tool_uses\":[" + uses.joined(separator: ",") + "]}"
  }

  /// Whether `message` answers one of the calls still waiting for a result.
  func answers(_ message: ChatMessage) -> Bool {
    message.role == "tool" && message.toolCallID.map(pending.contains) == true
  }

  mutating func collect(_ message: ChatMessage) {
    if let id = message.toolCallID { pending.remove(id) }
    outputs.append(message.text)
  }

  /// The outputs as a JSON list with `", "` and `": "` separators (Python's defaults); an
  /// output that is JSON itself is embedded as JSON, anything else as a string.
  var resultsJSON: String {
    let items = outputs.map { output -> String in
      if (try? JSONParser().parse(output)) != nil { return JSONWriter.minify(output, spaced: true) }
      var item = ""
      JSONWriter.escape(output, into: &item)
      return item
    }
    return "[" + items.joined(separator: ", ") + "]"
  }
}
