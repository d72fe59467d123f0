import JSON

extension GeminiReader {
  /// The hot path for a line holding one `generateContent` response (docs/design.md, Performance targets): the same
  /// result as `read` on the whole line, with only the members `read` looks at made into
  /// `JSONValue`s. A chunk of a stream still open goes through `readResponse`, which keeps the
  /// running total. Returns false, having done nothing, for any other line (batch output,
  /// another format): the general path reads it.
  static func fastRead(
    _ bytes: UnsafeBufferPointer<UInt8>, _ fields: [JSONFieldScanner.Field], _ context: TraceReadContext
  )
    throws(TraceRecordError) -> Bool
  {
    guard let line = ScannedLine(bytes, fields, usage: "usageMetadata", declining: otherShapeKeys) else { return false }
    let record = line.record
    let id = record.text("responseId") ?? ""
    guard context.geminiStreams[id] == nil, isFinal(bytes, fields) else {
      try readResponse(
        record, wrapper: record, line: FeatureAttributor.record(bytes), context, batch: false, caseID: nil)
      return true
    }
    if !id.isEmpty {
      guard !context.isFinishedStream(id) else {
        context.notes.duplicates += 1
        return true
      }
      context.finishStream(id)
    }
    var call = template(record, record, line: FeatureAttributor.record(bytes), context, false, nil)
    if let model = record.text("modelVersion") { call.model = model }
    call.usage = try usage(line.usage)
    context.emit(call)
    return true
  }

  /// Whether the response ends its call: it has no candidates, or one with a `finishReason`
  /// (read from the bytes; the candidates' content is never built).
  private static func isFinal(_ bytes: UnsafeBufferPointer<UInt8>, _ fields: [JSONFieldScanner.Field]) -> Bool {
    guard let field = fields.last(where: { JSONFieldScanner.key($0, in: bytes, is: "candidates") }),
      field.kind == .array,
      let base = bytes.baseAddress
    else { return true }
    var scanner = JSONFieldScanner()
    let candidates = UnsafeBufferPointer(start: base + field.valueStart, count: field.valueEnd - field.valueStart)
    guard (try? scanner.scan(candidates)) != nil else { return true }
    if scanner.elements.isEmpty { return true }
    var candidate = JSONFieldScanner()
    return scanner.elements.contains { range in
      let element = UnsafeBufferPointer(start: base + field.valueStart + range.lowerBound, count: range.count)
      guard (try? candidate.scan(element)) != nil else { return false }
      return candidate.fields.contains { JSONFieldScanner.key($0, in: element, is: "finishReason") }
    }
  }

  /// Keys that `TraceFormat.detect` tests before Gemini's `usageMetadata`.
  private static let otherShapeKeys: [StaticString] = ["object", "type", "custom_id"]
}
