import JSON

/// Reads OpenAI Chat Completions and Responses bodies into a `ChatRequest`.
///
/// Unknown keys are ignored, since request bodies carry many parameters that cost no input
/// tokens; a value of the wrong shape fails naming its path (`messages[2].content`).
struct ChatRequestParser {
  let file: String
  let model: String

  // MARK: Chat Completions

  func chat(_ object: JSONObject) throws -> ChatRequest {
    let body = JSONNode(.object(object), file: file)
    let messages = try body.required("messages").array().map(message)
    var (functions, hosted) = try tools(body.member("tools"), nestedIn: "function")
    functions += try (body.member("functions")?.array() ?? []).map(function)
    var request = ChatRequest(
      model: model, messages: messages, functions: functions,
      toolChoice: try toolChoice(body.member("tool_choice") ?? body.member("function_call")),
      responseSchema: try responseFormat(body.member("response_format")))
    request.hostedTools = hosted
    return request
  }

  private func message(_ node: JSONNode) throws -> ChatMessage {
    let object = try node.object()
    var message = ChatMessage(
      role: try object.required("role").string(),
      name: try object.member("name")?.string(),
      parts: try parts(object.member("content")))
    message.toolCallID = try object.member("tool_call_id")?.string()
    for call in try object.member("tool_calls")?.array() ?? [] {
      var toolCall = try self.call(call.object().required("function"))
      toolCall.id = try call.member("id")?.string()
      message.toolCalls.append(toolCall)
    }
    if let legacy = try object.member("function_call") { message.functionCall = try call(legacy) }
    return message
  }

  private func call(_ node: JSONNode) throws -> ToolCall {
    let object = try node.object()
    return ToolCall(
      name: try object.required("name").string(), arguments: try object.member("arguments")?.string() ?? "")
  }

  /// `content`: a string, null, or an array of parts.
  private func parts(_ node: JSONNode?) throws -> [ContentPart] {
    guard let node else { return [] }
    if let text = node.value.stringValue { return [.text(text)] }
    return try node.array().map(part)
  }

  private func part(_ node: JSONNode) throws -> ContentPart {
    let object = try node.object()
    switch try object.member("type")?.string() ?? "text" {
    case "text", "input_text", "output_text":
      return .text(try object.member("text")?.string() ?? "")
    case "refusal":
      return .text(try object.member("refusal")?.string() ?? "")
    case "image_url":
      // Chat: {"image_url": {"url", "detail"}}; some clients send the URL string directly.
      let image = try object.required("image_url")
      if let url = image.value.stringValue { return .image(url: url, detail: nil) }
      return .image(url: try image.required("url").string(), detail: try image.member("detail")?.string())
    case "input_image":
      return .image(
        url: try object.member("image_url")?.string() ?? "", detail: try object.member("detail")?.string())
    case "input_audio":
      let audio = try object.required("input_audio").object()
      return .audio(data: try audio.member("data")?.string() ?? "", format: try audio.member("format")?.string())
    case let type:
      return .other(type)
    }
  }

  /// `tools`: function definitions (Chat nests them under `function`, Responses does not) and
  /// the types of hosted tools.
  private func tools(_ node: JSONNode?, nestedIn key: String?) throws -> ([FunctionDefinition], [String]) {
    var functions: [FunctionDefinition] = []
    var hosted: [String] = []
    for tool in try node?.array() ?? [] {
      let type = try tool.object().member("type")?.string() ?? "function"
      guard type == "function" else {
        hosted.append(type)
        continue
      }
      functions.append(try function(key.map { try tool.required($0) } ?? tool))
    }
    return (functions, hosted)
  }

  private func function(_ node: JSONNode) throws -> FunctionDefinition {
    let object = try node.object()
    let parameters = try object.member("parameters")
    if let parameters, parameters.value.objectValue == nil { throw parameters.invalid("a JSON schema object") }
    return FunctionDefinition(
      name: try object.required("name").string(), description: try object.member("description")?.string(),
      parameters: parameters?.value)
  }

  private func toolChoice(_ node: JSONNode?) throws -> ToolChoice {
    guard let node else { return .auto }
    if let word = node.value.stringValue {
      switch word {
      case "none": return .none
      case "required", "any": return .required
      default: return .auto
      }
    }
    let object = try node.object().value
    if let name = object["name"]?.stringValue { return .function(name) }
    if let name = object["function"]?["name"]?.stringValue { return .function(name) }
    // {"type": "allowed_tools", …} and hosted-tool choices add no function name.
    return .auto
  }

  private func responseFormat(_ node: JSONNode?) throws -> ResponseSchema? {
    guard let object = try node?.object(), object.value["type"]?.stringValue == "json_schema" else { return nil }
    let format = try object.required("json_schema").object()
    return ResponseSchema(
      name: try format.member("name")?.string() ?? "", description: try format.member("description")?.string(),
      schema: format.value["schema"] ?? .object([:]))
  }

  // MARK: Responses

  func responses(_ object: JSONObject) throws -> ChatRequest {
    let body = JSONNode(.object(object), file: file)
    var messages: [ChatMessage] = []
    if let instructions = try body.member("instructions")?.string() {
      messages.append(ChatMessage(role: "system", parts: [.text(instructions)]))
    }
    var unsupported: [String] = []
    let input = try body.member("input")
    if let text = input?.value.stringValue {
      messages.append(ChatMessage(role: "user", parts: [.text(text)]))
    } else {
      for item in try input?.array() ?? [] {
        switch try item.object().member("type")?.string() ?? "message" {
        case "message":
          messages.append(
            ChatMessage(role: try item.required("role").string(), parts: try parts(item.member("content"))))
        case "function_call":
          var call = ToolCall(
            name: try item.required("name").string(), arguments: try item.member("arguments")?.string() ?? "")
          call.id = try item.member("call_id")?.string()
          messages.append(ChatMessage(role: "assistant", parts: [], toolCalls: [call]))
        case "function_call_output":
          var output = ChatMessage(role: "tool", parts: try parts(item.member("output")))
          output.toolCallID = try item.member("call_id")?.string()
          messages.append(output)
        case let type:
          unsupported.append(type)
        }
      }
    }
    let (functions, hosted) = try tools(body.member("tools"), nestedIn: nil)
    var schema: ResponseSchema?
    if let format = object["text"]?["format"]?.objectValue, format["type"]?.stringValue == "json_schema" {
      schema = ResponseSchema(
        name: format["name"]?.stringValue ?? "", description: format["description"]?.stringValue,
        schema: format["schema"] ?? .object([:]))
    }
    var request = ChatRequest(
      model: model, messages: messages, functions: functions, toolChoice: try toolChoice(body.member("tool_choice")),
      responseSchema: schema)
    request.hostedTools = hosted + unsupported
    return request
  }
}
