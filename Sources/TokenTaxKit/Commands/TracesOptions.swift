import Foundation

/// The options `traces summarize` and `traces diff` share, and how they become load options.
enum TracesOptions {
  static let format = OptionSpec(
    ["--format"], .value("format"),
    help: "Trace format instead of detecting it: \(TraceFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  static let lenient = OptionSpec(["--lenient"], help: "Skip and count bad lines instead of stopping at the first.")

  static func loadOptions(_ arguments: ParsedArguments) throws -> TraceLoadOptions {
    TraceLoadOptions(format: try arguments.choice("--format", as: TraceFormat.self), lenient: arguments.flag("--lenient"))
  }

  static func files(_ paths: [String], _ invocation: Invocation) -> [TraceFile] {
    paths.map { TraceFile(url: invocation.url(for: $0), displayName: $0) }
  }

  /// The built-in table with `--prices` files laid over it.
  static func prices(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> PriceTable {
    var table = PriceTable.builtIn()
    for path in arguments.allValues("--prices") {
      table = try table.adding(fileAt: invocation.url(for: path), named: path)
    }
    return table
  }

  static func printWarnings(_ warnings: [String], _ invocation: Invocation) {
    for warning in warnings { invocation.stderr.line("warning: \(warning)") }
  }
}
