import Foundation
import JSON
import Tokenizer

/// `tokentax count`: exact token counts (and ids) of files or stdin, like tiktoken's
/// `encode_ordinary` on each file's text.
enum CountCommand: Command {
  static let spec = CommandSpec(
    path: ["count"], abstract: "Count the tokens of files or stdin with an exact OpenAI tokenizer.",
    discussion: """
      Token ids are identical to tiktoken's (o200k_base: GPT-4o, GPT-4.1, GPT-5, o-series;
      cl100k_base: GPT-4, GPT-3.5-turbo, text-embedding-3). Other model families are counted
      with o200k_base and marked estimated. The default is o200k_base. Special-token strings
      such as <|endoftext|> are ordinary text unless --allow-special is given. A large input
      is encoded on all cores (--jobs 1 for one thread), with the same ids.

      With --request each file is an API request body (OpenAI Chat Completions or Responses,
      Anthropic Messages, Gemini generateContent) and the count is the input tokens the
      provider bills for it: message framing, names, tool definitions, tool calls, response
      formats and images included. OpenAI models are exact; other families are estimated
      (see tokentax calibrate). A JSONL file (.jsonl, or several JSON lines on stdin) holds one
      request per line, bare or as a batch input line (OpenAI "body", Anthropic "params",
      Gemini or a recorded call's "request"): the table sums each file, --json prints each line.

      With --symbol (Python, TypeScript, JavaScript) or --key (YAML, JSON) the count is of the
      one value the name selects in each file, as the language holds it, the way a prompt part
      with "symbol" or "key" counts it: its placeholders are listed, not counted.
      """,
    options: [
      Options.model,
      Options.encoding,
      Options.ids,
      OutputFormat.option, Options.json,
      Options.allowSpecial,
      Options.jobs,
      Options.request, .prices,
      Options.symbol,
      Options.key,
    ],
    positionals: PositionalSpec("files", help: "Text files to count; - reads stdin.", minimum: 1),
    examples: [
      Example("Count a prompt as GPT-5 would", "tokentax count --model gpt-5 prompts/system.md"),
      Example("Every prompt, with a total", "tokentax count prompts/*.md"),
      Example("Token ids from stdin, as JSON", "echo 'Hello world' | tokentax count --ids --json -"),
      Example(
        "What a recorded request body is billed",
        "tokentax count --request fixtures/requests/examples/weather-gpt-4o.json"),
      Example("The input tokens of an OpenAI Batch input file", "tokentax count --request batch-input.jsonl"),
      Example(
        "One prompt constant of a Python module", "tokentax count --symbol TriagePrompts.main_system app/prompts.py"),
    ])

  /// The options only this command takes; the shared ones are `OptionSpec`'s.
  enum Options {
    static let model = OptionSpec(
      ["--model", "-m"], .value("model"), help: "Count as this model does; non-OpenAI models are estimated.")
    static let encoding = OptionSpec(
      ["--encoding", "-e"], .value("encoding"), help: "Use this encoding: o200k_base or cl100k_base.")
    static let ids = OptionSpec(["--ids"], help: "Also print the token ids.")
    static let json = OptionSpec(["--json"], help: "Print one JSON object per file instead of a table.")
    static let allowSpecial = OptionSpec(
      ["--allow-special"], help: "Encode special-token strings as their special ids.")
    static let jobs = OptionSpec(
      ["--jobs", "-j"], .value("N"), help: "Encode a large input on N threads (default: the core count).")
    static let request = OptionSpec(["--request"], help: "Count API request bodies as the provider bills them.")
    static let symbol = OptionSpec(
      ["--symbol"], .value("name"), help: "Count the string constant NAME or Class.attr of each code file.")
    static let key = OptionSpec(
      ["--key"], .value("path"), help: "Count the string at a key path (a.b[0].c) of each YAML or JSON file.")
  }

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    if arguments.flag(Options.request) { return try CountRequest.run(arguments, invocation) }
    let format = try OutputFormat.of(arguments)
    let choice = try encodingChoice(arguments, invocation)
    let encoding = Encoding.load(choice.name)
    let allowSpecial = arguments.flag(Options.allowSpecial)
    let withIDs = arguments.flag(Options.ids)
    let jobs = max(try arguments.int(Options.jobs) ?? ProcessInfo.processInfo.activeProcessorCount, 1)
    var rows: [(file: String, count: Int, ids: [Int]?)] = []
    let selector = try CountValue.selector(arguments)
    if let selector {
      for file in arguments.positionals {
        let value = try CountValue(selector: selector, file: file, invocation)
        let count = value.texts.reduce(0) { $0 + encoding.count($1, allowSpecial: allowSpecial) }
        rows.append((file + "#" + selector.name, TokenCounter.scale(count, by: choice.factor), nil))
        if !value.placeholders.isEmpty {
          invocation.stderr.line(
            "note: \(SafeText.escaped(file))#\(SafeText.escaped(selector.name)): placeholders not counted: "
              + value.placeholders.map { SafeText.escaped($0) }.joined(separator: ", "))
        }
      }
    }
    for file in arguments.positionals where selector == nil {
      // The bytes go to the tokenizer as they are mapped; the count alone builds no ids.
      let row = try CountInput.withBytes(file, invocation, jobs: jobs) { bytes -> (count: Int, ids: [Int]?) in
        guard withIDs else { return (encoding.count(utf8: bytes, allowSpecial: allowSpecial, jobs: jobs), nil) }
        let ids = encoding.encode(utf8: bytes, allowSpecial: allowSpecial, jobs: jobs)
        return (ids.count, ids)
      }
      rows.append((file, TokenCounter.scale(row.count, by: choice.factor), row.ids))
    }

    if format == .json {
      for row in rows {
        var object: JSONObject = [
          "file": .string(row.file), "encoding": .string(choice.name.rawValue), "exact": .bool(choice.exact),
          "count": .int(row.count),
        ]
        if let model = choice.model { object["model"] = .string(model) }
        if choice.factor != 1 { object["factor"] = .number(Money.plain(choice.factor)) }
        if let ids = row.ids { object["ids"] = .array(ids.map(JSONValue.int)) }
        invocation.stdout.line(JSONWriter.string(.object(object), pretty: false))
      }
      return .success
    }
    invocation.stdout.line(choice.label)
    let total = rows.reduce(0) { $0 + $1.count }
    let width = max(6, Money.tokens(total).count)
    for row in rows {
      invocation.stdout.line(pad(Money.tokens(row.count), width) + "  " + SafeText.escaped(row.file))
      if let ids = row.ids {
        invocation.stdout.line(
          String(repeating: " ", count: width + 2) + "[" + ids.map(String.init).joined(separator: ", ") + "]")
      }
    }
    if rows.count > 1 { invocation.stdout.line(pad(Money.tokens(total), width) + "  total") }
    return .success
  }

  private struct EncodingChoice {
    var name: EncodingName
    var exact: Bool
    var model: String?
    /// The family factor `estimate` applies to the same model (1 when exact).
    var factor: Decimal = 1
    /// The table's first line.
    var label: String
  }

  private static func encodingChoice(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> EncodingChoice {
    let encoding = try arguments.choice(Options.encoding, as: EncodingName.self)
    guard let model = arguments.value(Options.model) else {
      let name = encoding ?? .o200kBase
      return EncodingChoice(name: name, exact: true, model: nil, label: name.rawValue)
    }
    if encoding != nil {
      throw UsageError("use either --model or --encoding, not both: --model picks the encoding of that model")
    }
    // The counter `estimate` uses, with the price row's tokenizer and calibrated factor, so one
    // text gets one number for one model. An OpenAI model needs no price row.
    let table = ModelCatalog.identify(model).exact ? nil : try WorkingConfig.prices(arguments, invocation, config: nil)
    let price = try? table?.lookup(model)
    let counter = TokenCounter(model: model, tokenizer: price?.tokenizer, factor: price?.tokenFactor)
    let name = counter.encoding.name
    if counter.exact {
      return EncodingChoice(name: name, exact: true, model: model, label: "\(name.rawValue) (exact for \(model))")
    }
    let scale = counter.factor == 1 ? "" : " × \(counter.factor), the \(counter.family) factor estimate applies"
    return EncodingChoice(
      name: name, exact: false, model: model, factor: counter.factor,
      label: "\(name.rawValue)\(scale) (estimated: \(model)'s tokenizer is not public)")
  }

  /// The text of a file or of stdin (`-`), or an error naming the file and the byte offset.
  static func read(_ file: String, _ invocation: Invocation) throws -> String {
    try CountInput.withBytes(file, invocation) { String(decoding: $0, as: UTF8.self) }
  }

  private static func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }
}
