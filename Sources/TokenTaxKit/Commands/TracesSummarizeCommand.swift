import JSON

/// `tokentax traces summarize`: per feature and model, calls, token buckets and cost.
enum TracesSummarizeCommand: Command {
  static let spec = CommandSpec(
    path: ["traces", "summarize"], abstract: "Summarize recorded LLM calls per feature and model: calls, tokens, cost.",
    discussion: """
      Reads tokentax JSONL, OpenAI, Anthropic, Gemini, Bedrock, OpenTelemetry (OTLP/JSON),
      Langfuse, LiteLLM and promptfoo exports, detected per file and per line. Tokens are
      normalised to disjoint buckets (uncached input, cache read, cache write, output with
      reasoning inside), so cost is never double-counted. The --json output is mergeable and
      is accepted as trace input by 'traces diff' and 'check'. Several files, and the pieces of
      a JSON Lines file of 32 MB or more, are read on all cores when none needs another (no id,
      stream or agent span shared between them); the summary is the one reading them in order
      gives.
      """,
    options: [
      TracesOptions.format, TracesOptions.traceFormat, .json, TracesOptions.lenient, Options.jobs, .prices, .config,
    ],
    positionals: PositionalSpec("files", help: "Trace files (JSONL or JSON).", minimum: 1),
    examples: [
      Example("Summarize a canary run", "tokentax traces summarize canary/support.jsonl"),
      Example(
        "Merge two exports into one mergeable summary", "tokentax traces summarize a.jsonl b.json --json > summary.json"
      ),
    ])

  /// The options only this command takes; the shared ones are `OptionSpec`'s.
  enum Options {
    static let jobs = OptionSpec(
      ["--jobs", "-j"], .value("N"), help: "Read up to N files at once (default: the core count).")
  }

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    let format = try TracesOptions.output(arguments)
    let config = try WorkingConfig.load(arguments, invocation)
    var options = try TracesOptions.loadOptions(arguments, config: config)
    if let jobs = try arguments.int(Options.jobs) { options.jobs = max(1, jobs) }
    let summary = try TraceLoader.summarize(
      TracesOptions.files(arguments.positionals, invocation), options: options,
      prices: try WorkingConfig.prices(arguments, invocation, config: config))
    if format == .json {
      invocation.stdout.write(JSONWriter.compactLeaves(TraceSummaryJSON.encode(summary)) + "\n")
    } else {
      invocation.stdout.write(TraceSummaryTable.render(summary))
    }
    TracesOptions.printWarnings(summary.warnings, invocation)
    return .success
  }
}
