import JSON

/// tokentax's own JSONL (docs/traces.md): one call per line, buckets already disjoint.
///
/// `{"feature":"support-bot","case":"c-017","model":"gpt-5","input_tokens":1840,
///   "cache_read_tokens":1536,"cache_write_tokens":0,"output_tokens":412,"reasoning_tokens":0,
///   "batch":false,"ts":"2026-11-20T10:00:00Z"}` — `input_tokens` excludes cache reads and writes;
/// `output_tokens` includes reasoning.
enum NativeReader {
  /// Keys whose presence means the line is another format, even if it has `input_tokens`.
  private static let foreignKeys: [StaticString] = [
    "usage", "object", "type", "usageMetadata", "usageDetails", "schema_version", "response", "resourceSpans",
  ]

  /// The hot path: a call straight from the scanned fields of a line, or nil when the line is
  /// not a native record (the caller then parses it generally).
  static func fastCall(
    _ bytes: UnsafeBufferPointer<UInt8>, _ fields: [JSONFieldScanner.Field], _ attributor: FeatureAttributor,
    _ interner: inout StringInterner
  ) throws(TraceRecordError) -> TraceCall? {
    var usage = TokenUsage()
    var feature: String?
    var model: String?
    var caseID: String?
    var timestamp: String?
    var batch = false
    var sawTokens = false
    var misspelt: TraceRecordError?
    for field in fields {
      let length = field.keyEnd - field.keyStart
      // Dispatch on the key's length first: one compare rejects most keys.
      switch length {
      case 2:
        if JSONFieldScanner.key(field, in: bytes, is: "ts") { timestamp = JSONFieldScanner.string(field, in: bytes) }
      case 4:
        if JSONFieldScanner.key(field, in: bytes, is: "case") { caseID = try text(field, bytes, "case") }
        if JSONFieldScanner.key(field, in: bytes, is: "type") { return nil }
      case 5:
        if JSONFieldScanner.key(field, in: bytes, is: "model") { model = try text(field, bytes, "model", &interner) }
        if JSONFieldScanner.key(field, in: bytes, is: "batch") {
          batch = JSONFieldScanner.bool(field, in: bytes) ?? false
        }
        if JSONFieldScanner.key(field, in: bytes, is: "usage") { return nil }
      case 7:
        if JSONFieldScanner.key(field, in: bytes, is: "feature") {
          feature = try text(field, bytes, "feature", &interner)
        }
      case 12:
        if JSONFieldScanner.key(field, in: bytes, is: "input_tokens") {
          usage.uncachedInput = try count(field, bytes, "input_tokens")
          sawTokens = true
        }
      case 13:
        if JSONFieldScanner.key(field, in: bytes, is: "output_tokens") {
          usage.output = try count(field, bytes, "output_tokens")
          sawTokens = true
        }
      case 16:
        if JSONFieldScanner.key(field, in: bytes, is: "reasoning_tokens") {
          usage.reasoning = try count(field, bytes, "reasoning_tokens")
        }
      case 17:
        if JSONFieldScanner.key(field, in: bytes, is: "cache_read_tokens") {
          usage.cacheRead = try count(field, bytes, "cache_read_tokens")
        }
      case 18:
        if JSONFieldScanner.key(field, in: bytes, is: "cache_write_tokens") {
          usage.cacheWrite = try count(field, bytes, "cache_write_tokens")
        }
      default:
        for key in foreignKeys where JSONFieldScanner.key(field, in: bytes, is: key) { return nil }
        // Within two edits of a token key (12–18 bytes), or `…tokens`: the only keys worth a look,
        // so a `metadata` on every record costs one compare, not five edit distances.
        if (10...20).contains(length) || (8...40).contains(length) && endsWithTokens(field, bytes),
          let base = bytes.baseAddress
        {
          let key = String(decoding: UnsafeBufferPointer(start: base + field.keyStart, count: length), as: UTF8.self)
          // Thrown only once the line proves native: another format may have such a key.
          if misspelt == nil { misspelt = spellingProblem(key, offset: field.start) }
        }
      }
    }
    guard sawTokens else { return nil }
    if let misspelt { throw misspelt }
    try check(usage)
    let resolved = attributor.feature(explicit: feature, record: FeatureAttributor.record(bytes))
    return TraceCall(
      feature: resolved, model: model ?? TraceCall.unknownModel, caseID: caseID, timestamp: timestamp, batch: batch,
      usage: usage)
  }

  /// The same record from a parsed value (a mixed file, or a value inside a JSON array).
  static func read(_ record: JSONValue, _ context: TraceReadContext) throws(TraceRecordError) {
    guard record["input_tokens"] != nil || record["output_tokens"] != nil else {
      throw TraceRecordError("not a tokentax record: it has neither input_tokens nor output_tokens")
    }
    for key in record.objectValue?.keys.sorted() ?? [] {
      if let problem = spellingProblem(key, offset: nil) { throw problem }
    }
    let usage = TokenUsage(
      uncachedInput: try TokenField.count(record, "input_tokens") ?? 0,
      cacheRead: try TokenField.count(record, "cache_read_tokens") ?? 0,
      cacheWrite: try TokenField.count(record, "cache_write_tokens") ?? 0,
      output: try TokenField.count(record, "output_tokens") ?? 0,
      reasoning: try TokenField.count(record, "reasoning_tokens") ?? 0)
    try check(usage)
    context.emit(
      TraceCall(
        feature: context.attributor.feature(explicit: record.text("feature"), record: record),
        model: record.text("model") ?? TraceCall.unknownModel, caseID: record.text("case"),
        timestamp: TraceTimestamp.text(record["ts"]), batch: record["batch"]?.boolValue ?? false, usage: usage))
  }

  /// Whether the field's key ends in `tokens`, any case.
  private static func endsWithTokens(_ field: JSONFieldScanner.Field, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let suffix = Array("tokens".utf8)
    let start = field.keyEnd - suffix.count
    guard start >= field.keyStart else { return false }
    return (0..<suffix.count).allSatisfy { bytes[start + $0] | 0x20 == suffix[$0] }
  }

  private static let tokenKeys = [
    "input_tokens", "output_tokens", "reasoning_tokens", "cache_read_tokens", "cache_write_tokens",
  ]

  /// Refuses a key that looks like a misspelt token count (`inpt_tokens`): read as an extra
  /// field it would leave its tokens out of the call without a word. Other extra keys stay
  /// allowed, since attribution rules may read them.
  private static func spellingProblem(_ key: String, offset: Int?) -> TraceRecordError? {
    guard !tokenKeys.contains(key) else { return nil }
    let close = tokenKeys.first { Suggestion.editDistance(Array(key.utf8), Array($0.utf8)) <= 2 }
    let lowered = key.lowercased()
    guard
      let suggestion = close
        ?? (lowered.hasSuffix("tokens") ? Suggestion.closest(to: key, in: tokenKeys, limit: 1).first : nil)
    else { return nil }
    return TraceRecordError(
      "unknown key '\(SafeText.quoted(key, limit: 40))' in a tokentax record (did you mean '\(suggestion)'?); "
        + "the token counts are \(tokenKeys.joined(separator: ", "))", offset: offset)
  }

  private static func check(_ usage: TokenUsage) throws(TraceRecordError) {
    if usage.reasoning > usage.output {
      throw TraceRecordError(
        "reasoning_tokens (\(usage.reasoning)) is more than output_tokens (\(usage.output)); "
          + "output_tokens must include the reasoning tokens")
    }
  }

  private static func count(_ field: JSONFieldScanner.Field, _ bytes: UnsafeBufferPointer<UInt8>, _ name: String)
    throws(TraceRecordError) -> Int
  {
    if field.kind == .null { return 0 }
    guard let number = JSONFieldScanner.integer(field, in: bytes) else {
      throw TraceRecordError("field '\(name)' is not a whole token count", offset: field.start)
    }
    return try TokenField.checked(number, field: name, offset: field.start)
  }

  /// A string field's text (a number's literal is accepted as text).
  private static func text(_ field: JSONFieldScanner.Field, _ bytes: UnsafeBufferPointer<UInt8>, _ name: String)
    throws(TraceRecordError) -> String?
  {
    switch field.kind {
    case .null: return nil
    case .number: return numberText(field, bytes)
    case .string:
      guard let text = JSONFieldScanner.string(field, in: bytes) else {
        throw TraceRecordError("field '\(name)' is not valid UTF-8", offset: field.start)
      }
      return text.isEmpty ? nil : text
    default:
      throw TraceRecordError("field '\(name)' must be a string", offset: field.start)
    }
  }

  /// `text`, reusing the string of a value seen on a recent line (features, models).
  private static func text(
    _ field: JSONFieldScanner.Field, _ bytes: UnsafeBufferPointer<UInt8>, _ name: String,
    _ interner: inout StringInterner
  ) throws(TraceRecordError) -> String? {
    guard field.kind == .string, !field.valueEscaped, let base = bytes.baseAddress else {
      return try text(field, bytes, name)
    }
    let raw = UnsafeBufferPointer(start: base + field.valueStart, count: field.valueEnd - field.valueStart)
    return try interner.string(raw) { () throws(TraceRecordError) in try text(field, bytes, name) }
  }

  private static func numberText(_ field: JSONFieldScanner.Field, _ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    guard let base = bytes.baseAddress else { return nil }
    return String(
      decoding: UnsafeBufferPointer(start: base + field.valueStart, count: field.valueEnd - field.valueStart),
      as: UTF8.self)
  }
}
