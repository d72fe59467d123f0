import Foundation

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
  }

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    for option in ["--encoding", "--ids", "--allow-special"]
    where arguments.flag(option) || arguments.value(option) != nil {
      throw UsageError("\(option) does not apply to --request: a request is counted with its model's own rules")
    }
    var table = PriceTable.builtIn()
    for path in arguments.allValues("--prices") {
      table = try table.adding(fileAt: invocation.url(for: path), named: path)
    }
    let counter = RequestCounter(prices: table)
    let model = arguments.value("--model")
    var files: [CountedFile] = []
    for file in arguments.positionals {
      let bytes = Array(try CountCommand.read(file, invocation).utf8)
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
      } else {
        let count = try counter.count(json: bytes, file: file, model: model)
        files.append(CountedFile(name: file, isJSONLines: false, requests: [Counted(count: count)]))
      }
    }
    if arguments.flag("--json") {
      for file in files {
        for request in file.requests { invocation.stdout.line(json(request, file: file.name)) }
      }
    } else {
      printTable(files, invocation)
    }
    return .success
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
    var object: [String: JSONValue] = [
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
    let total = files.reduce(0) { $0 + $1.requests.reduce(0) { $0 + $1.count.inputTokens } }
    let width = max(6, Money.tokens(total).count)
    func number(_ tokens: Int) -> String {
      String(repeating: " ", count: max(0, width - Money.tokens(tokens).count)) + Money.tokens(tokens)
    }
    invocation.stdout.line("Input tokens billed per request")
    for file in files {
      let requests = file.requests
      let tokens = requests.reduce(0) { $0 + $1.count.inputTokens }
      let exact = requests.allSatisfy(\.count.exact)
      var label = SafeText.escaped(file.name)
      if file.isJSONLines { label += " (\(Money.tokens(requests.count)) request\(requests.count == 1 ? "" : "s"))" }
      let methods = Set(requests.map { "\($0.count.model): \($0.count.method)" })
      let method =
        methods.count <= 1 ? methods.first ?? "" : "\(methods.count) models or methods; --json shows each request"
      invocation.stdout.line(
        "\(number(tokens))  \(exact ? "exact    " : "estimated")  \(label)" + (method.isEmpty ? "" : "  \(method)"))
      for note in requests.flatMap(\.count.notes).uniqued() {
        invocation.stdout.line(String(repeating: " ", count: width + 13) + "· " + note)
      }
    }
    if files.count > 1 || files.contains(where: { $0.requests.count > 1 }) {
      invocation.stdout.line(number(total) + "  total")
    }
  }
}
