import JSON

/// Reads OpenAI Chat Completions and Responses bodies into a `ChatRequest`.
struct ChatRequestParser {
  let reader: BodyReader
  let model: String

  init(file: String, model: String) {
    reader = BodyReader(file: file)
    self.model = model
  }

  // MARK: Chat Completions

  func chat(_ body: JSONObject) throws -> ChatRequest {
    var messages: [ChatMessage] = []
    for (index, value) in try reader.array(body["messages"], "messages").enumerated() {
      messages.append(try message(value, "messages[\(index)]"))
    }
    var (functions, hosted) = try tools(body["tools"], nestedIn: "function")
    for (index, value) in try reader.elements(body["functions"], "functions").enumerated() {
      functions.append(try function(value, "functions[\(index)]"))
    }
    var request = ChatRequest(
      model: model, messages: messages, functions: functions,
      toolChoice: try toolChoice(body["tool_choice"] ?? body["function_call"], "tool_choice"),
      responseSchema: try responseFormat(body["response_format"]))
    request.hostedTools = hosted
    return request
  }

  private func message(_ value: JSONValue, _ path: String) throws -> ChatMessage {
    let object = try reader.object(value, path)
    var message = ChatMessage(
      role: try reader.string(object["role"], "\(path).role"),
      name: try reader.optionalString(object["name"], "\(path).name"),
      parts: try parts(object["content"], "\(path).content"))
    message.toolCallID = try reader.optionalString(object["tool_call_id"], "\(path).tool_call_id")
    for (index, call) in try reader.elements(object["tool_calls"], "\(path).tool_calls").enumerated() {
      let callPath = "\(path).tool_calls[\(index)]"
      let callObject = try reader.object(call, callPath)
      var toolCall = try self.call(callObject["function"], "\(callPath).function")
      toolCall.id = try reader.optionalString(callObject["id"], "\(callPath).id")
      message.toolCalls.append(toolCall)
    }
    if let legacy = object["function_call"], legacy != .null {
      message.functionCall = try call(legacy, "\(path).function_call")
    }
    return message
  }

  private func call(_ value: JSONValue?, _ path: String) throws -> ToolCall {
    let object = try reader.object(value, path)
    return ToolCall(
      name: try reader.string(object["name"], "\(path).name"),
      arguments: try reader.optionalString(object["arguments"], "\(path).arguments") ?? "")
  }

  /// `content`: a string, null, or an array of parts.
  private func parts(_ value: JSONValue?, _ path: String) throws -> [ContentPart] {
    guard let value, value != .null else { return [] }
    if let text = value.stringValue { return [.text(text)] }
    var parts: [ContentPart] = []
    for (index, item) in try reader.array(value, path).enumerated() {
      parts.append(try part(item, "\(path)[\(index)]"))
    }
    return parts
  }

  private func part(_ value: JSONValue, _ path: String) throws -> ContentPart {
    let object = try reader.object(value, path)
    let type = try reader.optionalString(object["type"], "\(path).type") ?? "text"
    switch type {
    case "text", "input_text", "output_text":
      return .text(try reader.optionalString(object["text"], "\(path).text") ?? "")
    case "refusal":
      return .text(try reader.optionalString(object["refusal"], "\(path).refusal") ?? "")
    case "image_url":
      // Chat: {"image_url": {"url", "detail"}}; some clients send the URL string directly.
      if let url = object["image_url"]?.stringValue { return .image(url: url, detail: nil) }
      let image = try reader.object(object["image_url"], "\(path).image_url")
      return .image(
        url: try reader.string(image["url"], "\(path).image_url.url"),
        detail: try reader.optionalString(image["detail"], "\(path).image_url.detail"))
    case "input_image":
      return .image(
        url: try reader.optionalString(object["image_url"], "\(path).image_url") ?? "",
        detail: try reader.optionalString(object["detail"], "\(path).detail"))
    case "input_audio":
      let audio = try reader.object(object["input_audio"], "\(path).input_audio")
      return .audio(
        data: try reader.optionalString(audio["data"], "\(path).input_audio.data") ?? "",
        format: try reader.optionalString(audio["format"], "\(path).input_audio.format"))
    default:
      return .other(type)
    }
  }

  /// `tools`: function definitions (Chat nests them under `function`, Responses does not) and
  /// the types of hosted tools.
  private func tools(_ value: JSONValue?, nestedIn key: String?) throws -> ([FunctionDefinition], [String]) {
    var functions: [FunctionDefinition] = []
    var hosted: [String] = []
    for (index, value) in try reader.elements(value, "tools").enumerated() {
      let path = "tools[\(index)]"
      let tool = try reader.object(value, path)
      let type = try reader.optionalString(tool["type"], "\(path).type") ?? "function"
      guard type == "function" else {
        hosted.append(type)
        continue
      }
      if let key {
        functions.append(try function(tool[key], "\(path).\(key)"))
      } else {
        functions.append(try function(value, path))
      }
    }
    return (functions, hosted)
  }

  private func function(_ value: JSONValue?, _ path: String) throws -> FunctionDefinition {
    let object = try reader.object(value, path)
    let parameters = object["parameters"].flatMap { $0 == .null ? nil : $0 }
    if let parameters, parameters.objectValue == nil {
      throw reader.fail("\(path).parameters", "a JSON schema object")
    }
    return FunctionDefinition(
      name: try reader.string(object["name"], "\(path).name"),
      description: try reader.optionalString(object["description"], "\(path).description"),
      parameters: parameters)
  }

  private func toolChoice(_ value: JSONValue?, _ path: String) throws -> ToolChoice {
    guard let value, value != .null else { return .auto }
    if let word = value.stringValue {
      switch word {
      case "none": return .none
      case "required", "any": return .required
      default: return .auto
      }
    }
    let object = try reader.object(value, path)
    if let name = object["name"]?.stringValue { return .function(name) }
    if let function = object["function"]?.objectValue, let name = function["name"]?.stringValue {
      return .function(name)
    }
    // {"type": "allowed_tools", …} and hosted-tool choices add no function name.
    return .auto
  }

  private func responseFormat(_ value: JSONValue?) throws -> ResponseSchema? {
    guard let value, value != .null else { return nil }
    let object = try reader.object(value, "response_format")
    guard object["type"]?.stringValue == "json_schema" else { return nil }
    let format = try reader.object(object["json_schema"], "response_format.json_schema")
    return ResponseSchema(
      name: try reader.optionalString(format["name"], "response_format.json_schema.name") ?? "",
      description: try reader.optionalString(format["description"], "response_format.json_schema.description"),
      schema: format["schema"] ?? .object([:]))
  }

  // MARK: Responses

  func responses(_ body: JSONObject) throws -> ChatRequest {
    var messages: [ChatMessage] = []
    if let instructions = try reader.optionalString(body["instructions"], "instructions") {
      messages.append(ChatMessage(role: "system", parts: [.text(instructions)]))
    }
    var unsupported: [String] = []
    if let text = body["input"]?.stringValue {
      messages.append(ChatMessage(role: "user", parts: [.text(text)]))
    } else {
      for (index, value) in try reader.elements(body["input"], "input").enumerated() {
        let path = "input[\(index)]"
        let item = try reader.object(value, path)
        let type = try reader.optionalString(item["type"], "\(path).type") ?? "message"
        switch type {
        case "message":
          messages.append(
            ChatMessage(
              role: try reader.string(item["role"], "\(path).role"),
              parts: try parts(item["content"], "\(path).content")))
        case "function_call":
          var call = ToolCall(
            name: try reader.string(item["name"], "\(path).name"),
            arguments: try reader.optionalString(item["arguments"], "\(path).arguments") ?? "")
          call.id = try reader.optionalString(item["call_id"], "\(path).call_id")
          messages.append(ChatMessage(role: "assistant", parts: [], toolCalls: [call]))
        case "function_call_output":
          var output = ChatMessage(role: "tool", parts: try parts(item["output"], "\(path).output"))
          output.toolCallID = try reader.optionalString(item["call_id"], "\(path).call_id")
          messages.append(output)
        default:
          unsupported.append(type)
        }
      }
    }
    let (functions, hosted) = try tools(body["tools"], nestedIn: nil)
    var schema: ResponseSchema?
    if let format = body["text"]?["format"]?.objectValue, format["type"]?.stringValue == "json_schema" {
      schema = ResponseSchema(
        name: format["name"]?.stringValue ?? "", description: format["description"]?.stringValue,
        schema: format["schema"] ?? .object([:]))
    }
    var request = ChatRequest(
      model: model, messages: messages, functions: functions,
      toolChoice: try toolChoice(body["tool_choice"], "tool_choice"), responseSchema: schema)
    request.hostedTools = hosted + unsupported
    return request
  }

}
