import Foundation

/// `tokentax hook install`: a plain git pre-commit hook running `tokentax check --staged`.
enum HookCommand: Command {
  static let spec = CommandSpec(
    path: ["hook", "install"], abstract: "Install the git pre-commit hook that runs 'tokentax check --staged'.",
    discussion: """
      Writes the pre-commit hook into the repository's hooks directory (core.hooksPath when set).
      An existing hook that tokentax did not write is left alone unless --force, which keeps it
      as pre-commit.before-tokentax. With the pre-commit framework, use .pre-commit-hooks.yaml instead.
      """,
    options: [
      Options.force
    ],
    examples: [Example("Install in the current repository", "tokentax hook install")])

  /// The options only this command takes; the shared ones are `OptionSpec`'s.
  enum Options {
    static let force = OptionSpec(
      ["--force"], help: "Replace an existing pre-commit hook (kept as pre-commit.before-tokentax).")
  }

  /// The line that marks a hook as tokentax's own, so reinstalling may overwrite it.
  static let signature = "# tokentax pre-commit hook: installed by 'tokentax hook install'."

  static let script = """
    #!/bin/sh
    \(signature)
    # Checks the staged prompt and config changes against the cost policy; exit 1 blocks the commit.
    # Skip once with: git commit --no-verify (or TOKENTAX_SKIP=1 git commit)
    [ "${TOKENTAX_SKIP:-}" = 1 ] && exit 0
    # A missing binary blocks the commit: a check that silently passes is worse than none.
    if ! command -v tokentax >/dev/null 2>&1; then
      echo "tokentax: not on PATH, so the cost check cannot run; install it (docs/install.md), or skip once with 'git commit --no-verify' or TOKENTAX_SKIP=1, or delete this hook: $0" >&2
      exit 2
    fi
    exec tokentax check --staged

    """

  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode {
    let hooks = URL(fileURLWithPath: try hooksDirectory(invocation), isDirectory: true)
    let hook = hooks.appendingPathComponent("pre-commit")
    let files = FileManager.default
    var verb = "installed"
    if let existing = files.contents(atPath: hook.path) {
      if String(decoding: existing, as: UTF8.self).contains(signature) {
        verb = "updated"
      } else if arguments.flag(Options.force) {
        let backup = hooks.appendingPathComponent("pre-commit.before-tokentax")
        try? files.removeItem(at: backup)
        try wrap(hook.path) { try files.moveItem(at: hook, to: backup) }
        invocation.stdout.line("tokentax: kept the previous hook as \(backup.path)")
        verb = "replaced the existing hook with"
      } else {
        throw HookError(
          "a pre-commit hook that tokentax did not write already exists at \(hook.path); left it unchanged: "
            + "add 'tokentax check --staged' to it, or rerun with --force to replace it (it is kept as pre-commit.before-tokentax)"
        )
      }
    }
    try wrap(hook.path) {
      try files.createDirectory(at: hooks, withIntermediateDirectories: true)
      try Data(script.utf8).write(to: hook)
      try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
    }
    invocation.stdout.line("tokentax: \(verb) the pre-commit hook at \(hook.path) (runs 'tokentax check --staged')")
    return .success
  }

  /// The hooks directory git uses, `core.hooksPath` included, as an absolute path.
  private static func hooksDirectory(_ invocation: Invocation) throws -> String {
    let git = try Git.discover(from: invocation.workingDirectory, environment: invocation.environment)
    let output = try git.run(["rev-parse", "--path-format=absolute", "--git-path", "hooks"])
    return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private static func wrap(_ path: String, _ body: () throws -> Void) throws {
    do {
      try body()
    } catch {
      throw HookError(
        "could not write the hook \(path): \(error.localizedDescription); check the directory's permissions")
    }
  }
}

/// The hook could not be installed.
struct HookError: UserFacingError, Equatable {
  var message: String
  init(_ message: String) { self.message = message }
  var description: String { message }
}
