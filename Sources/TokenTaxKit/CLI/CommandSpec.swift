/// The declaration of one command: what it accepts and how its help reads.
///
/// Shaped like swift-argument-parser's `CommandConfiguration`: help text, parsing and
/// "did you mean" all come from this one value, so they cannot drift apart.
public struct CommandSpec: Sendable {
  /// The words after `tokentax`, e.g. `["traces", "summarize"]`.
  public var path: [String]
  public var abstract: String
  public var discussion: String?
  public var options: [OptionSpec]
  public var positionals: PositionalSpec?
  public var examples: [Example]

  public init(
    path: [String], abstract: String, discussion: String? = nil,
    options: [OptionSpec], positionals: PositionalSpec? = nil, examples: [Example] = []
  ) {
    self.path = path
    self.abstract = abstract
    self.discussion = discussion
    // Every command takes --no-color, coloured or not, so scripts and aliases can pass it to all.
    let colorless = options.contains { $0.longName == OptionSpec.noColor.longName } ? [] : [OptionSpec.noColor]
    self.options = options + colorless + [.help]
    self.positionals = positionals
    self.examples = examples
  }

  public var name: String { path.joined(separator: " ") }

  /// The synopsis after `tokentax `, generated from the declared options and positionals so
  /// it can never leave one out. `--help` and `--no-color` are left out: every command takes them.
  public var usage: String { ([name] + usageParts).joined(separator: " ") }

  /// The usage line's words after the command name, one per option or positional group.
  var usageParts: [String] {
    let common: Set<String> = [OptionSpec.help.longName, OptionSpec.noColor.longName]
    var parts = options.filter { !common.contains($0.longName) }.map(\.synopsis)
    if let positionals { parts.append(positionals.synopsis) }
    return parts
  }
}

/// One `--option` a command accepts.
public struct OptionSpec: Sendable {
  public enum Kind: Sendable, Equatable {
    /// A switch: present or not.
    case flag
    /// Takes one value, named in help by the placeholder; the last occurrence wins.
    case value(String)
    /// Takes a value and may be given several times.
    case repeated(String)
  }

  /// Spellings, long first: `["--quiet", "-q"]`.
  public var names: [String]
  public var kind: Kind
  public var help: String

  public init(_ names: [String], _ kind: Kind = .flag, help: String) {
    self.names = names
    self.kind = kind
    self.help = help
  }

  public var longName: String { names[0] }

  /// How the option reads in a usage line: `[--base <rev>]`, `[--prices <path> ...]`.
  var synopsis: String {
    switch kind {
    case .flag: return "[\(longName)]"
    case .value(let placeholder): return "[\(longName) <\(placeholder)>]"
    case .repeated(let placeholder): return "[\(longName) <\(placeholder)> ...]"
    }
  }

  public static let help = OptionSpec(["--help", "-h"], help: "Show help information.")
  public static let config = OptionSpec(
    ["--config"], .value("path"), help: "Config file (default: tokentax.json at the repo root).")
  public static let format = OptionSpec(
    ["--format"], .value("format"), help: "Output format: table, markdown, json or github (default: table).")
  public static let output = OptionSpec(
    ["--output", "-o"], .value("path"), help: "Write the report to a file instead of stdout.")
  public static let prices = OptionSpec(
    ["--prices"], .repeated("path"), help: "Extra price file (LiteLLM or tokentax format); later files win.")
  public static let noColor = OptionSpec(["--no-color"], help: "Never colour the output (also: NO_COLOR).")
  public static let quiet = OptionSpec(["--quiet", "-q"], help: "Print only problems.")
  public static let json = OptionSpec(["--json"], help: "Print JSON instead of a table.")
}

/// The positional arguments of a command.
public struct PositionalSpec: Sendable {
  public var name: String
  public var help: String
  public var minimum: Int
  public var maximum: Int?

  public init(_ name: String, help: String, minimum: Int = 0, maximum: Int? = nil) {
    self.name = name
    self.help = help
    self.minimum = minimum
    self.maximum = maximum
  }

  /// How the positionals read in a usage line: `<files> ...`, `[<model> ...]`, `<shell>`.
  var synopsis: String {
    let one = "<\(name)>"
    let word = maximum == 1 ? one : one + " ..."
    return minimum == 0 ? "[\(word)]" : word
  }
}

/// A worked example shown under EXAMPLES in help.
public struct Example: Sendable {
  public var summary: String
  public var command: String
  public init(_ summary: String, _ command: String) {
    self.summary = summary
    self.command = command
  }
}
