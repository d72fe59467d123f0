import Foundation

/// `tokentax calibrate TRACES...`: fits `token_factor` and `request_overhead` per model family
/// from recorded calls that carry both the request and the provider's reported usage.
enum CalibrateCommand: Command {
  static let spec = CommandSpec(
    path: ["calibrate"], abstract: "Fit token factors for estimated model families from recorded calls.",
    discussion: """
      Claude, Gemini and open models have no public tokenizer; tokentax counts their requests
      with o200k_base times a family factor plus a per-request overhead (and a tool overhead when
      tools are defined). Calibration fits them by least squares for each model (dated snapshots
      and aliases fold into one) from calls you recorded: JSONL files with one call per line,

        {"model": "claude-sonnet-4-5", "request": {…the request body…}, "usage": {…}}

      where usage is the provider's (input_tokens, prompt_tokens or promptTokenCount; "response"
      with the whole provider response works too). It prints the fit, its error, and the
      prices.overrides entries that make check, estimate and count --request use it.
      OpenAI calls are skipped (they are counted exactly), and so are calls with images or
      other media, whose tokens come from the provider's own formula, and calls with parts
      estimated apart or not counted; the first line of the report says how many. The
      per-request overhead is taken from the calls under 200 tokens without tools when there are
      three or more; a fit whose factor is under half or over twice the family's is printed with
      a warning and left out of the overrides.
      """,
    options: [
      OutputFormat.option, .json,
      Options.minTokens,
      Options.minCalls, .prices,
    ],
    positionals: PositionalSpec("traces", help: "JSONL files of recorded calls, or - for stdin.", minimum: 1),
    examples: [
      Example("Fit from recorded Claude calls", "tokentax calibrate canary/claude-calls.jsonl"),
      Example("Fit on larger calls only, as JSON", "tokentax calibrate calls.jsonl --min-tokens 500 --json"),
    ])

  /// The options only this command takes; the shared ones are `OptionSpec`'s.
  enum Options {
    static let minTokens = OptionSpec(
      ["--min-tokens"], .value("N"), help: "Fit only calls that reported at least N input tokens.")
    static let minCalls = OptionSpec(
      ["--min-calls"], .value("N"), help: "Fit only models with at least N calls (default: 5).")
  }

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    let format = try OutputFormat.of(arguments)
    let table = try WorkingConfig.prices(arguments, invocation, config: nil)
    let minimumTokens = try arguments.int(Options.minTokens) ?? 0
    let minimumCalls = max(1, try arguments.int(Options.minCalls) ?? 5)
    let counter = RequestCounter(prices: table)
    var byModel: [String: [CalibrationSample]] = [:]
    var skipped = 0
    var leftOut: [CalibrationReport.LeftOut: Int] = [:]
    for path in arguments.positionals {
      let data: Data
      do {
        data = path == "-" ? invocation.readStdin() : try Data(contentsOf: invocation.url(for: path))
      } catch {
        throw UsageError("cannot read '\(path)'; check the path (or pass - to read standard input)")
      }
      for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
        let bytes = Array(line)
        guard bytes.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { continue }
        guard let sample = try CalibrationSample.read(line: bytes, file: path, lineNumber: index + 1, counter: counter)
        else {
          skipped += 1
          continue
        }
        if let reason = CalibrationReport.LeftOut(sample, minimumTokens: minimumTokens) {
          leftOut[reason, default: 0] += 1
        } else {
          byModel[sample.model, default: []].append(sample)
        }
      }
    }
    let fits = byModel.keys.sorted().compactMap { model in
      (byModel[model]?.count ?? 0) >= minimumCalls ? CalibrationFit.fit(byModel[model] ?? []) : nil
    }
    if fits.isEmpty && format != .json {
      throw UsageError(
        "no estimated calls to fit in \(arguments.positionals.joined(separator: ", "))"
          + (skipped > 0 ? " (\(skipped) OpenAI calls are counted exactly and need no calibration)" : "")
          + "; record calls of Claude, Gemini or open models with their usage")
    }
    let tooFew = byModel.filter { $0.value.count < minimumCalls }.mapValues(\.count)
    let report = CalibrationReport(fits: fits, skippedExact: skipped, tooFew: tooFew, leftOut: leftOut)
    invocation.stdout.write(format == .json ? report.json() : report.text())
    return .success
  }
}
