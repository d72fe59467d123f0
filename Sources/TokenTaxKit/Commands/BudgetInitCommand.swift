import Foundation
import JSON

/// `tokentax budget init`: budgets at today's forecast plus headroom.
enum BudgetInitCommand: Command {
  static let spec = CommandSpec(
    path: ["budget", "init"],
    abstract: "Write per-feature and total monthly budgets at today's forecast plus headroom.",
    discussion:
      "Teams set budgets 10–20 % above baseline; the default headroom is 15 %. Features without calls_per_day get no budget.",
    options: [
      Options.headroom, .config,
      .prices,
    ],
    examples: [Example("Budgets 20 % above today's forecast", "tokentax budget init --headroom 20")])

  /// The options only this command takes; the shared ones are `OptionSpec`'s.
  enum Options {
    static let headroom = OptionSpec(
      ["--headroom"], .value("percent"), help: "Percent above the forecast (default: 15).")
  }

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    let headroom = try arguments.decimal(Options.headroom) ?? 15
    let forecast = try Forecast.make(
      rev: nil, configPath: arguments.value(.config), priceFiles: arguments.allValues(.prices),
      workingDirectory: invocation.workingDirectory, environment: invocation.environment)
    let path = forecast.configPath
    let url = forecast.configURL
    let text = try String(contentsOf: url, encoding: .utf8)
    var root = try JSONParser(relaxed: true).parse(text)
    let factor = 1 + headroom / 100
    func budget(_ monthly: Decimal) -> Decimal { Money.rounded(monthly * factor, scale: 0, mode: .up) }
    var features = root["features"]?.arrayValue ?? []
    for index in features.indices {
      guard var members = features[index].objectValue, let id = members["id"]?.stringValue,
        let monthly = forecast.features.first(where: { $0.id == id })?.estimate.monthlyUSD
      else { continue }
      members["budget"] = .object(["monthly_usd": .number(Money.plain(budget(monthly)))])
      features[index] = .object(members)
    }
    guard case .object(var top) = root else { return .couldNotRun }
    top["features"] = .array(features)
    var budgets = top["budgets"]?.objectValue ?? [:]
    if let total = forecast.monthlyUSD { budgets["monthly_usd"] = .number(Money.plain(budget(total))) }
    budgets["warn_at_percent"] = budgets["warn_at_percent"] ?? .int(80)
    top["budgets"] = .object(budgets)
    root = .object(top)
    // The user's file keeps its key order; only the budgets change.
    let rendered = JSONWriter.string(root, sortedKeys: false) + "\n"
    if text.contains("//") || text.contains("/*") {
      // Rewriting would drop the user's comments: show the result instead of destroying them.
      invocation.stdout.write(rendered)
      invocation.stderr.line("note: \(path) has comments, which a rewrite would drop; copy the budgets above into it")
      return .success
    }
    try ReportWriter.writeFile(rendered, to: url, name: path)
    invocation.stdout.line(
      "wrote budgets to \(path): total \(Money.usd(forecast.monthlyUSD.map(budget)))/month (forecast + \(headroom) %)")
    return .success
  }
}
