import Foundation
import JSON

/// Reads one file's records and routes each to its format's reader.
struct FileRecordReader {
  let file: TraceFile
  let options: TraceLoadOptions
  let context: TraceReadContext
  var skipped = 0
  var examples: [String] = []
  private var scanner = JSONFieldScanner()
  private var interner = StringInterner()
  /// The fast native path is tried while the file's records are native.
  private var tryNative = true
  /// The fast paths and the in-place readers are tried until they have turned down this many lines in a row.
  private var fastMissesLeft = 0
  private static let fastMissLimit = 16
  private var lastLine = 1

  init(file: TraceFile, options: TraceLoadOptions, context: TraceReadContext) {
    self.file = file
    self.options = options
    self.context = context
    tryNative = options.fastPaths && (options.format == nil || options.format == .native)
    fastMissesLeft = options.fastPaths && options.format != .native ? Self.fastMissLimit : 0
  }

  mutating func run() throws {
    let reader: ChunkedByteReader
    do {
      reader =
        try file.contents.map { ChunkedByteReader(bytes: $0) }
        ?? ChunkedByteReader(
          path: file.url.path, range: file.piece?.bytes, maximumRecordBytes: options.maximumRecordBytes)
      if let piece = file.piece {
        lastLine = piece.firstLine
        try reader.forEachLine(firstLine: piece.firstLine) { bytes, number in try self.line(bytes, number) }
        try finish()
        return
      }
      guard let firstByte = try reader.peekFirstByte() else { return }
      // A document that opens with `[` is framed element by element: its first line may be the
      // whole (minified) file, which must not be buffered just to look at it.
      if firstByte != UInt8(ascii: "[") || hasLinesName, try isLineDelimited(reader) {
        try reader.forEachLine { bytes, number in try self.line(bytes, number) }
      } else {
        try reader.forEachValue { bytes, line, column in try self.document(bytes, line, column) }
      }
    } catch let error as ChunkedByteReader.ReadError {
      throw TraceError.unreadable(file: file.displayName, reason: error.reason)
    } catch let error as ChunkedByteReader.RecordTooLarge {
      throw TraceError.recordTooLarge(file: file.displayName, line: lastLine + 1, limit: error.limit)
    }
    try finish()
  }

  /// Ends the file's streams; a piece that is not the file's last says whether one was open.
  private mutating func finish() throws {
    if let piece = file.piece, !piece.isLast { context.noteOpenStreamsAtEnd() }
    do {
      try context.finishFile()
    } catch {
      try fail(TraceError.badRecord(file: file.displayName, line: lastLine, column: 1, reason: error.reason))
    }
  }

  private var hasLinesName: Bool { TracePieces.hasLinesName(file.displayName) }

  private mutating func isLineDelimited(_ reader: ChunkedByteReader) throws -> Bool {
    if hasLinesName { return true }
    guard let firstLine = try reader.peekFirstLine() else { return false }
    return firstLine.withUnsafeBufferPointer { bytes in (try? scanner.scan(bytes)) != nil }
  }

  private mutating func line(_ bytes: UnsafeBufferPointer<UInt8>, _ number: Int) throws {
    lastLine = number
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
    // The fast paths skip what they do not read: a key or value that is not UTF-8 would be
    // dropped silently (a misread key loses its tokens), so the whole line is checked first.
    guard Self.isValidUTF8(bytes) else {
      let column = Self.firstInvalidUTF8(bytes).map { JSONFieldScanner.column(ofByte: $0, in: bytes) } ?? 1
      try fail(
        TraceError.badRecord(file: file.displayName, line: number, column: column, reason: "invalid UTF-8 in the line"))
      return
    }
    do {
      var scanned = false
      if tryNative {
        try scanner.scan(bytes)
        scanned = true
        if scanner.isObject, let call = try NativeReader.fastCall(bytes, scanner.fields, options.attributor, &interner)
        {
          context.emit(call)
          return
        }
        tryNative = options.format == .native
      }
      // A scan error is left to the full parse below, which reports it as always.
      if fastMissesLeft > 0, scanned || (try? scanner.scan(bytes)) != nil, scanner.isObject {
        if try fastRead(bytes) {
          fastMissesLeft = Self.fastMissLimit
          return
        }
        fastMissesLeft -= 1
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

  /// Reads a just-scanned line on the fast path of the format it is (or is forced to be).
  private func fastRead(_ bytes: UnsafeBufferPointer<UInt8>) throws(TraceRecordError) -> Bool {
    let format = options.format
    if format == nil || format == .otel, try OTelReader.fastRead(bytes, scanner.fields, context) { return true }
    if format == nil || format == .openai, try OpenAIReader.fastRead(bytes, scanner.fields, context) { return true }
    if format == nil || format == .anthropic, try AnthropicReader.fastRead(bytes, scanner.fields, context) {
      return true
    }
    if format == nil || format == .gemini, try GeminiReader.fastRead(bytes, scanner.fields, context) { return true }
    return try readInPlace(bytes)
  }

  /// Reads a just-scanned object line of a format without a fast path of its own: its reader
  /// takes the record in place (`ScannedObject`), so only the members it reads are built.
  private func readInPlace(_ bytes: UnsafeBufferPointer<UInt8>) throws(TraceRecordError) -> Bool {
    guard !scanner.fields.contains(where: \.keyEscaped) else { return false }
    let record = ScannedObject.scanned(bytes, scanner.fields)
    let detected = TraceFormat.detect(object: record)
    guard let format = options.format ?? detected,
      [.gemini, .bedrock, .langfuse, .litellm, .promptfoo].contains(format)
    else {
      return false
    }
    if let detected, detected != format { context.notes.formatMismatches += 1 }
    switch format {
    case .gemini: try GeminiReader.read(record, line: FeatureAttributor.record(bytes), context)
    case .bedrock: try BedrockReader.read(record, line: FeatureAttributor.record(bytes), context)
    case .langfuse: try LangfuseReader.read(record, line: FeatureAttributor.record(bytes), context)
    case .litellm: try LiteLLMReader.read(record, line: FeatureAttributor.record(bytes), context)
    default: try PromptfooReader.read(record, line: FeatureAttributor.record(bytes), context)
    }
    return true
  }

  /// The offset of the first byte that does not belong to valid UTF-8.
  private static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): offset += UTF8.width(scalar)
      case .emptyInput: return nil
      case .error: return offset
      }
    }
  }

  /// Whether `bytes` are UTF-8; ASCII, the common case, is checked by one OR over the line.
  private static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var bits: UInt8 = 0
    for byte in bytes { bits |= byte }
    return bits < 0x80 || String(validating: bytes, as: UTF8.self) != nil
  }

  private mutating func document(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Int, _ column: Int) throws {
    lastLine = line
    // An element of an exported array is a record like a line: the same fast paths read it, and
    // anything they do not take (or reject) goes to the full parse, which reports positions.
    if options.fastPaths, Self.isValidUTF8(bytes), (try? fastElement(bytes)) == true { return }
    do {
      try dispatch(try JSONParser().parse(bytes), line: line)
    } catch let error as JSONParseError {
      // Positions inside the value are relative to its start.
      let errorColumn = error.line == 1 ? column + error.column - 1 : error.column
      try fail(
        TraceError.badRecord(
          file: file.displayName, line: line + error.line - 1, column: errorColumn, reason: error.reason))
    } catch let error as TraceRecordError {
      try fail(TraceError.badRecord(file: file.displayName, line: line, column: column, reason: error.reason))
    } catch let error as TraceError {
      try fail(error)
    }
  }

  /// Reads one object of a document on a line fast path; false leaves it to the full parse.
  private mutating func fastElement(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Bool {
    try scanner.scan(bytes)
    guard scanner.isObject else { return false }
    if options.format == nil || options.format == .native,
      let call = try NativeReader.fastCall(bytes, scanner.fields, options.attributor, &interner)
    {
      context.emit(call)
      return true
    }
    return try fastRead(bytes)
  }

  private func dispatch(_ value: JSONValue, line: Int) throws {
    if case .array(let items) = value {
      for item in items { try dispatch(item, line: line) }
      return
    }
    let detected = TraceFormat.detect(value)
    guard let format = options.format ?? detected else {
      throw TraceError.unknownRecord(
        file: file.displayName, line: line, keys: value.objectValue?.keys.sorted() ?? [value.kindDescription])
    }
    if let detected, detected != format { context.notes.formatMismatches += 1 }
    switch format {
    case .native: try NativeReader.read(value, context)
    case .openai: try OpenAIReader.read(value, context)
    case .anthropic: try AnthropicReader.read(value, context)
    case .gemini: try GeminiReader.read(value, line: value, context)
    case .bedrock: try BedrockReader.read(value, line: value, context)
    case .otel: try OTelReader.read(value, context)
    case .langfuse: try LangfuseReader.read(value, line: value, context)
    case .litellm: try LiteLLMReader.read(value, line: value, context)
    case .promptfoo: try PromptfooReader.read(value, line: value, context)
    case .summary: context.onSummary(try TraceSummaryJSON.decode(value))
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
