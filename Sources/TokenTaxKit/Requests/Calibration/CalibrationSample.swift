import JSON

/// One recorded call for `tokentax calibrate`: a request body and the input tokens the provider
/// reported for it, measured into the features the family's estimate is built from.
struct CalibrationSample {
  /// The price table's id for the call's model (dated snapshots and aliases fold into it).
  var model: String
  var family: String
  var features: RequestFeatures
  var profile: EstimationProfile
  var reported: Int

  /// Reads one JSONL line `{"model": …, "request": {…}, "usage": {…}}` (or `"response"` with
  /// the provider's whole response). Returns nil for calls counted exactly (OpenAI models).
  static func read(line bytes: [UInt8], file: String, lineNumber: Int, counter: RequestCounter) throws
    -> CalibrationSample?
  {
    let location = "\(file):\(lineNumber)"
    let value: JSONValue
    do {
      value = try JSONParser().parse(bytes)
    } catch let error as JSONParseError {
      throw JSONParseError(file: file, line: lineNumber, column: error.column, reason: error.reason)
    }
    guard let request = rawValue(of: "request", in: bytes), value["request"]?.objectValue != nil else {
      throw JSONFieldError(file: location, path: "request", problem: "must be the request body as an object")
    }
    let reported: Int? =
      value["usage"].flatMap { ReportedUsage.inputTokens($0) }
      ?? value["response"].flatMap { ReportedUsage.inputTokens(response: $0) }
    guard let reported, reported > 0 else {
      throw JSONFieldError(
        file: location, path: "usage",
        problem: "has no input token count",
        remedy: "record the provider's usage (prompt_tokens, input_tokens or promptTokenCount) or its \"response\"")
    }
    let analysis = try counter.analyze(
      json: Array(request), file: location, model: value["model"]?.stringValue, sizer: LiteralText())
    guard case .estimated(let features, let profile) = analysis.kind else { return nil }
    return CalibrationSample(
      model: counter.prices.resolve(analysis.model) ?? analysis.model, family: profile.family, features: features,
      profile: profile, reported: reported)
  }

  /// The bytes of a top-level member's value as written, so the request keeps its key order.
  static func rawValue(of key: String, in bytes: [UInt8]) -> ArraySlice<UInt8>? {
    var scanner = JSONFieldScanner()
    let range: Range<Int>? = bytes.withUnsafeBufferPointer { buffer in
      guard (try? scanner.scan(buffer)) != nil else { return nil }
      let field = scanner.fields.first { !$0.keyEscaped && bytes[$0.keyStart..<$0.keyEnd].elementsEqual(key.utf8) }
      return field.map { $0.valueStart..<$0.valueEnd }
    }
    return range.map { bytes[$0] }
  }
}
