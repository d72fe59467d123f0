import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// `check` on templates that include, extend and share files, on real temporary git repos.
///
/// Token counts are o200k_base (checked with `tokentax count`): "Answer in English.\n" 4,
/// the same plus "Always cite sources.\n" 8, "You are agent A." 5, "You are agent B." 5, "\n" 1.
@Suite struct TemplateIncludesEndToEndTests {
  static let config = """
    {
      "version": 1,
      "defaults": { "template_paths": ["prompts/shared"] },
      "prices": { "overrides": { "acme-ft-1": { "input": 3.0, "output": 12.0, "encoding": "o200k_base" } } },
      "features": [
        { "id": "agent-a", "model": "acme-ft-1", "calls_per_day": 1000, "output_tokens": 10,
          "prompt": [ { "file": "prompts/a/system.j2", "role": "system" } ] },
        { "id": "agent-b", "model": "acme-ft-1", "calls_per_day": 1000, "output_tokens": 10,
          "prompt": [ { "file": "prompts/b/system.j2", "role": "system" } ] }
      ]
    }
    """

  func repository() throws -> TestRepository {
    let repo = try TestRepository()
    try repo.write("tokentax.json", Self.config)
    try repo.write("prompts/shared/rules.j2", "Answer in English.\n")
    // Relative to the including file.
    try repo.write("prompts/a/system.j2", "{% include \"../shared/rules.j2\" %}You are agent A.")
    // A child template; its parent finds rules.j2 through template_paths.
    try repo.write("prompts/b/base.j2", "{% block intro %}Intro.{% endblock %}\n{% include 'rules.j2' %}")
    try repo.write("prompts/b/system.j2", "{% extends 'base.j2' %}{% block intro %}You are agent B.{% endblock %}")
    try repo.commit("base")
    return repo
  }

  func feature(_ report: JSONValue, _ id: String) -> JSONValue? {
    report["features"]?.arrayValue?.first { $0["id"] == .string(id) }
  }

  /// agent-a: 4 + 5 + 3 framing + 3 priming = 15 → 8 + 5 + 6 = 19; agent-b: 5 + 1 + 4 + 6 = 16 → 20.
  @Test func anEditToASharedIncludeShowsOnEveryFeatureIncludingIt() throws {
    let repo = try repository()
    try repo.write("prompts/shared/rules.j2", "Answer in English.\nAlways cite sources.\n")
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
    let report = try JSONParser().parse(result.stdout)
    for (id, base, head) in [("agent-a", 15, 19), ("agent-b", 16, 20)] {
      let entry = try #require(feature(report, id))
      #expect(entry["base"]?["input_tokens"] == .number("\(base)"), "\(id)")
      #expect(entry["head"]?["input_tokens"] == .number("\(head)"), "\(id)")
      let top = try #require(entry["top_changes"]?.arrayValue?.first)
      #expect(top["file"] == .string("prompts/shared/rules.j2"))
      #expect(top["line"] == .number("2"))
      #expect(top["tokens"] == .number("4"))
    }
  }

  @Test func anIncludeThatResolvesNowhereIsExitTwoNamingTheTag() throws {
    let repo = try repository()
    try repo.write("prompts/a/system.j2", "Hi.\n  {% include 'missing.j2' %}")
    let result = repo.run("check", "--base", "HEAD")
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr.contains(
        "prompts/a/system.j2:2:3: include 'missing.j2' matches no file (looked for prompts/a/missing.j2, prompts/shared/missing.j2"
      ), "\(result.stderr)")
  }

  @Test func aCycleIsExitTwoNamingTheChain() throws {
    let repo = try repository()
    try repo.write("prompts/shared/rules.j2", "{% include '../a/system.j2' %}")
    try repo.write("prompts/a/system.j2", "{% include \"../shared/rules.j2\" %}")
    let result = repo.run("estimate", "--config", "tokentax.json")
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("templates include each other in a cycle"), "\(result.stderr)")
  }

  /// One branch, loops × items, and the warnings that say what was assumed.
  @Test func branchesLoopsAndUnusedVariablesAreStated() throws {
    let repo = try TestRepository()
    try repo.write(
      "tokentax.json",
      """
      { "version": 1,
        "prices": { "overrides": { "acme-ft-1": { "input": 3.0, "output": 12.0, "encoding": "o200k_base" } } },
        "features": [ { "id": "rag", "model": "acme-ft-1", "calls_per_day": 1000, "output_tokens": 10,
          "prompt": [ { "file": "prompts/rag.j2", "role": "user" } ],
          "variables": { "docs": 300, "d.title": 7, "stale": 5 }, "loops": { "docs": 3 } } ] }
      """)
    try repo.write(
      "prompts/rag.j2",
      "{% if short %}\n{% else %}\nYou are agent A.{% endif %}{% for d in docs %}{{ d.title }}\n{% endfor %}")
    try repo.commit("rag")
    let result = repo.run("estimate", "--json")
    #expect(result.code == .success, "\(result.stderr)")
    let report = try JSONParser().parse(result.stdout)
    // else branch "\nYou are agent A." (1 + 5 = 6: o200k splits it "\n" | "You are agent A.") is larger than "\n";
    // the loop: 3 × (7 + "\n" 1) = 24; + 3 framing + 3 priming = 36.
    let row = try #require(report["features"]?.arrayValue?.first)
    #expect(row["input_tokens"] == .number("36"), "\(result.stdout)")
    #expect(
      result.stderr.contains("1 if/else block(s) counted by their largest branch (prompts/rag.j2:1)"),
      "\(result.stderr)")
    #expect(
      result.stderr.contains("variables gives 'stale' a size but no placeholder of its prompt uses it"),
      "\(result.stderr)")
    #expect(!result.stderr.contains("'docs' a size"))
  }
}
