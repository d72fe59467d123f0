extension OpenAIReader {
  /// Keys that make a line something else than a plain response object: another format
  /// (`TraceFormat.detect` tests these before OpenAI's `object`), a batch line or a stream event.
  private static let otherShapeKeys: [StaticString] = [
    "schema_version", "resourceSpans", "resource_spans", "batches", "result", "evalId", "results", "gradingResult",
    "testCase", "custom_id", "type",
  ]
  /// The members `read` and `template` look at in a plain response object.
  private static let readKeys: [StaticString] = ["id", "model", "metadata", "created", "created_at", "service_tier"]

  /// The hot path for a line holding one Chat Completions, Completions or Responses object
  /// (SPEC §9). Only the members `read` looks at are parsed, from the fields `JSONFieldScanner`
  /// found, not the choices and output text that make up most of a line; the result is the
  /// same as `read` on the whole line. Returns false, having done nothing, for any other line
  /// (a stream chunk or event, a batch line, no usage, another format): the general path reads it.
  static func fastRead(_ bytes: UnsafeBufferPointer<UInt8>, _ fields: [JSONFieldScanner.Field], _ context: TraceReadContext)
    throws(TraceRecordError) -> Bool
  {
    var members = [String: JSONValue](minimumCapacity: readKeys.count)
    var isResponseObject = false
    var usageField: JSONFieldScanner.Field?
    for field in fields {
      guard !field.keyEscaped else { return false }
      if JSONFieldScanner.key(field, in: bytes, is: "object") {
        // A later duplicate wins, as in a full parse.
        isResponseObject = ["chat.completion", "response", "text_completion"].contains { name in
          !field.valueEscaped && field.kind == .string && JSONFieldScanner.key(valueOf: field, in: bytes, is: name)
        }
        continue
      }
      if JSONFieldScanner.key(field, in: bytes, is: "usage") {
        usageField = field
        continue
      }
      if otherShapeKeys.contains(where: { JSONFieldScanner.key(field, in: bytes, is: $0) }) { return false }
      guard let key = readKeys.first(where: { JSONFieldScanner.key(field, in: bytes, is: $0) }) else { continue }
      guard let value = JSONFieldScanner.value(field, in: bytes) else { return false }
      members[key.description] = value
    }
    // Usage is read in place (`ScannedObject`); one stored any other way goes the general way.
    guard isResponseObject, let usageField, usageField.kind == .object, let base = bytes.baseAddress,
      let usage = ScannedObject(UnsafeBufferPointer(start: base + usageField.valueStart, count: usageField.valueEnd - usageField.valueStart))
    else { return false }
    let record = JSONValue.object(members)
    if let id = record.text("id"), !context.spans.register(id: id, parent: nil, namespace: "openai") {
      context.notes.duplicates += 1
      return true
    }
    var call = template(record, context, line: (try? JSONParser().parse(bytes)) ?? .null, batchLine: false, caseID: nil)
    call.usage = try self.usage(usage)
    context.emit(call)
    return true
  }
}
