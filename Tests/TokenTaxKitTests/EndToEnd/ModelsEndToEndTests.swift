import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// Azure deployments and the gateway ids real apps send, through the real CLI on real repos.
@Suite struct ModelsEndToEndTests {
  static func config(model: String, deployments: String = "") -> String {
    """
    {
      "version": 1,
      "defaults": { \(deployments.isEmpty ? "" : "\"deployments\": \(deployments)") },
      "features": [ { "id": "bot", "model": "\(model)", "calls_per_day": 1000, "output_tokens": 100,
                      "prompt": [ { "file": "prompts/system.md", "role": "system" } ] } ]
    }
    """
  }

  func repository(_ config: String) throws -> TestRepository {
    let repo = try TestRepository()
    try repo.write("tokentax.json", config)
    try repo.write("prompts/system.md", "You are a helpful assistant for Acme support.")
    try repo.commit("base")
    return repo
  }

  func headFeature(_ repo: TestRepository) throws -> JSONValue {
    let result = repo.run("check", "--base", "HEAD", "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
    return try #require(try JSONParser().parse(result.stdout)["features"]?.arrayValue?.first)
  }

  /// A deployment named in `defaults.deployments` costs and counts exactly what its model does,
  /// with or without Azure's host prefix.
  @Test(arguments: ["my-prod-4o", "azure/my-prod-4o"])
  func deploymentIsPricedAndCountedAsItsModel(_ model: String) throws {
    let direct = try headFeature(try repository(Self.config(model: "gpt-4o")))
    let deployed = try headFeature(
      try repository(
        Self.config(model: model, deployments: #"{"my-prod-4o": "gpt-4o", "gpt-35-turbo": "gpt-3.5-turbo"}"#)))
    #expect(deployed["head"]?["cost_per_call_usd"] == direct["head"]?["cost_per_call_usd"])
    #expect(deployed["head"]?["input_tokens"] == direct["head"]?["input_tokens"])
    #expect(deployed["encoding"]?["exact"] == .bool(true))
  }

  /// Without the map the deployment is an unknown model, as before.
  @Test func undeclaredDeploymentIsUnknown() throws {
    let repo = try repository(Self.config(model: "my-prod-4o"))
    let result = repo.run("check", "--base", "HEAD")
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("my-prod-4o"))
  }

  @Test func deploymentToAnUnknownModelIsExitTwoNamingTheField() throws {
    let repo = try repository(Self.config(model: "my-prod-4o", deployments: #"{"my-prod-4o": "gpt-4x"}"#))
    let result = repo.run("check", "--base", "HEAD")
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr.hasPrefix("error: tokentax.json: defaults.deployments.my-prod-4o must be the id of a priced model"))
    #expect(result.stderr.contains("gpt-4x"))
    #expect(result.stderr.split(separator: "\n").count == 1)
  }

  @Test func deploymentTargetMustBeAString() throws {
    let repo = try repository(Self.config(model: "gpt-4o", deployments: #"{"my-prod-4o": 4}"#))
    let result = repo.run("check", "--base", "HEAD")
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("defaults.deployments.my-prod-4o must be a model id string"))
  }

  /// Gateway ids price at the maker's row: the same cost as the bare id.
  @Test(arguments: [
    ("google/gemini-3-pro-preview", "gemini-3-pro-preview"),
    ("xai/grok-4.1-fast-non-reasoning", "grok-4.1-fast-non-reasoning"),
    ("anthropic/claude-3.7-sonnet-thinking", "claude-3-7-sonnet"), ("deepseek/deepseek-v3.2", "deepseek-v3.2"),
    ("xai/grok-4", "grok-4"),
  ])
  func gatewayIdsPriceAtTheMakersRow(_ gateway: String, _ row: String) throws {
    let viaGateway = try headFeature(try repository(Self.config(model: gateway)))
    let bare = try headFeature(try repository(Self.config(model: row)))
    #expect(viaGateway["head"]?["cost_per_call_usd"] == bare["head"]?["cost_per_call_usd"])
    #expect(viaGateway["head"]?["cost_per_call_usd"] != nil)
  }
}
