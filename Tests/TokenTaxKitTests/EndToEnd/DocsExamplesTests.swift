import Foundation
import Testing

@testable import TokenTaxKit

/// Every `$ tokentax …` line of a ```` ```console ```` block in the README and `docs/*.md` runs
/// from the repository's root and prints what the block shows under it, so a reader who copies
/// a command gets the output the docs promise. A line `…` in the shown output stands for any
/// number of lines (an abridged output). An example whose output starts with `error:` exits 2.
@Suite struct DocsExamplesTests {
  static let root = ReadmeTests.readme.deletingLastPathComponent()

  struct Example: CustomTestStringConvertible, Sendable {
    var file: String
    var line: Int
    var command: String
    var expected: [String]

    var testDescription: String { "\(file):\(line) \(command)" }
  }

  static let examples: [Example] = {
    let docs = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("docs").path)) ?? []
    let files = ["README.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
    return files.flatMap { file -> [Example] in
      guard let text = try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8) else { return [] }
      return parse(text, file: file)
    }
  }()

  static func parse(_ text: String, file: String) -> [Example] {
    var examples: [Example] = []
    var inConsole = false
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).enumerated() {
      if line.hasPrefix("```") {
        inConsole = !inConsole && line == "```console"
        continue
      }
      guard inConsole else { continue }
      if line.hasPrefix("$ ") {
        examples.append(Example(file: file, line: index + 1, command: String(line.dropFirst(2)), expected: []))
      } else if !examples.isEmpty, examples[examples.count - 1].file == file {
        examples[examples.count - 1].expected.append(line)
      }
    }
    return examples
  }

  @Test func theDocsHaveRunnableExamples() {
    #expect(Self.examples.count >= 12)
    #expect(Self.examples.contains { $0.file == "docs/requests.md" && $0.command.contains("calibrate") })
  }

  @Test(arguments: examples) func exampleRunsAsShown(_ example: Example) throws {
    let command = try #require(Command(example.command), "not a command this test runs: \(example.command)")
    let input =
      command.stdinFile.flatMap { try? Data(contentsOf: Self.root.appendingPathComponent($0)) } ?? command.stdinText
    let run = InProcessRun(command.arguments, in: Self.root, stdin: input ?? Data())
    // An example that shows an error shows a run that could not go on (exit 2).
    #expect(
      run.code == (example.expected.first?.hasPrefix("error: ") == true ? .couldNotRun : .success), "\(run.stderr)")
    let printed = (run.stdout + run.stderr).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(
      Self.matches(printed.last == "" ? Array(printed.dropLast()) : printed, example.expected),
      "printed:\n\(run.stdout)\(run.stderr)")
  }

  /// Whether `lines` are `pattern`, where a pattern line `…` matches any run of lines.
  static func matches(_ lines: [String], _ pattern: [String]) -> Bool {
    guard let first = pattern.first else { return lines.isEmpty }
    if first == "…" {
      return (0...lines.count).contains { matches(Array(lines.dropFirst($0)), Array(pattern.dropFirst())) }
    }
    return lines.first == first && matches(Array(lines.dropFirst()), Array(pattern.dropFirst()))
  }

  /// The shell lines the docs use: `tokentax ARGS`, `… < FILE`, `echo -n "TEXT" | tokentax ARGS`.
  struct Command {
    var arguments: [String]
    var stdinFile: String?
    var stdinText: Data?

    init?(_ line: String) {
      var words = Self.words(line)
      if words.first == "echo" {
        guard let pipe = words.firstIndex(of: "|") else { return nil }
        let echoed = words[1..<pipe].filter { $0 != "-n" }.joined(separator: " ")
        stdinText = Data((echoed + (words.contains("-n") ? "" : "\n")).utf8)
        words = Array(words[(pipe + 1)...])
      }
      if let redirect = words.firstIndex(of: "<"), redirect + 1 < words.count {
        stdinFile = words[redirect + 1]
        words.removeSubrange(redirect...(redirect + 1))
      }
      guard words.first == "tokentax" else { return nil }
      arguments = Array(words.dropFirst())
    }

    /// Splits on spaces outside double quotes, dropping the quotes.
    static func words(_ line: String) -> [String] {
      var words: [String] = []
      var current = ""
      var quoted = false
      var started = false
      for character in line {
        if character == "\"" {
          quoted.toggle()
          started = true
        } else if character == " ", !quoted {
          if started { words.append(current) }
          current = ""
          started = false
        } else {
          current.append(character)
          started = true
        }
      }
      if started { words.append(current) }
      return words
    }
  }
}
