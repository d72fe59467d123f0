/// Renders `--help` from a `CommandSpec`, in swift-argument-parser's layout.
enum HelpFormatter {
  static func render(_ spec: CommandSpec) -> String {
    var out = "OVERVIEW: \(spec.abstract)\n"
    if let discussion = spec.discussion { out += "\n\(discussion)\n" }
    out += "\n" + usage(spec) + "\n"
    if let positional = spec.positionals {
      out += "\nARGUMENTS:\n"
      out += row("<\(positional.name)>", positional.help)
    }
    out += "\nOPTIONS:\n"
    for option in spec.options {
      var label = option.names.sorted { $0.count < $1.count }.joined(separator: ", ")
      switch option.kind {
      case .flag: break
      case .value(let placeholder), .repeated(let placeholder): label += " <\(placeholder)>"
      }
      out += row(label, option.help)
    }
    if !spec.examples.isEmpty {
      out += "\nEXAMPLES:\n"
      for example in spec.examples {
        out += "  # \(example.summary)\n  \(example.command)\n\n"
      }
      out.removeLast()
    }
    return out
  }

  static func root(_ commands: [CommandSpec], version: String) -> String {
    var out = """
      OVERVIEW: tokentax \(version) — catch LLM token-cost regressions at review time.

      Diffs every feature's prompt templates and canary traces between two git revisions,
      counts tokens with an exact local tokenizer, prices them with a dated price table and
      fails the build when the change passes your thresholds.

      USAGE: tokentax <command> [options]

      COMMANDS:

      """
    for spec in commands {
      out += row(spec.name, spec.abstract)
    }
    out += """

      OPTIONS:
        --version               Show the version.
        -h, --help              Show help information.

      Run 'tokentax demo' to see a check on a bundled example, and
      'tokentax <command> --help' for a command's options and examples.

      """
    return out
  }

  /// `USAGE: tokentax …` wrapped at 100 columns between options, continuation lines aligned
  /// under the command, as swift-argument-parser wraps long synopses.
  static func usage(_ spec: CommandSpec) -> String {
    let lead = "USAGE: tokentax "
    let indent = String(repeating: " ", count: lead.count + spec.name.count + 1)
    var lines: [String] = []
    var line = lead + spec.name
    for token in spec.usageParts {
      if line.count + 1 + token.count > 100, line.count > indent.count {
        lines.append(line)
        line = indent + token
      } else {
        line += " " + token
      }
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }

  private static func row(_ label: String, _ help: String) -> String {
    let width = 24
    if label.count + 2 >= width { return "  \(label)\n" + String(repeating: " ", count: width) + help + "\n" }
    return "  " + label + String(repeating: " ", count: width - 2 - label.count) + help + "\n"
  }
}
