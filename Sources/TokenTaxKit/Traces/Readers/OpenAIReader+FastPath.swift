import JSON

extension OpenAIReader {
  /// Keys of a batch line or a stream event, which `read` treats differently.
  private static let otherShapeKeys: [StaticString] = ["custom_id", "type"]

  /// The hot path for a line holding one Chat Completions, Completions or Responses object
  /// (docs/design.md, Performance targets): the same result as `read` on the whole line, with only the members `read`
  /// looks at parsed. Returns false, having done nothing, for any other line (a stream chunk
  /// or event, a batch line, no usage, another format): the general path reads it.
  static func fastRead(
    _ bytes: UnsafeBufferPointer<UInt8>, _ fields: [JSONFieldScanner.Field], _ context: TraceReadContext
  )
    throws(TraceRecordError) -> Bool
  {
    guard ScannedLine.has("object", oneOf: ["chat.completion", "response", "text_completion"], bytes, fields),
      let line = ScannedLine(bytes, fields, declining: otherShapeKeys)
    else { return false }
    if let id = line.record.text("id"), !context.spans.register(id: id, parent: nil, namespace: "openai") {
      context.notes.duplicates += 1
      return true
    }
    var call = template(line.record, context, line: FeatureAttributor.record(bytes), batchLine: false, caseID: nil)
    call.usage = try usage(line.usage)
    context.emit(call)
    return true
  }
}
