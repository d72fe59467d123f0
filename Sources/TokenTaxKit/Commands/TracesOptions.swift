import Foundation
import JSON

/// The options `traces summarize` and `traces diff` share, and how they become load options.
enum TracesOptions {
  static let format = OptionSpec(
    ["--format"], .value("format"),
    help: "Output format: table or json; or, as before, a trace format (see --trace-format).")
  static let traceFormat = OptionSpec(
    ["--trace-format"], .value("format"),
    help: "Trace format instead of detecting it: \(TraceFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  static let lenient = OptionSpec(["--lenient"], help: "Skip and count bad lines instead of stopping at the first.")

  /// `--format table|json` (or `--json`); a `--format` naming a trace format is the earlier
  /// spelling of `--trace-format` and leaves the output a table. Commands read it before any
  /// file, so a wrong value is reported first.
  static func output(_ arguments: ParsedArguments) throws -> OutputFormat {
    if let raw = arguments.value(format), OutputFormat(rawValue: raw) == nil {
      let traces = TraceFormat.allCases.map(\.rawValue)
      guard TraceFormat(rawValue: raw) != nil else {
        throw UsageError(
          "option '--format' must be table or json (or a trace format: \(traces.joined(separator: ", "))), got '\(raw)'"
            + Suggestion.didYouMean(raw, in: ["table", "json"] + traces))
      }
      return arguments.flag(.json) ? .json : .table
    }
    return try OutputFormat.of(arguments)
  }

  /// Format and leniency from the flags; attribution rules from the config's `traces.rules`.
  static func loadOptions(_ arguments: ParsedArguments, config: WorkingConfig?) throws -> TraceLoadOptions {
    TraceLoadOptions(
      format: try arguments.choice(traceFormat, as: TraceFormat.self)
        ?? arguments.value(format).flatMap(TraceFormat.init(rawValue:)), lenient: arguments.flag(lenient),
      attributor: FeatureAttributor(rules: config?.config.traceRules ?? []))
  }

  static func files(_ paths: [String], _ invocation: Invocation) -> [TraceFile] {
    paths.map { TraceFile(url: invocation.url(for: $0), displayName: $0) }
  }

  static func printWarnings(_ warnings: [String], _ invocation: Invocation) {
    for warning in warnings { invocation.stderr.line("warning: " + SafeText.errorLine(warning)) }
  }
}
