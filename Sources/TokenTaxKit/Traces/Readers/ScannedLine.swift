import JSON

/// A scanned line that a reader's fast path reads in place (docs/design.md, Performance targets): members become
/// `JSONValue`s only when asked for, so the rest of the line (choices, content, tool
/// arguments: most of its bytes) is never built.
struct ScannedLine {
  var record: ScannedObject
  /// The record's usage member (`usage`, or the key given), an object.
  var usage: ScannedObject

  /// Keys that `TraceFormat.detect` tests before the OpenAI and Anthropic markers: a line with
  /// one of them may be another format, so it goes the general way.
  static let otherFormatKeys: [StaticString] = [
    "schema_version", "resourceSpans", "resource_spans", "batches", "result", "evalId", "results", "gradingResult",
    "testCase",
  ]

  /// Nil when the line has a key in `declining` or `otherFormatKeys`, an escaped key, or no
  /// object member `usageKey`: the general path then reads it.
  /// - Precondition: `bytes` were checked to be UTF-8.
  init?(
    _ bytes: UnsafeBufferPointer<UInt8>, _ fields: [JSONFieldScanner.Field], usage usageKey: StaticString = "usage",
    declining: [StaticString]
  ) {
    var usageField: JSONFieldScanner.Field?
    for field in fields {
      guard !field.keyEscaped else { return nil }
      if JSONFieldScanner.key(field, in: bytes, is: usageKey) { usageField = field }
      let isDeclined = { (key: StaticString) in JSONFieldScanner.key(field, in: bytes, is: key) }
      if declining.contains(where: isDeclined) || Self.otherFormatKeys.contains(where: isDeclined) { return nil }
    }
    guard let usageField, usageField.kind == .object, let base = bytes.baseAddress,
      let usage = ScannedObject(
        UnsafeBufferPointer(start: base + usageField.valueStart, count: usageField.valueEnd - usageField.valueStart))
    else { return nil }
    record = .scanned(bytes, fields)
    self.usage = usage
  }

  /// Whether the last member `key` is a string spelled exactly like one of `values`: a cheap
  /// test of a line's kind (`object`, `type`) before anything is parsed.
  static func has(
    _ key: StaticString, oneOf values: [StaticString], _ bytes: UnsafeBufferPointer<UInt8>,
    _ fields: [JSONFieldScanner.Field]
  ) -> Bool {
    guard let field = fields.last(where: { JSONFieldScanner.key($0, in: bytes, is: key) }), !field.valueEscaped else {
      return false
    }
    return values.contains { JSONFieldScanner.stringValue(of: field, in: bytes, is: $0) }
  }
}
