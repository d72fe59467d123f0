import Foundation

/// `tokentax init`: write a starter config from the prompt files in the repository.
enum InitCommand: Command {
  static let spec = CommandSpec(
    path: ["init"], abstract: "Scan the repository for prompt files and write a starter tokentax.json.",
    options: [
      Options.model,
      Options.force,
    ],
    examples: [Example("Draft a config for a repo of Claude prompts", "tokentax init --model claude-sonnet-4-6")])

  /// The options only this command takes; the shared ones are `OptionSpec`'s.
  enum Options {
    static let model = OptionSpec(["--model"], .value("model"), help: "Model for every feature (default: gpt-5).")
    static let force = OptionSpec(["--force"], help: "Overwrite an existing tokentax.json.")
  }

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    let git = try Git.discover(from: invocation.workingDirectory, environment: invocation.environment)
    let target = git.root.appendingPathComponent(Config.fileName)
    if FileManager.default.fileExists(atPath: target.path), !arguments.flag(Options.force) {
      throw UsageError("\(Config.fileName) already exists at the repo root; pass --force to overwrite it")
    }
    let files = try WorktreeFiles(git: git).listFiles()
    let read = { (path: String) in try? String(contentsOf: git.root.appendingPathComponent(path), encoding: .utf8) }
    var features = StarterConfig.features(in: files, read: read) + CodePrompts.features(in: files, read: read)
    if features.isEmpty {
      throw UsageError(
        "no prompt files found (prompts/**, *.prompt, *.prompty, *.hbs, *.j2, *.mustache) and no prompt values in Python, TypeScript, JavaScript or YAML files; add one or write tokentax.json by hand (see README)"
      )
    }
    let model = arguments.value(Options.model) ?? "gpt-5"
    // The draft is read back and estimated before it is written: a feature that would not
    // estimate (a template that does not parse, an include that resolves nowhere) is left out.
    var draft = StarterConfig.render(features: features, model: model)
    while let (index, reason) = try failure(in: draft, git: git, workingDirectory: invocation.workingDirectory) {
      invocation.stderr.line(
        "note: left \(features[index].parts.map { $0.file + ($0.selector.map { "#" + $0.name } ?? "") }.joined(separator: ", ")) out of the draft: \(reason)"
      )
      features.remove(at: index)
      guard !features.isEmpty else {
        throw UsageError(
          "no prompt file could be estimated; fix the files above or write tokentax.json by hand (see README)")
      }
      draft = StarterConfig.render(features: features, model: model)
    }
    try ReportWriter.writeFile(draft, to: target, name: Config.fileName)
    let count = features.map(\.parts.count).reduce(0, +)
    invocation.stdout.line("wrote \(Config.fileName): \(features.count) feature(s) from \(count) prompt file(s)")
    let guessed = features.flatMap(\.parts).contains { !$0.placeholders.isEmpty }
    invocation.stdout.line(
      "next: set calls_per_day\(guessed ? ", the guessed placeholder sizes" : "") and output_tokens, then run 'tokentax estimate'"
    )
    return .success
  }

  /// The first feature of `draft` that does not estimate, with the reason; nil when all do.
  private static func failure(in draft: String, git: Git, workingDirectory: URL) throws -> (Int, String)? {
    let config = try ConfigDecoder.decode(Data(draft.utf8), file: Config.fileName)
    let source = WorktreeFiles(git: git)
    let prices = try PriceSetup.table(
      config: config, source: source, extraFiles: [], workingDirectory: workingDirectory)
    let estimator = Estimator(defaults: config.defaults, prices: prices)
    for (index, feature) in config.features.enumerated() {
      var single = config
      single.features = [feature]
      do {
        for snapshot in try FeatureSnapshot.load(config: single, from: source) { _ = try estimator.estimate(snapshot) }
      } catch let error as any UserFacingError {
        return (index, error.description)
      }
    }
    return nil
  }
}
