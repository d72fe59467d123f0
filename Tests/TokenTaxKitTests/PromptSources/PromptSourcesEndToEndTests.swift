import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// Prompts kept in Python, TypeScript and YAML (fixtures/prompt-sources), estimated and checked
/// on real temporary git repos. The expected counts were computed by hand with tiktoken
/// (o200k_base) on the values Python, Node and PyYAML hold, placeholders at their sizes, plus
/// OpenAI chat framing (3 per message, 3 reply priming).
@Suite struct PromptSourcesEndToEndTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fixtures/prompt-sources")

  /// A repository holding a copy of one fixture app, committed.
  func repository(_ app: String) throws -> TestRepository {
    let repo = try TestRepository()
    let source = Self.fixtures.appendingPathComponent(app)
    let files = FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = files?.nextObject() as? URL {
      guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
      let relative = String(url.standardizedFileURL.path.dropFirst(source.standardizedFileURL.path.count + 1))
      try repo.write(relative, try String(contentsOf: url, encoding: .utf8))
    }
    try repo.commit("app")
    return repo
  }

  func inputTokens(_ repo: TestRepository) throws -> [String: Int] {
    let result = repo.run("estimate", "--json")
    #expect(result.code == .success, "\(result.stderr)")
    let report = try JSONParser().parse(result.stdout)
    var tokens: [String: Int] = [:]
    for feature in report["features"]?.arrayValue ?? [] {
      if case .string(let id) = feature["id"], let count = feature["input_tokens"]?.intValue { tokens[id] = count }
    }
    return tokens
  }

  func checked(_ repo: TestRepository) throws -> JSONObject {
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.code != .couldNotRun, "\(result.stderr)")
    let report = try JSONParser().parse(result.stdout)
    var features: JSONObject = [:]
    for feature in report["features"]?.arrayValue ?? [] {
      if case .string(let id) = feature["id"] { features[id] = feature }
    }
    return features
  }

  /// Triage: dedented class attribute with a `{go_ahead_tip}` field bound to another attribute
  /// (62 + 14 tip), a user template with three sized fields (9 + 360), 3 messages' framing.
  /// Summary: a literal `+` a module constant (22 + 6). Chat: the larger of two returns of an
  /// arrow function, inlined consts, a bound arrow function sized 16 + 5 (98 + 9). Title:
  /// a template literal `.trim()`ed (41 + 6). The agent: a `|-` and a `>` block scalar read as
  /// Jinja (79 + 610 − 20 … counted 669 in all).
  @Test func countsAreWhatTheLanguageHolds() throws {
    #expect(try inputTokens(repository("python-app")) == ["ticket-triage": 440, "conversation-summary": 28])
    #expect(try inputTokens(repository("nextjs-app")) == ["chat": 107, "chat-title": 47])
    #expect(try inputTokens(repository("agent-yaml")) == ["swe-agent": 669])
  }

  @Test func aRefactorThatSendsTheSameTextIsNoChange() throws {
    let repo = try repository("python-app")
    var source = try String(contentsOf: repo.root.appendingPathComponent("helpdesk/prompts.py"), encoding: .utf8)
    // Same values, other code: an f-string for the concatenation, the tip split elsewhere, new code around.
    source = source.replacingOccurrences(
      of: "(\n    \"Summarise the conversation below in three bullet points for the support lead. \"\n    + TONE\n)",
      with: "f\"Summarise the conversation below in three bullet points for the support lead. {TONE}\"")
    source = source.replacingOccurrences(
      of: "\"If the ticket is clear, classify it at once; \"\n        \"otherwise",
      with: "\"If the ticket is clear, \"\n        \"classify it at once; otherwise")
    source += "\n\ndef build(ticket):\n    return TriagePrompts.user_template.format(**ticket)\n"
    try repo.write("helpdesk/prompts.py", source)
    let features = try checked(repo)
    for id in ["ticket-triage", "conversation-summary"] {
      #expect(features[id]?["delta"]?["input_tokens"] == .number("0"), "\(id)")
      #expect(features[id]?["top_changes"]?.arrayValue?.isEmpty ?? true, "\(id)")
    }
  }

  @Test func anEditIsChargedToItsFeatureAndPointsAtTheLiteralsLine() throws {
    let repo = try repository("python-app")
    var source = try String(contentsOf: repo.root.appendingPathComponent("helpdesk/prompts.py"), encoding: .utf8)
    source = source.replacingOccurrences(of: "returns, other.", with: "returns, refunds, other.")
    source = source.replacingOccurrences(
      of: "ask one short question first.", with: "ask one short, polite question first.")
    try repo.write("helpdesk/prompts.py", source)
    let features = try checked(repo)
    #expect(features["conversation-summary"]?["delta"]?["input_tokens"] == .number("0"))
    let triage = try #require(features["ticket-triage"])
    let changes = triage["top_changes"]?.arrayValue ?? []
    let lines = changes.compactMap { $0["line"]?.intValue }.sorted()
    #expect(changes.allSatisfy { $0["file"] == .string("helpdesk/prompts.py") })
    // Line 20 is the edited line of main_system; the bound tip's value starts on line 28.
    #expect(lines == [20, 28], "\(changes)")
    let total = changes.compactMap { $0["tokens"]?.intValue }.reduce(0, +)
    #expect(triage["delta"]?["input_tokens"]?.intValue == total)
  }

  @Test func aNeighbouringPromptsEditLeavesTheOtherFeatureAlone() throws {
    let repo = try repository("nextjs-app")
    var source = try String(contentsOf: repo.root.appendingPathComponent("lib/ai/prompts.ts"), encoding: .utf8)
    source = source.replacingOccurrences(
      of: "- do not use quotes or colons", with: "- do not use quotes, colons or emoji")
    try repo.write("lib/ai/prompts.ts", source)
    let features = try checked(repo)
    #expect(features["chat"]?["delta"]?["input_tokens"] == .number("0"))
    let title = try #require(features["chat-title"])
    #expect((title["delta"]?["input_tokens"]?.intValue ?? 0) > 0)
    #expect(title["top_changes"]?.arrayValue?.first?["line"] == .number("41"))
  }

  @Test(arguments: [
    (
      "TriagePrompts.main_sytem",
      "'TriagePrompts.main_sytem' not found at the working tree; names that exist: TriagePrompts.main_system"
    ),
    ("TriagePrompts.system_reminder", "inherited from BasePrompts; point the symbol at 'BasePrompts.system_reminder'"),
    ("LIMITS", "'LIMITS' is a dict or set, not a string"),
    ("build_prompt", "'build_prompt' is a call to make_prompt(), not a string"),
  ])
  func aSymbolThatIsNotAStringIsExitTwoNamingIt(symbol: String, message: String) throws {
    let repo = try repository("python-app")
    try repo.write(
      "helpdesk/prompts.py",
      try String(contentsOf: repo.root.appendingPathComponent("helpdesk/prompts.py"), encoding: .utf8)
        + "\nLIMITS = {\"tokens\": 10}\nbuild_prompt = make_prompt()\n")
    try repo.write(
      "tokentax.json",
      """
      { "version": 1, "defaults": { "model": "gpt-4o" },
        "features": [ { "id": "f", "prompt": [ { "file": "helpdesk/prompts.py", "symbol": "\(symbol)" } ] } ] }
      """)
    let result = repo.run("estimate")
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(!result.stderr.contains("Fatal"))
  }

  @Test func aYAMLTabIndentationIsExitTwoNamingLineAndColumn() throws {
    let repo = try repository("agent-yaml")
    try repo.write("config/default.yaml", "agent:\n  templates:\n\tsystem_template: hi\n")
    let result = repo.run("estimate")
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("config/default.yaml:3:1: a tab indents this line"), "\(result.stderr)")
  }

  @Test func aKeyMissingAtTheBaseIsNamedWithTheRevision() throws {
    let repo = try repository("agent-yaml")
    try repo.write("config/default.yaml", "agent:\n  templates:\n    system: hi\n    instance_template: x\n")
    try repo.commit("rename")
    let result = repo.run("estimate")
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr.contains(
        "'agent.templates.system_template' not found at the working tree; names that exist: agent.templates.system"),
      "\(result.stderr)")
  }

  /// `init` on each app without its config drafts one feature per prompt value (values that
  /// another prompt binds or inlines are not features), and the draft estimates unedited.
  @Test(arguments: [
    ("python-app", ["summary-prompt", "base-prompts-system-reminder", "triage-prompts-main-system"]),
    ("nextjs-app", ["get-request-prompt-from-hints", "system-prompt", "title-prompt"]),
    ("agent-yaml", ["default-templates-system-template", "default-templates-instance-template"]),
  ])
  func initDraftsAConfigThatEstimates(app: String, ids: [String]) throws {
    let repo = try repository(app)
    try repo.remove("tokentax.json")
    try repo.commit("no config")
    let drafted = repo.run("init")
    #expect(drafted.code == .success, "\(drafted.stderr)")
    let config = try ConfigDecoder.decode(
      try Data(contentsOf: repo.root.appendingPathComponent("tokentax.json")), file: "tokentax.json")
    #expect(config.features.map(\.id) == ids)
    #expect(config.features.allSatisfy { $0.prompt.allSatisfy { $0.selector != nil } })
    let estimated = repo.run("estimate")
    #expect(estimated.code == .success, "\(estimated.stderr)")
  }

  @Test func initBindsAFormatFieldToTheAttributeOfItsName() throws {
    let repo = try repository("python-app")
    try repo.remove("tokentax.json")
    #expect(repo.run("init").code == .success)
    let config = try ConfigDecoder.decode(
      try Data(contentsOf: repo.root.appendingPathComponent("tokentax.json")), file: "tokentax.json")
    let triage = try #require(config.features.first { $0.id == "triage-prompts-main-system" })
    #expect(
      triage.boundVariables["go_ahead_tip"]
        == BoundSource(file: "helpdesk/prompts.py", selector: .symbol("TriagePrompts.go_ahead_tip")))
  }
}
