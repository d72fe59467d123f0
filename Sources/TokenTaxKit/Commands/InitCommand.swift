import Foundation

/// `tokentax init`: write a starter config from the prompt files in the repository.
enum InitCommand: Command {
  static let spec = CommandSpec(
    path: ["init"], abstract: "Scan the repository for prompt files and write a starter tokentax.json.",
    usage: "init [--model M] [--force]",
    options: [
      OptionSpec(["--model"], .value("model"), help: "Model for every feature (default: gpt-5)."),
      OptionSpec(["--force"], help: "Overwrite an existing tokentax.json."),
    ],
    examples: [Example("Draft a config for a repo of Claude prompts", "tokentax init --model claude-sonnet-4-6")])

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    let git = try Git.discover(from: invocation.workingDirectory)
    let target = git.root.appendingPathComponent(Config.fileName)
    if FileManager.default.fileExists(atPath: target.path), !arguments.flag("--force") {
      throw UsageError("\(Config.fileName) already exists at the repo root; pass --force to overwrite it")
    }
    let features = StarterConfig.features(in: try WorktreeFiles(git: git).listFiles()) { path in
      try? String(contentsOf: git.root.appendingPathComponent(path), encoding: .utf8)
    }
    if features.isEmpty {
      throw UsageError(
        "no prompt files found (prompts/**, *.prompt, *.prompty, *.hbs, *.j2, *.mustache); add one or write tokentax.json by hand (see README)")
    }
    let model = arguments.value("--model") ?? "gpt-5"
    try ReportWriter.writeFile(StarterConfig.render(features: features, model: model), to: target, name: Config.fileName)
    let count = features.map(\.parts.count).reduce(0, +)
    invocation.stdout.line("wrote \(Config.fileName): \(features.count) feature(s) from \(count) prompt file(s)")
    let guessed = features.flatMap(\.parts).contains { !$0.placeholders.isEmpty }
    invocation.stdout.line(
      "next: set calls_per_day\(guessed ? ", the guessed placeholder sizes" : "") and output_tokens, then run 'tokentax estimate'")
    return .success
  }
}
