import Foundation
import JSON
import Tokenizer

/// Reads Anthropic, Gemini and OpenAI-shaped bodies of estimated families into
/// `RequestFeatures`, counting their text with o200k_base.
struct FeatureExtractor {
  let reader: BodyReader
  let sizer: any TextSizer
  let encoding = Encoding.load(.o200kBase)

  private func tokens(_ text: String) -> Int { sizer.tokens(in: text, encoding: encoding) }

  // MARK: Anthropic Messages

  func anthropic(_ body: JSONObject) throws -> RequestFeatures {
    var features = RequestFeatures()
    if let system = body["system"], system != .null {
      try anthropicBlocks(system, "system", into: &features)
    }
    for (index, value) in try reader.array(body["messages"], "messages").enumerated() {
      let message = try reader.object(value, "messages[\(index)]")
      features.messages += 1
      try anthropicBlocks(message["content"] ?? .null, "messages[\(index)].content", into: &features)
    }
    for (index, value) in try reader.elements(body["tools"], "tools").enumerated() {
      let path = "tools[\(index)]"
      let tool = try reader.object(value, path)
      guard let schema = tool["input_schema"] else {
        let type = tool["type"]?.stringValue ?? "server"
        if let defined = AnthropicDefinedTool(type: type) {
          features.definedTools += 1
          features.definedToolTokens += defined.tokens
          features.note(defined.note)
        } else {
          features.note("\(type) tool not counted: its hidden prompt is not public")
        }
        continue
      }
      features.tools += 1
      features.textTokens += tokens(try reader.string(tool["name"], "\(path).name"))
      features.textTokens += tokens(try reader.optionalString(tool["description"], "\(path).description") ?? "")
      features.textTokens += tokens(JSONWriter.asWritten(schema))
    }
    let choice = body["tool_choice"]?["type"]?.stringValue
    features.toolsForced = choice == "any" || choice == "tool"
    if let thinking = body["thinking"]?["type"]?.stringValue { features.thinking = thinking != "disabled" }
    for (key, path) in [("output_format", ["output_format"]), ("output_config", ["output_config", "format"])] {
      var format = body[key]
      if path.count > 1 { format = format?["format"] }
      guard let schema = format?["schema"] else { continue }
      features.structuredOutput = true
      features.textTokens += tokens(JSONWriter.asWritten(schema))
    }
    return features
  }

  private func anthropicBlocks(_ content: JSONValue, _ path: String, into features: inout RequestFeatures) throws {
    if content == .null { return }
    if let text = content.stringValue {
      features.textTokens += tokens(text)
      return
    }
    for (index, value) in try reader.array(content, path).enumerated() {
      let blockPath = "\(path)[\(index)]"
      let block = try reader.object(value, blockPath)
      switch block["type"]?.stringValue ?? "text" {
      case "text":
        features.textTokens += tokens(try reader.optionalString(block["text"], "\(blockPath).text") ?? "")
      case "tool_use":
        features.toolBlocks += 1
        features.textTokens += tokens(try reader.string(block["name"], "\(blockPath).name"))
        features.textTokens += tokens((block["input"] ?? .object([:])).compactJSON)
      case "tool_result":
        features.toolBlocks += 1
        try anthropicBlocks(block["content"] ?? .null, "\(blockPath).content", into: &features)
      case "image":
        if let data = block["source"]?["data"]?.stringValue, let size = ImageSize(base64OrDataURL: data) {
          features.mediaTokens += MediaTokens.anthropicImage(size)
          features.note("images estimated from their size (Anthropic: one token per 28-pixel patch)")
        } else {
          features.mediaTokens += MediaTokens.anthropicImage(ImageSize(width: 1092, height: 1092))
          features.note("images given by URL counted at the largest unscaled size (their size is not in the request)")
        }
      case "thinking", "redacted_thinking":
        // Earlier turns' thinking is stripped from the prompt and not billed again.
        continue
      case let other:
        features.note("\(other) blocks not counted")
      }
    }
  }

  // MARK: Gemini generateContent

  /// What a Gemini request's images are billed by: the model, and the media resolution it asks for.
  struct GeminiImages {
    var model: String
    var resolution: String?

    var note: String {
      MediaTokens.billsImagesByResolution(model)
        ? "images estimated at Gemini 3's budget for their media resolution (280, 560 or 1,120 tokens for low, medium or high, the default)"
        : "images estimated from their size (Gemini: 258 tokens per 768-px tile)"
    }
  }

  func gemini(_ body: JSONObject, model: String) throws -> RequestFeatures {
    var features = RequestFeatures()
    let config = body["generationConfig"] ?? body["generation_config"]
    let images = GeminiImages(
      model: model, resolution: (config?["mediaResolution"] ?? config?["media_resolution"])?.stringValue)
    if let instruction = body["systemInstruction"] ?? body["system_instruction"] {
      try geminiParts(instruction["parts"], "systemInstruction.parts", images: images, into: &features)
    }
    let contents = try reader.array(body["contents"], "contents")
    let turnStart = ThoughtSignature.currentTurnStart(contents)
    var signatureCharacters = 0
    for (index, value) in contents.enumerated() {
      let content = try reader.object(value, "contents[\(index)]")
      features.messages += 1
      signatureCharacters += try geminiParts(
        content["parts"], "contents[\(index)].parts", images: images, countingSignatures: index >= turnStart,
        into: &features)
    }
    if signatureCharacters > 0 {
      features.thoughtSignatureTokens = ThoughtSignature.tokens(base64Characters: signatureCharacters, model: model)
      features.note("thought signatures estimated from their length")
    }
    // Older Vertex clients send one tool object instead of a list.
    let tools =
      body["tools"]?.objectValue != nil ? [body["tools"] ?? .null] : try reader.elements(body["tools"], "tools")
    for (index, value) in tools.enumerated() {
      let tool = try reader.object(value, "tools[\(index)]")
      for (key, declarations) in tool {
        guard key == "functionDeclarations" || key == "function_declarations" else {
          features.note("\(key) tool not counted: its hidden prompt is not public")
          continue
        }
        for (offset, declaration) in try reader.array(declarations, "tools[\(index)].\(key)").enumerated() {
          let path = "tools[\(index)].\(key)[\(offset)]"
          let function = try reader.object(declaration, path)
          features.tools += 1
          features.textTokens += tokens(try reader.string(function["name"], "\(path).name"))
          features.textTokens += tokens(try reader.optionalString(function["description"], "\(path).description") ?? "")
          for schemaKey in ["parameters", "parametersJsonSchema", "parameters_json_schema"] {
            if let schema = function[schemaKey] {
              features.textTokens += tokens(JSONWriter.asWritten(schema))
            }
          }
        }
      }
    }
    // Gemini does not bill response schemas as prompt tokens (recorded calls show it).
    return features
  }

  /// Adds the parts' text, calls, results and images to `features`; returns the base64
  /// characters of their billed thought signatures when `countingSignatures` (else 0).
  @discardableResult
  private func geminiParts(
    _ parts: JSONValue?, _ path: String, images: GeminiImages, countingSignatures: Bool = false,
    into features: inout RequestFeatures
  ) throws -> Int {
    var signatureCharacters = 0
    for (index, value) in try reader.elements(parts, path).enumerated() {
      let part = try reader.object(value, "\(path)[\(index)]")
      if countingSignatures, let signature = (part["thoughtSignature"] ?? part["thought_signature"])?.stringValue,
        ThoughtSignature.carriesThoughts(signature)
      {
        signatureCharacters += signature.utf8.count
      }
      if let text = part["text"]?.stringValue {
        features.textTokens += tokens(text)
      } else if let call = part["functionCall"] ?? part["function_call"] {
        features.toolBlocks += 1
        features.textTokens +=
          tokens(call["name"]?.stringValue ?? "") + tokens((call["args"] ?? .object([:])).compactJSON)
      } else if let response = part["functionResponse"] ?? part["function_response"] {
        features.toolBlocks += 1
        features.textTokens +=
          tokens(response["name"]?.stringValue ?? "") + tokens((response["response"] ?? .object([:])).compactJSON)
        // Gemini 3 function responses can carry media parts of their own (an image a tool returned).
        if let nested = response["parts"] {
          try geminiParts(nested, "\(path)[\(index)].functionResponse.parts", images: images, into: &features)
        }
      } else if let inline = part["inlineData"] ?? part["inline_data"] {
        let mime = (inline["mimeType"] ?? inline["mime_type"])?.stringValue ?? ""
        if mime.hasPrefix("image/"), let data = inline["data"]?.stringValue, let size = ImageSize(base64OrDataURL: data)
        {
          let resolution =
            (part["mediaResolution"] ?? part["media_resolution"])?["level"]?.stringValue ?? images.resolution
          features.mediaTokens += MediaTokens.geminiImage(size, model: images.model, resolution: resolution)
          features.note(images.note)
        } else {
          features.note("\(mime.isEmpty ? "inline" : mime) data not counted")
        }
      } else if part["thoughtSignature"] != nil || part["thought_signature"] != nil {
        continue
      } else {
        features.note("\(part.keys.sorted().first ?? "empty") parts not counted")
      }
    }
    return signatureCharacters
  }

  // MARK: OpenAI-shaped bodies of other families (DeepSeek, Llama, Mistral …)

  func openAIShaped(_ request: ChatRequest) -> RequestFeatures {
    var features = RequestFeatures()
    for message in request.messages {
      features.messages += 1
      features.textTokens += tokens(message.role) + tokens(message.text) + tokens(message.name ?? "")
      if message.role == "tool" { features.toolBlocks += 1 }
      for call in message.toolCalls + (message.functionCall.map { [$0] } ?? []) {
        features.toolBlocks += 1
        features.textTokens += tokens(call.name) + tokens(JSONWriter.minify(call.arguments))
      }
      for part in message.parts {
        if case .text = part { continue }
        features.note("media parts not counted for this family")
      }
    }
    for function in request.functions {
      features.tools += 1
      features.textTokens += tokens(function.name) + tokens(function.description ?? "")
      if let parameters = function.parameters {
        features.textTokens += tokens(JSONWriter.asWritten(parameters))
      }
    }
    features.toolsForced = request.toolChoice != .auto && request.toolChoice != .none
    if let schema = request.responseSchema {
      features.structuredOutput = true
      features.textTokens += tokens(JSONWriter.asWritten(schema.schema))
    }
    return features
  }
}
