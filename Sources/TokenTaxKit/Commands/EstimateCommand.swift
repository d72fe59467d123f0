import Foundation
import JSON

/// `tokentax estimate`: the design-time forecast at one revision.
enum EstimateCommand: Command {
  static let spec = CommandSpec(
    path: ["estimate"], abstract: "Forecast tokens and cost per call and per month for every feature at one revision.",
    options: [
      Options.rev, .config, .prices,
      OutputFormat.option, .json,
    ],
    examples: [
      Example("Forecast the working tree", "tokentax estimate"),
      Example("Forecast main as JSON", "tokentax estimate --rev main --format json"),
    ])

  /// The options only this command takes; the shared ones are `OptionSpec`'s.
  enum Options {
    static let rev = OptionSpec(["--rev"], .value("rev"), help: "Revision to forecast (default: the working tree).")
  }

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    let format = try OutputFormat.of(arguments)
    let forecast = try Forecast.make(
      rev: arguments.value(Options.rev), configPath: arguments.value(.config),
      priceFiles: arguments.allValues(.prices),
      workingDirectory: invocation.workingDirectory, environment: invocation.environment)
    invocation.stdout.write(format == .json ? json(forecast) : table(forecast))
    for warning in forecast.warnings { invocation.stderr.line("warning: " + SafeText.errorLine(warning)) }
    return .success
  }

  static func table(_ forecast: Forecast) -> String {
    var rows = [["FEATURE", "MODEL", "INPUT", "CACHED", "OUTPUT", "$/CALL", "$/MONTH", "COUNT"]]
    for row in forecast.features {
      let e = row.estimate
      rows.append([
        row.id, row.model, Money.tokens(e.inputTokens), Money.tokens(e.cachedInputTokens), Money.tokens(e.outputTokens),
        Money.usd(e.costPerCallUSD), e.monthlyUSD.map { Money.usd($0) } ?? "unknown (set calls_per_day)",
        row.encoding.exact ? "exact" : "estimated",
      ])
    }
    rows.append(["TOTAL", "", "", "", "", "", Money.usd(forecast.monthlyUSD), ""])
    let out = TextTable.render(rows, rightAligned: { (2...6).contains($0) }, totalRule: true)
    return out + "prices as of \(forecast.pricesAsOf); tokens per call include chat framing\n"
  }

  static func json(_ forecast: Forecast) -> String {
    let features: [JSONValue] = forecast.features.map { row in
      let e = row.estimate
      return .object([
        "id": .string(row.id), "model": .string(row.model),
        "encoding": .object(["name": .string(row.encoding.name), "exact": .bool(row.encoding.exact)]),
        "input_tokens": .int(e.inputTokens), "cached_input_tokens": .int(e.cachedInputTokens),
        "output_tokens": .int(e.outputTokens),
        "cost_per_call_usd": .number(Money.jsonUSD(e.costPerCallUSD)),
        "monthly_usd": e.monthlyUSD.map { .number(Money.jsonUSD($0)) } ?? .null,
      ])
    }
    return JSONWriter.string(
      .object([
        "schema_version": .int(1), "revision": .string(forecast.revision), "features": .array(features),
        "monthly_usd": forecast.monthlyUSD.map { .number(Money.jsonUSD($0)) } ?? .null,
        "prices_as_of": .string(forecast.pricesAsOf),
      ])) + "\n"
  }
}
