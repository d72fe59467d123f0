import JSON

/// One line of a JSONL file of requests, unwrapped to the request body it carries: a bare body,
/// an OpenAI Batch input line (`{"custom_id", "url", "body"}`), an Anthropic Message Batches
/// request (`{"custom_id", "params"}`), a Gemini batch line (`{"key", "request"}`) or a recorded
/// call as `calibrate` reads it (`{"model", "request", "usage"}`).
struct RequestEnvelope {
  /// The body's bytes as written, so its key order (which the provider bills) is kept.
  var body: [UInt8]
  /// A recorded call's `model`, which names the model when the body does not.
  var model: String?
  /// The batch line's `custom_id` or `key`.
  var id: String?

  /// The request on line `line` of `file`; errors name both. The line is scanned once and read
  /// in place: the counter parses the body, so building it here too would do that work twice.
  /// - Precondition: `bytes` were checked to be UTF-8.
  static func open(_ bytes: [UInt8], file: String, line: Int) throws -> RequestEnvelope {
    var scanner = JSONFieldScanner()
    do {
      try bytes.withUnsafeBufferPointer { try scanner.scan($0) }
    } catch let error as JSONParseError {
      throw JSONParseError(file: file, line: line, column: error.column, reason: error.reason)
    }
    return try bytes.withUnsafeBufferPointer { buffer in
      guard scanner.isObject, let object = ScannedObject(buffer, scanner.fields),
        RequestAPI.detect(object, model: nil) == nil
      else { return RequestEnvelope(body: bytes) }
      let id = (object["custom_id"] ?? object["key"])?.stringValue
      if let url = object["url"]?.stringValue, !url.hasSuffix("/chat/completions"), !url.hasSuffix("/responses") {
        throw JSONFieldError(
          file: "\(file):\(line)", path: "url",
          problem: "is \(url), but only /v1/chat/completions and /v1/responses batch lines are request bodies",
          remedy: "count other text with tokentax count")
      }
      // The last member of that name, as a full parse would keep.
      let wrappers: [(key: StaticString, namesModel: Bool)] = [("body", false), ("params", false), ("request", true)]
      for wrapper in wrappers {
        guard let field = scanner.fields.last(where: { JSONFieldScanner.key($0, in: buffer, is: wrapper.key) }),
          field.kind == .object
        else { continue }
        let model = wrapper.namesModel ? object["model"]?.stringValue : nil
        return RequestEnvelope(body: Array(bytes[field.valueStart..<field.valueEnd]), model: model, id: id)
      }
      return RequestEnvelope(body: bytes, id: id)
    }
  }
}
