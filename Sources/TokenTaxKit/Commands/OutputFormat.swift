/// How a command other than `check` and `demo` prints its result: `--format table|json`, with
/// `--json` kept as the short spelling, so every command that prints a report takes `--format`.
enum OutputFormat: String, CaseIterable {
  case table
  case json

  static let option = OptionSpec(
    ["--format"], .value("format"), help: "Output format: table or json (default: table; --json is short for json).")

  /// The format `--format` or `--json` asks for; a usage error when they disagree.
  static func of(_ arguments: ParsedArguments) throws -> OutputFormat {
    let chosen = try arguments.choice(.format, as: OutputFormat.self)
    guard arguments.flag(.json) else { return chosen ?? .table }
    if let chosen, chosen != .json { throw UsageError("--json and --format \(chosen.rawValue) disagree: give one") }
    return .json
  }
}
