import Foundation

/// `tokentax count --request`: the input tokens a provider bills for API request bodies.
enum CountRequest {
  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    for option in ["--encoding", "--ids", "--allow-special"]
    where arguments.flag(option) || arguments.value(option) != nil {
      throw UsageError("\(option) does not apply to --request: a request is counted with its model's own rules")
    }
    var table = PriceTable.builtIn()
    for path in arguments.allValues("--prices") { table = try table.adding(fileAt: invocation.url(for: path), named: path) }
    let counter = RequestCounter(prices: table)
    var counts: [(file: String, count: RequestCount)] = []
    for file in arguments.positionals {
      let text = try CountCommand.read(file, invocation)
      counts.append((file, try counter.count(json: Array(text.utf8), file: file, model: arguments.value("--model"))))
    }
    if arguments.flag("--json") {
      for (file, count) in counts {
        var object: [String: JSONValue] = [
          "file": .string(file), "model": .string(count.model), "api": .string(count.api.rawValue),
          "input_tokens": .int(count.inputTokens), "exact": .bool(count.exact), "method": .string(count.method),
        ]
        if !count.notes.isEmpty { object["notes"] = .array(count.notes.map(JSONValue.string)) }
        invocation.stdout.line(JSONWriter.string(.object(object), pretty: false))
      }
      return .success
    }
    let total = counts.reduce(0) { $0 + $1.count.inputTokens }
    let width = max(6, Money.tokens(total).count)
    invocation.stdout.line("Input tokens billed per request")
    for (file, count) in counts {
      let number = String(repeating: " ", count: max(0, width - Money.tokens(count.inputTokens).count))
        + Money.tokens(count.inputTokens)
      invocation.stdout.line("\(number)  \(count.exact ? "exact    " : "estimated")  \(file)  \(count.model): \(count.method)")
      for note in count.notes { invocation.stdout.line(String(repeating: " ", count: width + 13) + "· " + note) }
    }
    if counts.count > 1 {
      invocation.stdout.line(String(repeating: " ", count: max(0, width - Money.tokens(total).count)) + Money.tokens(total) + "  total")
    }
    return .success
  }
}
