import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// `init`, `estimate` and `budget init` on real repositories.
@Suite struct SetupCommandsEndToEndTests {
  @Test func initFindsPromptFilesAndWritesAConfigThatChecks() throws {
    let repo = try TestRepository()
    try repo.write("prompts/support/system.md", "You are helpful.")
    try repo.write("prompts/support/examples.md", "Q: {{sample}}")
    try repo.write("prompts/support/user.hbs", "{{question}}")
    try repo.write(
      "prompts/support/tools.json", #"[{"name": "lookup", "parameters": {"type": "object", "properties": {}}}]"#)
    try repo.write("prompts/support/reply.json", #"{"type": "object", "properties": {"answer": {"type": "string"}}}"#)
    try repo.write(
      "prompts/triage/request.json", #"{"model": "gpt-4o", "messages": [{"role": "user", "content": "{{ticket}}"}]}"#)
    try repo.write("agents/notes.prompt", "---\nmodel: googleai/gemini-2.5-flash\n---\nWrite notes.")
    try repo.write("src/app.py", "print('not a prompt')")
    let result = repo.run("init", "--model", "gpt-5")
    #expect(result.code == .success, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("wrote tokentax.json: 3 feature(s) from 7 prompt file(s)"))
    let text = try String(contentsOf: repo.root.appendingPathComponent("tokentax.json"), encoding: .utf8)
    let config = try ConfigDecoder.decode(Data(text.utf8), file: "tokentax.json")
    // Ids from the prompt's own name: a dotprompt file's stem, a folder of parts' name.
    #expect(config.features.map(\.id) == ["notes", "support", "triage"])
    // Sent in order: system text first, the user's turn last; roles and kinds from names and contents.
    let support = config.features[1]
    #expect(
      support.prompt.map(\.file) == [
        "prompts/support/system.md", "prompts/support/examples.md", "prompts/support/reply.json",
        "prompts/support/tools.json",
        "prompts/support/user.hbs",
      ])
    #expect(support.prompt.map(\.role) == [.system, nil, nil, nil, .user])
    #expect(support.prompt.map(\.kind) == [.text, .text, .schema, .tools, .text])
    #expect(config.features[2].prompt.map(\.kind) == [.request])
    // Placeholders found are listed at a guessed size, for the user to correct.
    #expect(support.variables == ["sample": 100, "question": 100])
    #expect(config.features[2].variables == ["ticket": 100])
    // A model named in the files is the feature's own: the draft does not override it.
    #expect(config.features[0].model == nil)
    #expect(config.features[2].model == nil)
    #expect(support.model == "gpt-5")
    #expect(!text.contains("src/app.py"))
    // The draft is a working config: estimate runs on it, and with no placeholder left unsized.
    let estimate = repo.run("estimate")
    #expect(estimate.code == .success, "\(estimate.stderr)")
    #expect(!estimate.stderr.contains("no size in variables"), "\(estimate.stderr)")
    #expect(repo.run("init").stderr.contains("already exists"))
  }

  /// Alternatives, partials, non-prompt templates, helpers and a broken file: the draft still
  /// estimates without editing.
  @Test func initDraftsATrustworthyConfigOnHostileTemplates() throws {
    let repo = try TestRepository()
    try repo.write(
      "prompts/poem/v1.prompt", "---\nmodel: openai/gpt-4o\n---\n{{role \"user\"}}Write about {{topic}}. {{> style}}")
    try repo.write(
      "prompts/poem/v2.prompt",
      "# header\n\n---\nmodel: openai/gpt-4o\n---\n{{media url=photo mime=\"image/jpeg\"}}{{#each lines}}{{this}} {{@index}}{{/each}}"
    )
    try repo.write("prompts/poem/_style.prompt", "Be brief, {{tone}}.")
    try repo.write("deploy/Dockerfile.j2", "FROM {{ image }}")
    try repo.write("web/page.html.j2", "<html>{{ title }}</html>")
    try repo.write(
      "agent/main.j2", "{% for doc in docs %}{{ doc.text }} {{ loop.index }}{% endfor %}{% include 'rules.j2' %}")
    try repo.write("agent/rules.j2", "Cite {{ source }}.")
    try repo.write("broken/main.j2", "{% if x %}never closed")
    let result = repo.run("init")
    #expect(result.code == .success, "\(result.stderr)")
    #expect(
      result.stderr.contains("left broken/main.j2 out of the draft: broken/main.j2:1:1: this block is never closed"),
      "\(result.stderr)")
    let config = try ConfigDecoder.decode(
      try Data(contentsOf: repo.root.appendingPathComponent("tokentax.json")), file: "tokentax.json")
    #expect(config.features.map(\.id) == ["agent", "v1", "v2"])
    #expect(config.features[0].prompt.map(\.file) == ["agent/main.j2"])
    #expect(config.features[0].variables == ["docs": 100, "source": 100])
    #expect(config.features[1].variables == ["topic": 100, "tone": 100])
    #expect(config.features[2].variables == ["photo": 100, "lines": 100])
    let estimate = repo.run("estimate")
    #expect(estimate.code == .success, "\(estimate.stderr)")
  }

  @Test func initWithoutPromptsSaysWhatItLooksFor() throws {
    let repo = try TestRepository()
    try repo.write("README.md", "hello")
    let result = repo.run("init")
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("no prompt files found"))
  }

  /// input 63, output 100 at $3/$12 per million: $0.001389 per call, $41.67 a month (see CheckEndToEndTests).
  @Test func estimateAndBudgetInit() throws {
    let repo = try TestRepository()
    try repo.write("tokentax.json", CheckEndToEndTests.config().replacingOccurrences(of: "// ", with: ""))
    try repo.write("prompts/system.md", "You are helpful.")
    try repo.write("prompts/user.hbs", "{{question}}")
    try repo.commit("base")
    let estimate = repo.run("estimate", "--json")
    #expect(estimate.code == .success, "\(estimate.stderr)")
    let json = try JSONParser().parse(estimate.stdout)
    #expect(json["features"]?.arrayValue?.first?["cost_per_call_usd"] == .number("0.001389"))
    #expect(json["monthly_usd"] == .number("41.67"))
    #expect(repo.run("estimate").stdout.contains("$41.67"))

    // 41.67 × 1.2 = 50.004 → budgets round up to whole dollars: 51.
    let budget = repo.run("budget", "init", "--headroom", "20")
    #expect(budget.code == .success, "\(budget.stderr)")
    let config = try ConfigDecoder.decode(
      try Data(contentsOf: repo.root.appendingPathComponent("tokentax.json")), file: "tokentax.json")
    #expect(config.budgets.monthlyUSD == 51)
    #expect(config.features.first?.budgetMonthlyUSD == 51)
    // The rewrite keeps the user's key order, adding the budgets after what was there.
    let written = try JSONParser().parse(
      try String(contentsOf: repo.root.appendingPathComponent("tokentax.json"), encoding: .utf8))
    #expect(written.objectValue?.keys == ["version", "prices", "features", "thresholds", "budgets"])
    #expect(
      written["features"]?.arrayValue?.first?.objectValue?.keys
        == ["id", "model", "calls_per_day", "output_tokens", "prompt", "variables", "budget"])
    #expect(repo.run("check", "--base", "HEAD").code == .success)
  }

  @Test func invalidUTF8PromptNamesTheByte() throws {
    let repo = try TestRepository()
    try repo.write("tokentax.json", CheckEndToEndTests.config())
    try repo.write("prompts/user.hbs", "{{question}}")
    try Data([0x48, 0x69, 0x20, 0xC3, 0x28]).write(to: repo.root.appendingPathComponent("prompts/system.md"))
    let result = repo.run("estimate")
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr
        == "error: prompts/system.md: not UTF-8 text (invalid or binary byte at offset 3); point the feature at a text file\n"
    )
  }
}
