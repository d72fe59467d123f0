import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// `check` with a prompt part of `kind: request` on temporary git repositories. Token counts are
/// tiktoken's (o200k_base), stated beside each use.
@Suite struct RequestCheckEndToEndTests {
  static let config = """
    {
      "version": 1,
      "features": [ {
        "id": "support", "calls_per_day": 1000, "output_tokens": 100,
        "prompt": [ { "file": "requests/support.json", "kind": "request" } ],
        "variables": { "ticket": 40 }
      } ]
    }
    """

  static func body(model: String = "gpt-4o", tools: String = "") -> String {
    """
    {
      "model": "\(model)",
      "messages": [
        { "role": "system", "content": "You are a support agent." },
        { "role": "user", "content": "Ticket:\\n{{ticket}}" }
      ]\(tools)
    }
    """
  }

  /// system: 3 + "system" 1 + "You are a support agent." 6 = 10; user: 3 + "user" 1 + "Ticket:\n" 2
  /// + the placeholder's 40 = 46; reply priming 3. Input 59, framing counted once.
  @Test func requestPartIsCountedAsTheProviderBillsItWithPlaceholdersSized() throws {
    let repo = try TestRepository()
    try repo.write("tokentax.json", Self.config)
    try repo.write("requests/support.json", Self.body())
    try repo.commit("base")
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
    let feature = try #require(try JSONParser().parse(result.stdout)["features"]?.arrayValue?.first)
    #expect(feature["head"]?["input_tokens"] == .number("59"))
    #expect(feature["model"]?["head"] == .string("gpt-4o"))  // taken from the body: the feature names none
    #expect(feature["encoding"]?["exact"] == .bool(true))
    #expect(feature["encoding"]?["method"] == .string("request: o200k_base, gpt-4o chat framing"))
  }

  @Test func addingAToolShowsAsAnInputDelta() throws {
    let repo = try TestRepository()
    try repo.write("tokentax.json", Self.config)
    try repo.write("requests/support.json", Self.body())
    try repo.commit("base")
    let tool =
      #", "tools": [{ "type": "function", "function": { "name": "lookup_order", "description": "Find an order", "parameters": { "type": "object", "properties": { "id": { "type": "string" } }, "required": ["id"] } } }]"#
    try repo.write("requests/support.json", Self.body(tools: tool))
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    let feature = try #require(try JSONParser().parse(result.stdout)["features"]?.arrayValue?.first)
    let delta = try #require(feature["delta"]?["input_tokens"]?.intValue)
    // The namespace text (26 tokens, tiktoken) + 9 for the tools block − 4 for joining the
    // system message − 1 for a first parameter without a comment; the "\n" the system text
    // gains merges into its last token (".\n"), so it adds nothing.
    #expect(delta == 30)
    // The changed line is worth what the request bills for it, not the 64 tokens its JSON text adds to the line.
    let change = try #require(feature["top_changes"]?.arrayValue?.first)
    #expect(feature["top_changes"]?.arrayValue?.count == 1)
    #expect(change["file"] == .string("requests/support.json"))
    #expect(change["line"]?.intValue == 6)
    #expect(change["tokens"]?.intValue == 30)
  }

  @Test func claudeRequestsAreMarkedEstimated() throws {
    let repo = try TestRepository()
    try repo.write("tokentax.json", Self.config)
    try repo.write(
      "requests/support.json",
      #"{"model": "claude-sonnet-4-5", "max_tokens": 500, "system": "You are a support agent.", "messages": [{"role": "user", "content": "{{ticket}}"}]}"#
    )
    try repo.commit("base")
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
    let feature = try #require(try JSONParser().parse(result.stdout)["features"]?.arrayValue?.first)
    #expect(feature["encoding"]?["exact"] == .bool(false))
    #expect(feature["encoding"]?["method"]?.stringValue?.contains("claude estimate") == true)
  }

  @Test func aBrokenRequestFileIsExitTwoNamingIt() throws {
    let repo = try TestRepository()
    try repo.write("tokentax.json", Self.config)
    try repo.write("requests/support.json", #"{"model": "gpt-4o", "messages": [{"content": "no role"}]}"#)
    try repo.commit("base")
    let result = repo.run("check", "--base", "HEAD")
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("requests/support.json: messages[0].role is missing"))
  }
}
