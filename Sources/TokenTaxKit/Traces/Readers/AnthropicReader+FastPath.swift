import JSON

extension AnthropicReader {
  /// Keys of a batch result line, or of an OpenAI object (`TraceFormat.detect` tests `object` first).
  private static let otherShapeKeys: [StaticString] = ["custom_id", "object"]

  /// The hot path for a line holding one Messages object (`"type":"message"`, docs/design.md, Performance targets): the
  /// same result as `read` on the whole line, with only the members `read` looks at made into `JSONValue`s.
  /// Returns false, having done nothing, for any other line (stream events, batch results, no
  /// usage, another format): the general path reads it.
  static func fastRead(
    _ bytes: UnsafeBufferPointer<UInt8>, _ fields: [JSONFieldScanner.Field], _ context: TraceReadContext
  )
    throws(TraceRecordError) -> Bool
  {
    guard ScannedLine.has("type", oneOf: ["message"], bytes, fields),
      let line = ScannedLine(bytes, fields, declining: otherShapeKeys)
    else { return false }
    if let id = line.record.text("id"), !context.spans.register(id: id, parent: nil, namespace: "anthropic") {
      context.notes.duplicates += 1
      return true
    }
    var call = template(line.record, context, line: FeatureAttributor.record(bytes), batch: false, caseID: nil)
    try fill(&call, from: line.usage)
    context.emit(call)
    return true
  }
}
