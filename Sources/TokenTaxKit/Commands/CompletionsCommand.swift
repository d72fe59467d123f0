import JSON

/// `tokentax completions bash|zsh|fish`: prints the shell's completion script.
enum CompletionsCommand: Command {
  static let spec = CommandSpec(
    path: ["completions"], abstract: "Print the shell completion script for bash, zsh or fish.",
    discussion: """
      The script completes commands, subcommands and options, and file names where a path is
      expected. It is generated from the commands themselves, so it matches this version.
      """,
    options: [],
    positionals: PositionalSpec("shell", help: "bash, zsh or fish", minimum: 1, maximum: 1),
    examples: [
      Example("Complete in the current bash session", "source <(tokentax completions bash)"),
      Example("Install for zsh (a directory on $fpath)", "tokentax completions zsh > ~/.zfunc/_tokentax"),
      Example("Install for fish", "tokentax completions fish > ~/.config/fish/completions/tokentax.fish"),
    ])

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    let name = arguments.positionals.first ?? ""
    guard let shell = CompletionScript.Shell(rawValue: name) else {
      let shells = CompletionScript.Shell.allCases.map(\.rawValue)
      throw UsageError(
        "unknown shell '\(name)'\(Suggestion.didYouMean(name, in: shells)); 'tokentax completions' supports \(shells.joined(separator: ", "))"
      )
    }
    invocation.stdout.write(CompletionScript.render(shell, commands: TokenTax.commands.map { $0.spec }))
    return .success
  }
}
