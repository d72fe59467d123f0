import Foundation
import JSON

/// `tokentax count --request`: the input tokens a provider bills for API request bodies, one
/// body per file, or one per line of a JSONL file (batch input files, recorded calls).
enum CountRequest {
  /// One counted request: where in its file it came from, and its count.
  struct Counted {
    /// The line of a JSONL file, nil for a file holding one body.
    var line: Int?
    var id: String?
    var count: RequestCount
  }

  /// A file's requests: its one body, or one per line of a JSONL file.
  struct CountedFile {
    var name: String
    var isJSONLines: Bool
    var requests: [Counted]
    /// What the table row needs of requests folded in without being kept (a streamed file).
    var folded = Folded()

    struct Folded {
      var count = 0
      var tokens = 0
      var exact = true
      var methods: Set<String> = []
      var notes: [String] = []
      var seenNotes: Set<String> = []
    }

    var requestCount: Int { requests.count + folded.count }
    var tokens: Int { requests.reduce(folded.tokens) { $0 + $1.count.inputTokens } }
    var exact: Bool { folded.exact && requests.allSatisfy(\.count.exact) }
    var methods: Set<String> { folded.methods.union(requests.map { "\($0.count.model): \($0.count.method)" }) }
    var notes: [String] { (folded.notes + requests.flatMap(\.count.notes)).uniqued() }

    /// Adds one request to the row without keeping it; the distinct methods and notes are few.
    mutating func fold(_ request: Counted) {
      folded.count += 1
      folded.tokens += request.count.inputTokens
      folded.exact = folded.exact && request.count.exact
      folded.methods.insert("\(request.count.model): \(request.count.method)")
      for note in request.count.notes where folded.seenNotes.insert(note).inserted { folded.notes.append(note) }
    }
  }

  /// The path of a `.jsonl`/`.ndjson` file that is a regular, non-empty file on disk, which is
  /// streamed; anything else (stdin, a pipe, a missing path) goes through `CountInput`'s checks.
  private static func streamablePath(_ file: String, _ invocation: Invocation) -> String? {
    let lower = file.lowercased()
    guard file != "-", lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") else { return nil }
    let path = invocation.url(for: file).path
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      attributes[.type] as? FileAttributeType == .typeRegular,
      (attributes[.size] as? NSNumber)?.intValue ?? 0 > 0
    else { return nil }
    return path
  }

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    let options = CountCommand.Options.self
    for option in [options.encoding, options.ids, options.allowSpecial]
    where arguments.flag(option) || arguments.value(option) != nil {
      throw UsageError(
        "\(option.longName) does not apply to --request: a request is counted with its model's own rules")
    }
    // `count` reads no config: it runs anywhere, on the built-in prices and --prices files.
    let counter = RequestCounter(prices: try WorkingConfig.prices(arguments, invocation, config: nil))
    let model = arguments.value(CountCommand.Options.model)
    var files: [CountedFile] = []
    let asJSON = try OutputFormat.of(arguments) == .json
    for file in arguments.positionals {
      var reader: ChunkedByteReader?
      if let path = streamablePath(file, invocation) {
        reader = try ChunkedByteReader(path: path)
      } else if file == "-", let descriptor = invocation.stdinDescriptor {
        reader = ChunkedByteReader(borrowing: descriptor)
      }
      var stdinBytes: Data?
      if let reader {
        // A batch file can be gigabytes: read line by line, each request printed (or folded
        // into its file's row) as it is counted, so memory stays flat in the file's size.
        // Standard input streams when its first line is a whole JSON object; else it is one body.
        let lines = file == "-" ? try reader.peekFirstLine().map(isJSONObject) ?? false : true
        if lines {
          files.append(
            try stream(reader, file: file, counter: counter, model: model, asJSON: asJSON, invocation: invocation))
          continue
        }
        stdinBytes = try reader.readToEnd()
      }
      let bytes =
        try stdinBytes.map { try CountInput.text(of: $0, file: file) }
        ?? Array(try CountCommand.read(file, invocation).utf8)
      if let lines = jsonLines(bytes, file: file) {
        // Empty is an error rather than empty output: `--json` would print nothing at all.
        guard !lines.isEmpty else { throw CountInputError(file: file, problem: .noRequests) }
        var requests: [Counted] = []
        for (number, line) in lines {
          let envelope = try RequestEnvelope.open(line, file: file, line: number)
          let count = try counter.count(json: envelope.body, file: "\(file):\(number)", model: model ?? envelope.model)
          requests.append(Counted(line: number, id: envelope.id, count: count))
        }
        files.append(CountedFile(name: file, isJSONLines: true, requests: requests))
        if asJSON { for request in requests { invocation.stdout.line(json(request, file: file)) } }
      } else {
        let count = try counter.count(json: bytes, file: file, model: model)
        files.append(CountedFile(name: file, isJSONLines: false, requests: [Counted(count: count)]))
        if asJSON { invocation.stdout.line(json(Counted(count: count), file: file)) }
      }
    }
    if !asJSON { printTable(files, invocation) }
    return .success
  }

  private static func isJSONObject(_ line: [UInt8]) -> Bool {
    var scanner = JSONFieldScanner()
    return (try? line.withUnsafeBufferPointer { try scanner.scan($0) }) != nil && scanner.isObject
  }

  /// Counts a JSONL input a line at a time. Standard input holding one line is one body, as it
  /// would be read whole: its count is printed once the input ends, without a line number.
  private static func stream(
    _ reader: ChunkedByteReader, file: String, counter: RequestCounter, model: String?, asJSON: Bool,
    invocation: Invocation
  ) throws -> CountedFile {
    var summary = CountedFile(name: file, isJSONLines: true, requests: [])
    // Standard input's first request waits until a second one proves the input is JSONL.
    var first: Counted?
    try reader.forEachLine { line, number in
      guard !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") })
      else { return }
      if let problem = UTF8Check.problem(in: UnsafeRawBufferPointer(line)) {
        throw CountInputError(file: "\(file):\(number)", problem: problem)
      }
      let envelope = try RequestEnvelope.open(Array(line), file: file, line: number)
      let count = try counter.count(json: envelope.body, file: "\(file):\(number)", model: model ?? envelope.model)
      let request = Counted(line: number, id: envelope.id, count: count)
      summary.fold(request)
      if file == "-", summary.requestCount == 1 {
        first = request
        return
      }
      if let held = first, asJSON { invocation.stdout.line(json(held, file: file)) }
      first = nil
      if asJSON { invocation.stdout.line(json(request, file: file)) }
    }
    guard summary.requestCount > 0 else { throw CountInputError(file: file, problem: .noRequests) }
    if let only = first {
      let body = Counted(count: only.count)
      if asJSON { invocation.stdout.line(json(body, file: file)) }
      return CountedFile(name: file, isJSONLines: false, requests: [body])
    }
    return summary
  }

  /// The non-blank lines of a JSONL file with their numbers, or nil for a file holding one
  /// body: a `.jsonl`/`.ndjson` name, or a document that is not one JSON value while its first
  /// line is (stdin has no name to go by).
  static func jsonLines(_ bytes: [UInt8], file: String) -> [(Int, [UInt8])]? {
    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
      .map { ($0.offset + 1, Array($0.element)) }
      .filter { !$0.1.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") } }
    let lower = file.lowercased()
    if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return lines }
    guard lines.count > 1 else { return nil }
    // Validated without building anything: the counter parses the body afterwards.
    var scanner = JSONFieldScanner()
    func isJSON(_ bytes: [UInt8]) -> Bool { (try? bytes.withUnsafeBufferPointer { try scanner.scan($0) }) != nil }
    guard !isJSON(bytes), isJSON(lines[0].1), scanner.isObject else { return nil }
    return lines
  }

  private static func json(_ request: Counted, file: String) -> String {
    let count = request.count
    var object: JSONObject = [
      "file": .string(file), "model": .string(count.model), "api": .string(count.api.rawValue),
      "input_tokens": .int(count.inputTokens), "exact": .bool(count.exact), "method": .string(count.method),
    ]
    if let line = request.line { object["line"] = .int(line) }
    if let id = request.id { object["custom_id"] = .string(id) }
    if !count.notes.isEmpty { object["notes"] = .array(count.notes.map(JSONValue.string)) }
    return JSONWriter.string(.object(object), pretty: false)
  }

  /// One row per file: a JSONL file's requests are summed (a batch file can hold 50,000).
  private static func printTable(_ files: [CountedFile], _ invocation: Invocation) {
    let total = files.reduce(0) { $0 + $1.tokens }
    let width = max(6, Money.tokens(total).count)
    func number(_ tokens: Int) -> String {
      String(repeating: " ", count: max(0, width - Money.tokens(tokens).count)) + Money.tokens(tokens)
    }
    invocation.stdout.line("Input tokens billed per request")
    for file in files {
      let tokens = file.tokens
      let exact = file.exact
      let requestCount = file.requestCount
      var label = SafeText.escaped(file.name)
      if file.isJSONLines { label += " (\(Money.tokens(requestCount)) request\(requestCount == 1 ? "" : "s"))" }
      let methods = file.methods
      let method =
        methods.count <= 1 ? methods.first ?? "" : "\(methods.count) models or methods; --json shows each request"
      invocation.stdout.line(
        "\(number(tokens))  \(exact ? "exact    " : "estimated")  \(label)" + (method.isEmpty ? "" : "  \(method)"))
      for note in file.notes {
        invocation.stdout.line(String(repeating: " ", count: width + 13) + "· " + note)
      }
    }
    if files.count > 1 || files.contains(where: { $0.requestCount > 1 }) {
      invocation.stdout.line(number(total) + "  total")
    }
  }
}
