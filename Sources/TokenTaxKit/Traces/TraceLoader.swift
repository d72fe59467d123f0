import Foundation

/// A trace file to read: where it is, and how messages name it (the path the user typed).
public struct TraceFile: Sendable, Equatable {
  public var url: URL
  public var displayName: String

  public init(url: URL, displayName: String) {
    self.url = url
    self.displayName = displayName
  }
}

/// How trace files are read.
public struct TraceLoadOptions: Sendable {
  /// Forces one format instead of detecting it per record.
  public var format: TraceFormat?
  /// Skip and count bad lines instead of stopping at the first.
  public var lenient: Bool
  public var attributor: FeatureAttributor
  public var sampleCapacity: Int

  public init(
    format: TraceFormat? = nil, lenient: Bool = false, attributor: FeatureAttributor = FeatureAttributor(),
    sampleCapacity: Int = CallReservoir.defaultCapacity
  ) {
    self.format = format
    self.lenient = lenient
    self.attributor = attributor
    self.sampleCapacity = sampleCapacity
  }
}

/// Reads trace files, streaming, into calls or a summary (SPEC §7).
///
/// A file is JSON Lines when its name ends in `.jsonl`/`.ndjson` or its first line is a whole
/// JSON value; otherwise it is a document (pretty-printed, or one big array, which streams
/// element by element). Every record's format is detected on its own, so mixed files work.
public enum TraceLoader {
  /// Reads `files` and summarises them per feature, priced with `prices`.
  public static func summarize(_ files: [TraceFile], options: TraceLoadOptions = TraceLoadOptions(), prices: PriceTable)
    throws -> TraceSummary
  {
    var builder = TraceSummaryBuilder(prices: prices, sampleCapacity: options.sampleCapacity)
    let outcome = try read(files, options: options) { builder.add($0) }
    for summary in outcome.summaries { builder.merge(summary) }
    builder.skippedLines += outcome.skippedLines
    builder.skippedExamples += outcome.skippedExamples
    builder.notes.add(outcome.notes)
    return builder.finish()
  }

  /// What reading produced besides calls.
  public struct Outcome: Sendable {
    public var summaries: [TraceSummary] = []
    public var skippedLines = 0
    public var skippedExamples: [String] = []
    public var notes = TraceNotes()
  }

  /// Reads `files` and hands every call to `onCall`, in file order.
  public static func read(_ files: [TraceFile], options: TraceLoadOptions = TraceLoadOptions(), onCall: @escaping (TraceCall) -> Void)
    throws -> Outcome
  {
    let context = TraceReadContext(attributor: options.attributor, sink: onCall)
    var outcome = Outcome()
    for file in files {
      var reader = FileRecordReader(file: file, options: options, context: context)
      try reader.run()
      outcome.skippedLines += reader.skipped
      outcome.skippedExamples += reader.examples.prefix(max(0, 3 - outcome.skippedExamples.count))
    }
    context.finishLoad()
    outcome.summaries = context.summaries
    outcome.notes = context.notes
    return outcome
  }
}

/// Reads one file's records and routes each to its format's reader.
private struct FileRecordReader {
  let file: TraceFile
  let options: TraceLoadOptions
  let context: TraceReadContext
  var skipped = 0
  var examples: [String] = []
  private var scanner = JSONFieldScanner()
  private var interner = StringInterner()
  /// The fast native path is tried while the file's records are native.
  private var tryNative = true
  private var lastLine = 1

  init(file: TraceFile, options: TraceLoadOptions, context: TraceReadContext) {
    self.file = file
    self.options = options
    self.context = context
    tryNative = options.format == nil || options.format == .native
  }

  mutating func run() throws {
    let reader: ChunkedByteReader
    do {
      reader = try ChunkedByteReader(path: file.url.path)
      guard let firstLine = try reader.peekFirstLine() else { return }
      if isLineDelimited(firstLine) {
        try reader.forEachLine { bytes, number in try self.line(bytes, number) }
      } else {
        try reader.forEachValue { bytes, line, column in try self.document(bytes, line, column) }
      }
    } catch let error as ChunkedByteReader.ReadError {
      throw TraceError.unreadable(file: file.displayName, reason: error.reason)
    }
    do {
      try context.finishFile()
    } catch {
      try fail(TraceError.badRecord(file: file.displayName, line: lastLine, column: 1, reason: error.reason))
    }
  }

  private mutating func isLineDelimited(_ firstLine: [UInt8]) -> Bool {
    let name = file.url.lastPathComponent.lowercased()
    if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") || name.hasSuffix(".jsonlines") { return true }
    return firstLine.withUnsafeBufferPointer { bytes in (try? scanner.scan(bytes)) != nil }
  }

  private mutating func line(_ bytes: UnsafeBufferPointer<UInt8>, _ number: Int) throws {
    lastLine = number
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
    do {
      if tryNative {
        try scanner.scan(bytes)
        if scanner.isObject, let call = try NativeReader.fastCall(bytes, scanner.fields, options.attributor, &interner) {
          context.emit(call)
          return
        }
        tryNative = options.format == .native
      }
      let value = try JSONParser().parse(bytes)
      try dispatch(value, line: number)
    } catch let error as JSONParseError {
      try fail(TraceError.badRecord(file: file.displayName, line: number, column: error.column, reason: error.reason))
    } catch let error as TraceRecordError {
      let column = error.offset.map { JSONFieldScanner.column(ofByte: $0, in: bytes) } ?? 1
      try fail(TraceError.badRecord(file: file.displayName, line: number, column: column, reason: error.reason))
    } catch let error as TraceError {
      try fail(error)
    }
  }

  private mutating func document(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Int, _ column: Int) throws {
    lastLine = line
    do {
      try dispatch(try JSONParser().parse(bytes), line: line)
    } catch let error as JSONParseError {
      // Positions inside the value are relative to its start.
      let errorColumn = error.line == 1 ? column + error.column - 1 : error.column
      try fail(TraceError.badRecord(file: file.displayName, line: line + error.line - 1, column: errorColumn, reason: error.reason))
    } catch let error as TraceRecordError {
      try fail(TraceError.badRecord(file: file.displayName, line: line, column: column, reason: error.reason))
    } catch let error as TraceError {
      try fail(error)
    }
  }

  private func dispatch(_ value: JSONValue, line: Int) throws {
    if case .array(let items) = value {
      for item in items { try dispatch(item, line: line) }
      return
    }
    guard let format = options.format ?? TraceFormat.detect(value) else {
      throw TraceError.unknownRecord(file: file.displayName, line: line, keys: value.objectValue?.keys.sorted() ?? [value.kindDescription])
    }
    switch format {
    case .native: try NativeReader.read(value, context)
    case .openai: try OpenAIReader.read(value, context)
    case .anthropic: try AnthropicReader.read(value, context)
    case .gemini: try GeminiReader.read(value, context)
    case .bedrock: try BedrockReader.read(value, context)
    case .otel: try OTelReader.read(value, context)
    case .langfuse: try LangfuseReader.read(value, context)
    case .litellm: try LiteLLMReader.read(value, context)
    case .promptfoo: try PromptfooReader.read(value, context)
    case .summary: context.summaries.append(try TraceSummaryJSON.decode(value))
    }
  }

  /// Stops at a bad record, or under `--lenient` counts it and goes on.
  private mutating func fail(_ error: TraceError) throws {
    guard options.lenient else { throw error }
    skipped += 1
    if examples.count < 3, case .badRecord(let file, let line, let column, let reason) = error {
      examples.append("\(file):\(line):\(column): \(reason)")
    } else if examples.count < 3, case .unknownRecord(let file, let line, _) = error {
      examples.append("\(file):\(line): unknown record")
    }
  }
}
