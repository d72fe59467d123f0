import Foundation
import JSON
import Tokenizer

/// Reads Anthropic, Gemini and OpenAI-shaped bodies of estimated families into
/// `RequestFeatures`, counting their text with o200k_base.
struct FeatureExtractor {
  let file: String
  let sizer: any TextSizer
  let encoding = Encoding.load(.o200kBase)

  private func tokens(_ text: String) -> Int { sizer.tokens(in: text, encoding: encoding) }

  // MARK: Anthropic Messages

  func anthropic(_ object: JSONObject) throws -> RequestFeatures {
    let body = JSONNode(.object(object), file: file)
    var features = RequestFeatures()
    if let system = try body.member("system") { try anthropicBlocks(system, into: &features) }
    for message in try body.required("messages").array() {
      features.messages += 1
      if let content = try message.object().member("content") { try anthropicBlocks(content, into: &features) }
    }
    for tool in try body.member("tools")?.array() ?? [] {
      guard let schema = try tool.object().value["input_schema"] else {
        let type = tool.value["type"]?.stringValue ?? "server"
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
      features.textTokens += tokens(try tool.required("name").string())
      features.textTokens += tokens(try tool.member("description")?.string() ?? "")
      features.textTokens += tokens(JSONWriter.asWritten(schema))
    }
    let choice = object["tool_choice"]?["type"]?.stringValue
    features.toolsForced = choice == "any" || choice == "tool"
    if let thinking = object["thinking"]?["type"]?.stringValue { features.thinking = thinking != "disabled" }
    for (key, path) in [("output_format", ["output_format"]), ("output_config", ["output_config", "format"])] {
      var format = object[key]
      if path.count > 1 { format = format?["format"] }
      guard let schema = format?["schema"] else { continue }
      features.structuredOutput = true
      features.textTokens += tokens(JSONWriter.asWritten(schema))
    }
    return features
  }

  private func anthropicBlocks(_ content: JSONNode, into features: inout RequestFeatures) throws {
    if let text = content.value.stringValue {
      features.textTokens += tokens(text)
      return
    }
    for node in try content.array() {
      let block = try node.object().value
      switch block["type"]?.stringValue ?? "text" {
      case "text":
        features.textTokens += tokens(try node.member("text")?.string() ?? "")
      case "tool_use":
        features.toolBlocks += 1
        features.textTokens += tokens(try node.required("name").string())
        features.textTokens += tokens((block["input"] ?? .object([:])).compactJSON)
      case "tool_result":
        features.toolBlocks += 1
        if let nested = try node.member("content") { try anthropicBlocks(nested, into: &features) }
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

  func gemini(_ object: JSONObject, model: String) throws -> RequestFeatures {
    let body = JSONNode(.object(object), file: file)
    var features = RequestFeatures()
    let config = object["generationConfig"] ?? object["generation_config"]
    let images = GeminiImages(
      model: model, resolution: (config?["mediaResolution"] ?? config?["media_resolution"])?.stringValue)
    if let instruction = try body.member("systemInstruction") ?? body.member("system_instruction") {
      try geminiParts(instruction.object().member("parts"), images: images, into: &features)
    }
    let contents = try body.required("contents").array()
    let turnStart = ThoughtSignature.currentTurnStart(contents.map(\.value))
    var signatureCharacters = 0
    for (index, content) in contents.enumerated() {
      features.messages += 1
      signatureCharacters += try geminiParts(
        content.object().member("parts"), images: images, countingSignatures: index >= turnStart, into: &features)
    }
    if signatureCharacters > 0 {
      features.thoughtSignatureTokens = ThoughtSignature.tokens(base64Characters: signatureCharacters, model: model)
      features.note("thought signatures estimated from their length")
    }
    // Older Vertex clients send one tool object instead of a list.
    let listed = try body.member("tools")
    let tools = try listed.map { $0.value.objectValue != nil ? [$0] : try $0.array() } ?? []
    for tool in tools {
      for (key, declarations) in try tool.members() {
        guard key == "functionDeclarations" || key == "function_declarations" else {
          features.note("\(key) tool not counted: its hidden prompt is not public")
          continue
        }
        for function in try declarations.array() {
          features.tools += 1
          features.textTokens += tokens(try function.object().required("name").string())
          features.textTokens += tokens(try function.member("description")?.string() ?? "")
          for schemaKey in ["parameters", "parametersJsonSchema", "parameters_json_schema"] {
            if let schema = function.value[schemaKey] {
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
    _ parts: JSONNode?, images: GeminiImages, countingSignatures: Bool = false, into features: inout RequestFeatures
  ) throws -> Int {
    var signatureCharacters = 0
    for node in try parts?.array() ?? [] {
      let part = try node.object().value.objectValue ?? [:]
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
        let key = part["functionResponse"] != nil ? "functionResponse" : "function_response"
        if let nested = try node.required(key).member("parts") {
          try geminiParts(nested, images: images, into: &features)
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

extension JSONValue {
  /// Minified JSON with sorted keys, as tool inputs and results are counted here.
  fileprivate var compactJSON: String { JSONWriter.string(self, pretty: false) }
}
