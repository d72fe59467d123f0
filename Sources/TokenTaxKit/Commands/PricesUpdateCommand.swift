import Foundation

/// `tokentax prices update FILE`: import a fresh LiteLLM price map into the repository's price file.
enum PricesUpdateCommand: Command {
  static let spec = CommandSpec(
    path: ["prices", "update"], abstract: "Import a fresh LiteLLM price map into the repository's price file.",
    discussion: """
      Reads LiteLLM's model_prices_and_context_window.json (a path, or - for standard input; tokentax
      never downloads it) and writes it as tokentax's price format with every row dated today (or
      --as-of), so 'prices --outdated' can tell how old a price is and a pull request shows one line
      per changed price. The file written is --to, else the one file in the config's prices.files.
      A hand-kept price file is not overwritten (--force does). Prints what changed: rows added,
      removed and repriced, and the price of every model the config's features use.
      """,
    options: [
      Options.to,
      .config,
      Options.asOf,
      Options.dryRun,
      Options.force,
    ],
    positionals: PositionalSpec("file", help: "LiteLLM's model_prices_and_context_window.json, or - for stdin."),
    examples: [
      Example(
        "Import a downloaded map as the repository's price file",
        "tokentax prices update litellm.json --to prices/litellm.json"),
      Example(
        "Straight from LiteLLM's repository",
        "curl -fsSL https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json | tokentax prices update -"
      ),
      Example("See what a newer map would change", "tokentax prices update litellm.json --dry-run"),
    ])

  /// The options only this command takes; the shared ones are `OptionSpec`'s.
  enum Options {
    static let to = OptionSpec(
      ["--to"], .value("path"), help: "The price file to write (default: the config's prices.files entry).")
    static let asOf = OptionSpec(
      ["--as-of"], .value("date"), help: "The date the rows are stamped with (YYYY-MM-DD; default today, UTC).")
    static let dryRun = OptionSpec(["--dry-run"], help: "Print what would change; write nothing.")
    static let force = OptionSpec(["--force"], help: "Overwrite a price file that an import did not write.")
  }

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    guard arguments.positionals.count == 1, let input = arguments.positionals.first else {
      throw UsageError("name one LiteLLM price file to import (or - for standard input)")
    }
    let asOf = arguments.value(Options.asOf) ?? PriceAge.today()
    guard PriceAge.day(asOf) != nil else {
      throw UsageError("--as-of must be a date written YYYY-MM-DD, got '\(SafeText.quoted(asOf, limit: 40))'")
    }
    let working = try WorkingConfig.load(arguments, invocation)
    let target = try self.target(arguments, invocation, config: working)
    let data = try read(input, invocation)
    let imported = try PriceImport(litellm: data, named: input == "-" ? "standard input" : input, asOf: asOf)

    let existing = try current(target).map { PriceImport.existing($0, named: target.name, source: imported.source) }
    if let existing, !existing.mayReplace, !arguments.flag(Options.force) {
      throw UsageError(
        "'\(target.name)' is a price file an import did not write; pass --to a new file for the import, "
          + "or --force to overwrite it")
    }
    let changes = PriceChanges(previous: existing?.rows, fresh: imported.table)
    let dryRun = arguments.flag(Options.dryRun)
    var lines = summary(imported, changes, target: target, working: working, verb: dryRun ? "would write" : "wrote")
    if !dryRun {
      // What the config forecasts before and after, when it reads this file: check prices both
      // sides at the head's prices, so a price update alone never shows there.
      let forecast = {
        try? Forecast.make(
          rev: nil, configPath: arguments.value(.config), priceFiles: [],
          workingDirectory: invocation.workingDirectory, environment: invocation.environment)
      }
      let before = target.listed == true ? forecast() : nil
      try FileManager.default.createDirectory(
        at: target.url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try ReportWriter.writeFile(try imported.document(), to: target.url, name: target.name)
      if let old = before?.monthlyUSD, let new = forecast()?.monthlyUSD {
        lines.append(
          "forecast at the new prices: \(Money.usd(old)) → \(Money.usd(new))/month (\(Money.signedUSD(new - old))); "
            + "'tokentax estimate' shows each feature")
      }
      lines.append("next: review and commit \(target.name)")
    }
    invocation.stdout.write(lines.map { $0 + "\n" }.joined())
    return .success
  }

  /// The file the import writes, as the user named it, and whether the config reads it (nil:
  /// there is no config to ask).
  struct Target {
    var url: URL
    var name: String
    var listed: Bool?
  }

  /// Where the import goes: `--to`, else the config's one price file.
  private static func target(_ arguments: ParsedArguments, _ invocation: Invocation, config: WorkingConfig?) throws
    -> Target
  {
    let files = config?.config.prices.files ?? []
    let root = config?.source.git.root
    if let given = arguments.value(Options.to) {
      let url = invocation.url(for: given).standardizedFileURL
      let listed = root.map { root in files.contains { root.appendingPathComponent($0).standardizedFileURL == url } }
      return Target(url: url, name: given, listed: listed)
    }
    guard let root, files.count == 1, let only = files.first else {
      throw UsageError(
        files.isEmpty
          ? "no price file to update: pass --to PATH (e.g. --to prices/litellm.json), then list it in prices.files"
          : "the config lists \(files.count) price files; name the one to write with --to PATH")
    }
    return Target(url: root.appendingPathComponent(only), name: only, listed: true)
  }

  /// The file at the target path now; nil when there is none.
  private static func current(_ target: Target) throws -> Data? {
    guard FileManager.default.fileExists(atPath: target.url.path) else { return nil }
    do {
      return try RegularFile.contents(target.url.path)
    } catch {
      throw PriceFileError(file: target.name, problem: "\(error.reason); --to must name a regular file")
    }
  }

  private static func read(_ input: String, _ invocation: Invocation) throws -> Data {
    if input == "-" { return invocation.readStdin() }
    do {
      return try RegularFile.contents(invocation.url(for: input).path)
    } catch {
      throw PriceFileError(file: input, problem: "\(error.reason); pass the path of LiteLLM's price map")
    }
  }

  private static func summary(
    _ imported: PriceImport, _ changes: PriceChanges, target: Target,
    working: WorkingConfig?, verb: String
  ) -> [String] {
    var lines = [
      "tokentax: \(verb) \(target.name): \(Money.tokens(imported.table.rows.count)) models, dated \(imported.asOf)"
    ]
    if changes.previous != nil {
      lines.append(
        "against the file it replaces: \(changes.added.count) added, \(changes.removed.count) removed, "
          + "\(changes.repriced.count) repriced")
    }
    let models = Set(
      (working?.config.features ?? []).compactMap { $0.model ?? working?.config.defaults.model }
    ).sorted()
    if !models.isEmpty {
      lines.append("the models the config uses:")
      lines += changes.lines(models: models)
    }
    if target.listed == false {
      lines.append("note: the config does not read \(target.name) yet; add it to prices.files in tokentax.json")
    }
    return lines
  }
}
