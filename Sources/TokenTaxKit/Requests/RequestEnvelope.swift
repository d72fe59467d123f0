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

  /// The request on line `line` of `file`; errors name both.
  static func open(_ bytes: [UInt8], file: String, line: Int) throws -> RequestEnvelope {
    let value: JSONValue
    do {
      value = try JSONParser().parse(bytes)
    } catch let error as JSONParseError {
      throw JSONParseError(file: file, line: line, column: error.column, reason: error.reason)
    }
    guard let object = value.objectValue, RequestAPI.detect(object, model: nil) == nil else {
      return RequestEnvelope(body: bytes)
    }
    let id = (object["custom_id"] ?? object["key"])?.stringValue
    if let url = object["url"]?.stringValue, !url.hasSuffix("/chat/completions"), !url.hasSuffix("/responses") {
      throw RequestError.invalid(
        file: "\(file):\(line)", path: "url", expected: "a /v1/chat/completions or /v1/responses batch line (got \(url)); count other text with tokentax count")
    }
    for key in ["body", "params", "request"] where object[key]?.objectValue != nil {
      guard let raw = CalibrationSample.rawValue(of: key, in: bytes) else { break }
      return RequestEnvelope(body: Array(raw), model: key == "request" ? object["model"]?.stringValue : nil, id: id)
    }
    return RequestEnvelope(body: bytes, id: id)
  }
}
