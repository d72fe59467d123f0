import Foundation
import Testing

/// `action/action.yml` and `.pre-commit-hooks.yaml`, read line by line (no YAML library): the
/// keys GitHub and pre-commit need, and the Action's rule that inputs reach the shell only
/// through `env:`.
@Suite struct ActionManifestTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  struct Line {
    var number: Int
    var indent: Int
    var text: String
  }

  static func lines(_ path: String) throws -> [Line] {
    let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    return text.components(separatedBy: "\n").enumerated().map { offset, raw in
      Line(number: offset + 1, indent: raw.prefix { $0 == " " }.count, text: raw.trimmingCharacters(in: .whitespaces))
    }
  }

  /// The keys directly under a top-level key (`inputs:` → input names).
  static func children(of key: String, in lines: [Line]) -> [String] {
    guard let start = lines.firstIndex(where: { $0.indent == 0 && $0.text == "\(key):" }) else { return [] }
    return lines[(start + 1)...].prefix { $0.indent > 0 || $0.text.isEmpty }
      .filter { $0.indent == 2 && $0.text.hasSuffix(":") }.map { String($0.text.dropLast()) }
  }

  /// Each `run: |` block's script lines, with the line number of the `run:`.
  static func runBlocks(_ lines: [Line]) -> [(Int, [String])] {
    lines.enumerated().compactMap { index, line in
      guard line.text.hasPrefix("run:") || line.text.hasPrefix("- run:") else { return nil }
      if line.text.hasSuffix("|") {
        let body = lines[(index + 1)...].prefix { $0.text.isEmpty || $0.indent > line.indent }.map(\.text)
        return (line.number, body)
      }
      return (line.number, [String(line.text.drop { $0 != ":" }.dropFirst())])
    }
  }

  @Test func actionHasTheRequiredKeys() throws {
    let lines = try Self.lines("action/action.yml")
    let topLevel = lines.filter { $0.indent == 0 && !$0.text.isEmpty && !$0.text.hasPrefix("#") }
      .map { String($0.text.prefix { $0 != ":" }) }
    for key in ["name", "description", "inputs", "outputs", "runs"] {
      #expect(topLevel.contains(key), "missing \(key)")
    }
    #expect(lines.contains { $0.text == "using: composite" })
    #expect(
      Set(Self.children(of: "inputs", in: lines)).isSuperset(of: [
        "base", "config", "fail-on", "comment", "working-directory", "github-token",
      ]))
    #expect(Self.children(of: "outputs", in: lines) == ["status", "delta-monthly-usd", "report-path"])
    // Every shell step names its shell (composite actions require it).
    #expect(Self.runBlocks(lines).count == lines.filter { $0.text.hasPrefix("shell: bash") }.count)
  }

  @Test func inputsReachTheShellOnlyThroughEnv() throws {
    let lines = try Self.lines("action/action.yml")
    let inputs = Self.children(of: "inputs", in: lines)
    for (number, script) in Self.runBlocks(lines) {
      #expect(!script.contains { $0.contains("${{") }, "expression inside the run block at line \(number)")
    }
    // Which block each `${{ inputs.x }}` sits in: only `env:` (and a plain `if:`) may read inputs.
    var envInputs = Set<String>()
    for (index, line) in lines.enumerated() where line.text.contains("${{ inputs.") {
      let name = line.text.components(separatedBy: "${{ inputs.")[1].prefix { $0 != " " && $0 != "}" }
      #expect(inputs.contains(String(name)), "line \(line.number) reads an undeclared input '\(name)'")
      let parent = lines[..<index].last { $0.indent < line.indent && !$0.text.isEmpty }
      #expect(parent?.text == "env:", "line \(line.number) uses an input outside env:")
      envInputs.insert(String(name))
    }
    #expect(envInputs == Set(inputs), "inputs never passed to a step: \(Set(inputs).subtracting(envInputs))")
  }

  @Test func runBlocksAreValidBash() throws {
    for (number, script) in Self.runBlocks(try Self.lines("action/action.yml")) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["bash", "-n", "-c", script.joined(separator: "\n")]
      process.standardError = Pipe()
      try process.run()
      process.waitUntilExit()
      #expect(process.terminationStatus == 0, "bash -n fails on the run block at line \(number)")
    }
  }

  @Test func failOnIsValidated() throws {
    let text = try String(contentsOf: Self.root.appendingPathComponent("action/action.yml"), encoding: .utf8)
    #expect(text.contains("fail|warn|never) ;;"))
    #expect(text.contains("fail:fail|warn:fail|warn:warn)"))
  }

  @Test func preCommitHookDefinition() throws {
    let lines = try Self.lines(".pre-commit-hooks.yaml").map(\.text)
    for expected in [
      "- id: tokentax", "entry: tokentax check --staged", "language: swift", "pass_filenames: false",
    ] {
      #expect(lines.contains(expected), "missing '\(expected)'")
    }
    // Prompts in code and configs sit at any path the config names: the hook sees every commit
    // and `check --staged` picks the features the staged files belong to.
    #expect(!lines.contains { $0.hasPrefix("files:") })
    #expect(lines.filter { $0 == "pass_filenames: false" }.count == 2, "both hooks")
  }
}
