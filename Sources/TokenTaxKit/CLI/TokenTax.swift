import BuildInfo
import Foundation
import JSON

/// The command-line entry point, callable in-process by tests.
public enum TokenTax {
  public static let version = "0.1.0"

  /// The commit a release binary was built from; nil in a plain `swift build`.
  public static var commit: String? {
    let commit = String(cString: tokentax_build_commit())
    return commit.isEmpty ? nil : commit
  }

  /// What `tokentax --version` prints: the version, and the commit so a bug report pins the build.
  static var versionLine: String { "tokentax \(version) (commit \(commit ?? "unknown: not a release build"))" }

  /// Every subcommand, in the order `tokentax --help` lists them.
  static var commands: [any Command.Type] { CommandRegistry.all }

  /// Runs tokentax as the process would: real streams, cwd and terminal detection.
  public static func run(arguments: [String], environment: [String: String]) -> ExitCode {
    run(arguments: arguments, invocation: .process(environment: environment))
  }

  /// Runs tokentax against an injected world (tests pass capture streams and a temp cwd).
  public static func run(arguments: [String], invocation: Invocation) -> ExitCode {
    do {
      return try dispatch(arguments, invocation)
    } catch let error as any UserFacingError {
      invocation.stderr.line("error: " + SafeText.errorLine(error.description))
      return .couldNotRun
    } catch {
      // Not expected: every layer throws UserFacingError. Still one line, never a trace.
      invocation.stderr.line("error: " + SafeText.errorLine("\(error)"))
      return .couldNotRun
    }
  }

  private static func dispatch(_ arguments: [String], _ invocation: Invocation) throws -> ExitCode {
    let specs = commands.map { $0.spec }
    guard let first = arguments.first else {
      invocation.stdout.write(HelpFormatter.root(specs, version: version))
      return .success
    }
    switch first {
    case "--version", "-V", "version":
      invocation.stdout.line(versionLine)
      return .success
    case "--help", "-h":
      invocation.stdout.write(HelpFormatter.root(specs, version: version))
      return .success
    case "help":
      let rest = Array(arguments.dropFirst())
      if rest.isEmpty {
        invocation.stdout.write(HelpFormatter.root(specs, version: version))
        return .success
      }
      return try dispatch(rest + ["--help"], invocation)
    default:
      break
    }
    // Longest command path that prefixes the arguments wins ("traces summarize" over "traces").
    let match =
      commands
      .filter { Array(arguments.prefix($0.spec.path.count)) == $0.spec.path }
      .max { $0.spec.path.count < $1.spec.path.count }
    guard let command = match else {
      let group = specs.filter { $0.path.count > 1 && $0.path[0] == first }
      if !group.isEmpty {
        let names = group.map { $0.path[1] }
        let word = arguments.dropFirst().first ?? ""
        if word == "--help" || word == "-h" || word.isEmpty {
          invocation.stdout.write(HelpFormatter.root(group, version: version))
          return word.isEmpty ? .couldNotRun : .success
        }
        throw UsageError(
          "unknown subcommand '\(first) \(word)'\(Suggestion.didYouMean(word, in: names)); "
            + "'tokentax \(first)' has: \(names.joined(separator: ", "))")
      }
      let names = Array(Set(specs.map { $0.path[0] })).sorted()
      throw UsageError(
        "unknown command '\(first)'\(Suggestion.didYouMean(first, in: names)); run 'tokentax --help' for the list")
    }
    let spec = command.spec
    let parsed = try ArgumentParser.parse(Array(arguments.dropFirst(spec.path.count)), spec: spec)
    if parsed.flag(.help) {
      invocation.stdout.write(HelpFormatter.render(spec))
      return .success
    }
    return try command.run(parsed, invocation)
  }
}
