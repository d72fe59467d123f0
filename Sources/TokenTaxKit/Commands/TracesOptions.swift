import Foundation

/// The options `traces summarize` and `traces diff` share, and how they become load options.
enum TracesOptions {
  static let format = OptionSpec(
    ["--format"], .value("format"),
    help: "Trace format instead of detecting it: \(TraceFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  static let lenient = OptionSpec(["--lenient"], help: "Skip and count bad lines instead of stopping at the first.")

  /// Format and leniency from the flags; attribution rules from the config's `traces.rules`.
  static func loadOptions(_ arguments: ParsedArguments, config: WorkingConfig?) throws -> TraceLoadOptions {
    TraceLoadOptions(
      format: try arguments.choice("--format", as: TraceFormat.self), lenient: arguments.flag("--lenient"),
      attributor: FeatureAttributor(rules: config?.config.traceRules ?? []))
  }

  static func files(_ paths: [String], _ invocation: Invocation) -> [TraceFile] {
    paths.map { TraceFile(url: invocation.url(for: $0), displayName: $0) }
  }

  static func printWarnings(_ warnings: [String], _ invocation: Invocation) {
    for warning in warnings { invocation.stderr.line("warning: " + SafeText.errorLine(warning)) }
  }
}
