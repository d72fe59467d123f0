import Foundation

/// `tokentax check --staged` as a whole process on a generated repository of 20 features (half
/// of their system prompts in Python and TypeScript modules) and
/// ~200 KB of prompts, one of them changed in the index (docs/design.md, Performance targets: under 100 ms).
enum CheckBench {
  static func run(binary: String) throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("tokentax-check-bench-\(getpid())")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let bytes = try writeRepository(at: root)
    git(["init", "-q"], root)
    git(["add", "-A"], root)
    git(["-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-q", "-m", "base"], root)
    let changed = root.appendingPathComponent("prompts/f2/system.md")
    let handle = try FileHandle(forWritingTo: changed)
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("Always cite the policy section you used.\n".utf8))
    try handle.close()
    git(["add", "-A"], root)
    let times = (0..<7).compactMap { _ in Shell.timeProcess(binary, ["check", "--staged"], in: root.path) }.sorted()
    let median = times.isEmpty ? "failed" : String(format: "%.1f ms", times[times.count / 2] * 1000)
    let best = times.first.map { String(format: "%.1f ms", $0 * 1000) } ?? "—"
    print("  20 features, \(bytes / 1000) KB of prompts: median \(median), best \(best) (target < 100 ms)")
  }

  /// Deterministic prompt text: ~10 KB per feature with a few placeholders.
  private static func writeRepository(at root: URL) throws -> Int {
    let words =
      "the of and to in a is that for it as was with be by on not customer support answer cite document policy refund escalation"
      .split(separator: " ")
    var state: UInt64 = 42
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    var total = 0
    var features: [String] = []
    let models = ["gpt-5", "claude-sonnet-4-6", "gemini-2.5-flash", "gpt-4o"]
    for index in 0..<20 {
      let folder = root.appendingPathComponent("prompts/f\(index)")
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      var text = ""
      while text.utf8.count < 10_000 {
        text += (0..<(8 + next(12))).map { _ in String(words[next(words.count)]) }.joined(separator: " ") + ".\n"
        if next(10) == 0 { text += "{{ var\(next(4)) }}\n" }
      }
      total += text.utf8.count
      // Half of the system prompts live in code, as teams keep them: Python and TypeScript constants.
      var system = #"{"file": "prompts/f\#(index)/system.md", "role": "system", "cache": true}"#
      switch index % 4 {
      case 1:
        let module =
          "import textwrap\n\nclass Prompts:\n    system = textwrap.dedent(\"\"\"\\\n"
          + text.replacingOccurrences(of: "{{ var", with: "{var").replacingOccurrences(of: " }}", with: "}")
          .split(separator: "\n", omittingEmptySubsequences: false).map { "        " + $0 }.joined(separator: "\n")
          + "\"\"\")\n"
        try Data(module.utf8).write(to: folder.appendingPathComponent("prompts.py"))
        system =
          #"{"file": "prompts/f\#(index)/prompts.py", "symbol": "Prompts.system", "role": "system", "cache": true}"#
      case 3:
        let module =
          "export const systemPrompt = `"
          + text.replacingOccurrences(of: "{{ var", with: "${var").replacingOccurrences(of: " }}", with: "}") + "`;\n"
        try Data(module.utf8).write(to: folder.appendingPathComponent("prompts.ts"))
        system =
          #"{"file": "prompts/f\#(index)/prompts.ts", "symbol": "systemPrompt", "role": "system", "cache": true}"#
      default:
        try Data(text.utf8).write(to: folder.appendingPathComponent("system.md"))
      }
      try Data("Question: {{question}}\n".utf8).write(to: folder.appendingPathComponent("user.hbs"))
      features.append(
        """
        {"id": "feature-\(index)", "model": "\(models[index % 4])", "calls_per_day": \(1000 + index), "output_tokens": 300,
         "prompt": [\(system), {"file": "prompts/f\(index)/user.hbs", "role": "user"}],
         "variables": {"question": 50, "var0": 10, "var1": 10, "var2": 10, "var3": 10}}
        """)
    }
    let config =
      #"{"version": 1, "thresholds": {"fail": {"cost_percent": 15}}, "features": ["# + features.joined(separator: ",\n")
      + "]}\n"
    try Data(config.utf8).write(to: root.appendingPathComponent("tokentax.json"))
    return total
  }

  private static func git(_ arguments: [String], _ root: URL) {
    _ = Shell.output(["git", "-C", root.path] + arguments)
  }
}
