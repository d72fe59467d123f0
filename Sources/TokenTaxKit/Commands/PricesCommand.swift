/// `tokentax prices`: the effective price table, with source and date per row.
enum PricesCommand: Command {
  static let spec = CommandSpec(
    path: ["prices"], abstract: "Show the effective price table with the source and date of each price.",
    discussion: """
      Prices are USD per 1M tokens: the built-in list prices, then the config's prices.files, then
      each --prices file (LiteLLM's model_prices_and_context_window.json or tokentax's own format),
      then the config's prices.overrides — the table check uses. Outside a repository with a
      tokentax.json, the built-in prices and --prices files.
      Model names resolve like everywhere else: dated ids, provider/model, Bedrock and Vertex ids.
      --format json prints tokentax's own price format, which --prices reads back.
      --outdated lists each row's date and its age in days, oldest first, as of today (UTC) or --as-of.
      """,
    options: [
      OutputFormat.option, .json, .prices, .config,
      Options.outdated,
      Options.asOf,
    ],
    positionals: PositionalSpec("model", help: "Models to show (ids or aliases); all when none are given."),
    examples: [
      Example("Every built-in price", "tokentax prices"),
      Example("What a Bedrock id is billed as", "tokentax prices us.anthropic.claude-sonnet-4-5-20250929-v1:0"),
      Example("Compare with a newer LiteLLM price map", "tokentax prices gpt-5 --prices litellm.json"),
      Example("Export, edit and reuse as a price file", "tokentax prices --format json > prices.json"),
      Example("How old each price is", "tokentax prices --outdated"),
    ])

  /// The options only this command takes; the shared ones are `OptionSpec`'s.
  enum Options {
    static let outdated = OptionSpec(["--outdated"], help: "Show how old each row is, oldest first.")
    static let asOf = OptionSpec(
      ["--as-of"], .value("date"), help: "The day ages are counted to (YYYY-MM-DD; default today, UTC).")
  }

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    let asJSON = try OutputFormat.of(arguments) == .json
    let table = try WorkingConfig.prices(arguments, invocation, config: try WorkingConfig.load(arguments, invocation))
    let listing = try PriceListing(table: table, models: arguments.positionals)
    if arguments.flag(Options.outdated) || arguments.value(Options.asOf) != nil {
      let asOf = arguments.value(Options.asOf) ?? PriceAge.today()
      guard PriceAge.day(asOf) != nil else {
        throw UsageError("--as-of must be a date written YYYY-MM-DD, got '\(SafeText.quoted(asOf, limit: 40))'")
      }
      let age = PriceAge(rows: listing.rows, asOf: asOf)
      invocation.stdout.write(asJSON ? age.json() : age.text())
      return .success
    }
    invocation.stdout.write(asJSON ? listing.json() : listing.text())
    return .success
  }
}
