import Foundation
import Testing

@testable import TokenTaxKit

/// `tokentax completions`: every command and option is in each script, and the scripts
/// complete in the real shells (bash always; zsh and fish where they are installed).
@Suite struct CompletionsTests {
  static func script(_ shell: String) throws -> String {
    let run = InProcessRun(["completions", shell], in: try Scratch.directory("completions"))
    #expect(run.code == .success, "\(run.stderr)")
    return run.stdout
  }

  static func installed(_ shell: String) -> Bool {
    ["/bin", "/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"].contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/\(shell)")
    }
  }

  /// Runs `program` in `shell` with the completion script saved beside it as `script.SHELL`.
  static func complete(_ shell: String, _ program: String, in directory: URL) throws -> [String] {
    let scriptFile = directory.appendingPathComponent("script.\(shell)")
    try Data(try script(shell).utf8).write(to: scriptFile)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [shell, "-c", program, shell, scriptFile.path]
    process.currentDirectoryURL = directory
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(shell) -c \(program)")
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map { String($0.split(separator: "\t")[0]) }
  }

  @Test(arguments: ["bash", "zsh", "fish"])
  func everyCommandAndOptionIsInTheScript(shell: String) throws {
    let text = try Self.script(shell)
    for command in CommandRegistry.all {
      for word in command.spec.path { #expect(text.contains(word), "\(shell): \(command.spec.name)") }
      for option in command.spec.options {
        for name in option.names {
          // fish spells options without their dashes (-l base, -s o).
          let spelled =
            shell == "fish" ? (name.hasPrefix("--") ? "-l \(name.dropFirst(2))" : "-s \(name.dropFirst())") : name
          #expect(text.contains(spelled), "\(shell): \(command.spec.name) \(name)")
        }
      }
    }
  }

  @Test func unknownShellIsExitTwoWithTheChoices() throws {
    let run = InProcessRun(["completions", "bsah"], in: try Scratch.directory("completions"))
    #expect(run.code == .couldNotRun)
    #expect(
      run.stderr
        == "error: unknown shell 'bsah' (did you mean 'bash'?); 'tokentax completions' supports bash, zsh, fish\n")
  }

  @Test func bashCompletesCommandsOptionsChoicesAndPaths() throws {
    let directory = try Scratch.directory("completions-bash")
    try Data().write(to: directory.appendingPathComponent("tokentax.json"))
    func complete(_ words: String) throws -> [String] {
      // The line as bash splits it; a trailing space starts a new, empty word.
      let program = """
        source "$1"; COMP_WORDS=(\(words)); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _tokentax
        printf '%s\\n' "${COMPREPLY[@]}"
        """
      return try Self.complete("bash", program, in: directory).filter { !$0.isEmpty }
    }
    #expect(try complete("tokentax tr") == ["traces"])
    // `prices` is a command and the group of `prices update`: offered once, with both behind it.
    #expect(try complete("tokentax pr") == ["prices"])
    #expect(try complete("tokentax prices up") == ["update"])
    #expect(try complete("tokentax prices --out") == ["--outdated"])
    #expect(try complete("tokentax prices update --dry") == ["--dry-run"])
    #expect(try complete("tokentax traces ''") == ["summarize", "diff", "--help"])
    #expect(try complete("tokentax check --ba") == ["--base"])
    #expect(try complete("tokentax traces diff --min") == ["--min-samples"])
    #expect(try complete("tokentax comment git") == ["github", "gitlab"])
    #expect(try complete("tokentax completions f") == ["fish"])
    #expect(try complete("tokentax check --config tok") == ["tokentax.json"])
    // A revision is not a file name: nothing to offer.
    #expect(try complete("tokentax check --base tok") == [])
  }

  @Test(.enabled(if: installed("zsh")))
  func zshOffersTheSameWords() throws {
    let directory = try Scratch.directory("completions-zsh")
    // zsh's completion system needs a terminal; stand-ins for its functions print what the
    // script hands them, which is what the real ones would offer.
    func complete(_ words: String, current: Int) throws -> [String] {
      let program = """
        compdef() { :; }; source "$1"
        _describe() { print -l -- ${(P)4}; }
        _arguments() { shift; print -l -- "$@"; }
        words=(\(words)); CURRENT=\(current); _tokentax
        """
      return try Self.complete("zsh", program, in: directory)
    }
    #expect(try complete("tokentax ''", current: 2).contains { $0.hasPrefix("completions:") })
    #expect(
      try complete("tokentax traces ''", current: 3).map { String($0.prefix { $0 != ":" }) } == ["summarize", "diff"])
    let check = try complete("tokentax check --", current: 3)
    #expect(check.contains("--config[Config file (default: tokentax.json at the repo root).]:path:_files"))
    #expect(check.contains { $0.hasPrefix("(--output -o)-o[Write the report") })
    #expect(try complete("tokentax comment ''", current: 3).contains(":platform:(github gitlab)"))
    #expect(try complete("tokentax traces diff ''", current: 4).contains("*:base-and-head:_files"))
  }

  @Test(.enabled(if: installed("fish")))
  func fishCompletesCommandsOptionsAndChoices() throws {
    let directory = try Scratch.directory("completions-fish")
    func complete(_ line: String) throws -> [String] {
      try Self.complete("fish", "source $argv[-1]; complete -C '\(line)'", in: directory)
    }
    #expect(try complete("tokentax tra") == ["traces"])
    #expect(Set(try complete("tokentax traces ")) == ["summarize", "diff"])
    #expect(try complete("tokentax check --ba") == ["--base"])
    #expect(Set(try complete("tokentax completions ")) == ["bash", "zsh", "fish"])
    // `init` alone, not `budget init`: each command's options only.
    #expect(try complete("tokentax budget init --hea") == ["--headroom"])
    #expect(try complete("tokentax init --hea") == [])
  }
}
