/// `tokentax traces diff BASE HEAD`: the statistical comparison of two trace sets (docs/traces.md).
enum TracesDiffCommand: Command {
  static let spec = CommandSpec(
    path: ["traces", "diff"],
    abstract: "Compare two trace sets per feature: means, p50/p95, delta % with a 95 % interval.",
    discussion: """
      Intervals come from a seeded bootstrap (2,000 resamples; the same input gives the same
      output). Calls are paired by case id when both sides share cases. A delta is significant
      when its interval excludes 0. BASE and HEAD may also be 'traces summarize --json' files.
      """,
    options: [
      .json, TracesOptions.format, TracesOptions.traceFormat, TracesOptions.lenient,
      Options.minSamples,
      .prices, .config,
    ],
    positionals: PositionalSpec(
      "base-and-head", help: "The base trace file, then the head trace file.", minimum: 2, maximum: 2),
    examples: [
      Example(
        "Compare a canary against its baseline", "tokentax traces diff canary/support.base.jsonl canary/support.jsonl"),
      Example("As JSON", "tokentax traces diff base.jsonl head.jsonl --json"),
    ])

  /// The options only this command takes; the shared ones are `OptionSpec`'s.
  enum Options {
    static let minSamples = OptionSpec(
      ["--min-samples"], .value("n"), help: "Warn when a side has fewer calls than this (default: 20).")
  }

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    let format = try TracesOptions.output(arguments)
    let config = try WorkingConfig.load(arguments, invocation)
    let load = try TracesOptions.loadOptions(arguments, config: config)
    let prices = try WorkingConfig.prices(arguments, invocation, config: config)
    let files = TracesOptions.files(arguments.positionals, invocation)
    // The two sides are read independently, each on its own core.
    let sides = try Parallel.map(Array(files.prefix(2))) { file in
      try TraceLoader.summarize([file], options: load, prices: prices)
    }
    let (base, head) = (sides[0], sides[1])
    let options = TraceComparisonOptions(
      minSamples: try arguments.int(Options.minSamples) ?? config?.config.minSamples ?? 20)
    let comparisons = TraceComparator.compare(base: base, head: head, prices: prices, options: options)
    invocation.stdout.write(
      format == .json
        ? TraceDiffRenderer.json(comparisons, options: options) : TraceDiffRenderer.table(comparisons, options: options)
    )
    let reading = base.readingWarnings.map { "base: \($0)" } + head.readingWarnings.map { "head: \($0)" }
    var pricing = base.pricingWarnings
    pricing += head.pricingWarnings.filter { !pricing.contains($0) }
    TracesOptions.printWarnings(reading + pricing + comparisons.flatMap(\.warnings), invocation)
    return .success
  }
}
