import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// prompty's `${file:…}` values — a sample and tools kept in JSON files beside the prompty file,
/// read at the same revision as the prompt, so their edits change the count — and its `${env:…}`
/// values, filled in at run time.
@Suite struct PromptyReferencesTests {
  static let prompty = """
    ---
    name: Tents
    model:
      api: chat
      configuration:
        type: azure_openai
        azure_deployment: ${env:AZURE_OPENAI_DEPLOYMENT}
      parameters:
        tools: ${file:functions.json}
    inputs:
      question:
        type: string
      mood:
        type: string
        default: ${env:DEFAULT_MOOD}
    sample: ${file:sample.json}
    ---
    system:
    You help customers choose tents.

    user:
    {{question}} {{customer}} {{mood}}
    """

  /// The tool `DotpromptPromptyTests.tents` writes in YAML, in OpenAI's JSON shape.
  static let functions = """
    [{"type": "function", "function": {"name": "get_weather",
      "description": "Get the weather forecast for a place and a date.",
      "parameters": {"type": "object", "properties": {
        "location": {"type": "string", "description": "The city, e.g. Chamonix"},
        "date": {"type": "string", "description": "ISO date"}}, "required": ["location"]}}}]
    """

  static let sample = #"{"question": "What tent should I buy for a week in the Alps?", "customer": {"name": "Jane"}}"#

  private func repository() throws -> TestRepository {
    let repo = try TestRepository()
    try repo.write("app/prompts/tent.prompty", Self.prompty)
    try repo.write("app/prompts/functions.json", Self.functions)
    try repo.write("app/prompts/sample.json", Self.sample)
    try repo.write(
      "tokentax.json",
      #"{"version": 1, "features": [{"id": "tents", "model": "gpt-4o", "calls_per_day": 100, "output_tokens": 10, "prompt": [{"file": "app/prompts/tent.prompty"}]}]}"#
    )
    try repo.commit("tents")
    return repo
  }

  @Test func referencesAreFoundWithTheirLines() {
    let frontMatter = FrontMatter(Self.prompty)
    #expect(
      frontMatter.fileReferences == [
        FileReference(name: "functions.json", line: 9, column: 12),
        FileReference(name: "sample.json", line: 16, column: 9),
      ])
    #expect(FileReference.path(of: "../shared/f.json", from: "app/prompts/tent.prompty") == "app/shared/f.json")
    #expect(FileReference.path(of: "../../../f.json", from: "app/prompts/tent.prompty") == nil)
  }

  /// The tool from functions.json adds the same 59 tokens as written in the front matter; the
  /// sample's string is its text, its object its compact JSON; an `${env:…}` default sizes nothing.
  @Test func sampleAndToolsComeFromTheirFiles() throws {
    let repo = try repository()
    let result = repo.run("estimate", "--format", "json")
    #expect(result.code == .success, "\(result.stderr)")
    #expect(result.stderr.contains("tent.prompty declares 1 tool definition: +59 input tokens per call"))
    #expect(
      result.stderr.contains(
        "placeholder 'question' sized by the front matter's sample in app/prompts/sample.json (12 tokens)"),
      "\(result.stderr)")
    #expect(
      result.stderr.contains("placeholder 'customer' sized by the front matter's sample in app/prompts/sample.json"))
    #expect(result.stderr.contains("placeholder 'mood' has no size in variables"))
    let counter = TokenCounter(model: "gpt-4o", tokenizer: "o200k_base")
    #expect(counter.count("What tent should I buy for a week in the Alps?") == 12)
    let row = try #require(try JSONParser().parse(result.stdout)["features"]?.arrayValue?.first)
    // Two messages and the reply's priming (3 each), the template's text and the two spaces
    // between placeholders, the tool, the sample's values and the 100-token default for `mood`.
    let own = 9 + counter.count("You help customers choose tents.") + 2 * counter.count(" ")
    let expected = own + 59 + 12 + counter.count(#"{"name":"Jane"}"#) + 100
    #expect(row["input_tokens"]?.intValue == expected)
  }

  /// Edits of a referenced file are the feature's: a longer tool description (+9, as when the
  /// tool is written inline) and a longer sample question, each a top change on its own line.
  @Test func editsOfReferencedFilesChangeTheCount() throws {
    let repo = try repository()
    try repo.write(
      "app/prompts/functions.json",
      Self.functions.replacingOccurrences(
        of: "Get the weather forecast for a place and a date.",
        with: "Get the hourly weather forecast, wind and snow for a place and a date, in metric units."))
    let tools = repo.run("check", "--base", "HEAD", "--format", "json")
    let feature = try #require(try JSONParser().parse(tools.stdout)["features"]?.arrayValue?.first)
    #expect(feature["delta"]?["input_tokens"] == .number("9"), "\(tools.stderr)")
    #expect(
      feature["top_changes"]
        == .array([
          .object(["file": .string("app/prompts/functions.json"), "line": .number("2"), "tokens": .number("9")])
        ]))

    try repo.write("app/prompts/functions.json", Self.functions)
    try repo.write("app/prompts/sample.json", Self.sample.replacingOccurrences(of: "Alps?", with: "Alps in March?"))
    let sample = repo.run("check", "--base", "HEAD", "--format", "json")
    let changed = try #require(try JSONParser().parse(sample.stdout)["features"]?.arrayValue?.first)
    #expect(changed["delta"]?["input_tokens"] == .number("2"), "\(sample.stderr)")
    #expect(
      changed["top_changes"]
        == .array([.object(["file": .string("app/prompts/sample.json"), "line": .number("1"), "tokens": .number("2")])])
    )
  }

  @Test func aMissingFileNamesTheReference() throws {
    let repo = try repository()
    try repo.remove("app/prompts/sample.json")
    let result = repo.run("estimate")
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr
        == "error: app/prompts/tent.prompty:16:9: '${file:sample.json}' names no file at the working tree "
        + "(looked for app/prompts/sample.json); add the file or fix the name\n")
  }

  @Test func invalidJSONNamesItsPosition() throws {
    let repo = try repository()
    try repo.write("app/prompts/functions.json", "[{\"type\": \"function\",}]")
    let result = repo.run("estimate")
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.hasPrefix("error: app/prompts/functions.json:1:"), "\(result.stderr)")
    #expect(result.stderr.contains("(read as JSON for a '${file:…}' value in app/prompts/tent.prompty"))
  }

  @Test func aReferenceOutsideTheRepositoryIsRefused() throws {
    let repo = try repository()
    try repo.write(
      "app/prompts/tent.prompty",
      Self.prompty.replacingOccurrences(of: "${file:sample.json}", with: "${file:../../../x.json}"))
    let result = repo.run("estimate")
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr.contains("app/prompts/tent.prompty:16:9: '${file:../../../x.json}' points outside the repository"))
  }

  /// A `${env:…}` deployment is not a model id: the config's model is counted, with a note, and
  /// without one the error says why the front matter's does not serve.
  @Test func aRuntimeModelIsSaidAndTheConfigsIsCounted() throws {
    let repo = try repository()
    let result = repo.run("estimate")
    #expect(result.code == .success, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "feature 'tents': app/prompts/tent.prompty gives the model as '${env:AZURE_OPENAI_DEPLOYMENT}', "
          + "filled in at run time; counted as gpt-4o"))
    try repo.write(
      "tokentax.json",
      #"{"version": 1, "features": [{"id": "tents", "prompt": [{"file": "app/prompts/tent.prompty"}]}]}"#)
    let missing = repo.run("estimate")
    #expect(missing.code == .couldNotRun)
    #expect(
      missing.stderr
        == "error: feature 'tents' has no model (app/prompts/tent.prompty gives the model as "
        + "'${env:AZURE_OPENAI_DEPLOYMENT}', filled in at run time); set \"model\" on it or \"defaults.model\" "
        + "in tokentax.json\n")
  }

  /// prompty passes `model.parameters` to the API: a `response_format` JSON schema (here from
  /// a file) adds what the same field adds to a request body counted by `count --request`.
  @Test func aResponseFormatSchemaIsCountedAsTheRequestCounterCountsIt() throws {
    let repo = try repository()
    let format =
      #"{"type": "json_schema", "json_schema": {"name": "tent_choice", "schema": {"type": "object", "properties": {"tent": {"type": "string"}, "reason": {"type": "string"}}, "required": ["tent", "reason"]}}}"#
    try repo.write("app/prompts/format.json", format)
    try repo.write(
      "app/prompts/tent.prompty",
      Self.prompty.replacingOccurrences(
        of: "    tools: ${file:functions.json}\n", with: "    response_format: ${file:format.json}\n"))
    let message = #"{"model": "gpt-4o", "messages": [{"role": "user", "content": "."}]"#
    try repo.write("without.json", message + "}")
    try repo.write("with.json", message + #", "response_format": "# + format + "}")
    let counted = try ["with.json", "without.json"].map { file in
      let result = repo.run("count", "--request", file, "--json")
      return try #require(try JSONParser().parse(result.stdout)["input_tokens"]?.intValue, "\(result.stderr)")
    }
    #expect(counted[0] - counted[1] > 20)
    let result = repo.run("estimate")
    #expect(result.code == .success, "\(result.stderr)")
    #expect(
      result.stderr.contains(
        "tent.prompty declares an output schema: +\(counted[0] - counted[1]) input tokens per call"), "\(result.stderr)"
    )
  }

  /// `init` guesses no size for what the sample file sizes (a guess in `variables` would win
  /// over it); `mood`, whose default is filled in at run time, keeps its guess.
  @Test func initLeavesTheSampledPlaceholdersToTheSample() throws {
    let repo = try repository()
    try repo.remove("tokentax.json")
    try repo.commit("no config")
    let result = repo.run("init")
    #expect(result.code == .success, "\(result.stderr)")
    let draft = try String(contentsOf: repo.root.appendingPathComponent("tokentax.json"), encoding: .utf8)
    #expect(draft.contains(#""variables": { "mood": 100 }"#), "\(draft)")
  }

  /// A string in a referenced file that is itself `${file:…}` is that file's JSON (resolved
  /// against the prompty file's folder, as prompty does); the sample then counts the same as
  /// written out. `${file:…}` inside a sentence is text, and a file naming itself stays a string.
  @Test func referencesInsideReferencedFilesAreFollowed() throws {
    let repo = try repository()
    try repo.write("app/prompts/customer.json", #"{"name": "Jane"}"#)
    try repo.write(
      "app/prompts/sample.json",
      #"{"question": "What tent should I buy for a week in the Alps?", "customer": "${file:customer.json}"}"#)
    let nested = repo.run("estimate", "--format", "json")
    try repo.write("app/prompts/sample.json", Self.sample)
    let inline = repo.run("estimate", "--format", "json")
    #expect(nested.code == .success, "\(nested.stderr)")
    let counts = try [nested, inline].map { run in
      try #require(try JSONParser().parse(run.stdout)["features"]?.arrayValue?.first?["input_tokens"])
    }
    #expect(counts[0] == counts[1])

    #expect(
      FileReference.all(
        in: "description: see ${file:notes.md} first\nsample: ${file:s.json}  # the sample", firstLine: 1)
        == [FileReference(name: "s.json", line: 2, column: 9)])
    try repo.write("app/prompts/sample.json", #"{"question": "${file:sample.json}"}"#)
    let selfNamed = repo.run("estimate")
    #expect(selfNamed.code == .success, "\(selfNamed.stderr)")
  }

  @Test func aMissingFileInsideAReferencedFileNamesItsLine() throws {
    let repo = try repository()
    try repo.write("app/prompts/sample.json", "{\n  \"customer\": \"${file:gone.json}\"\n}")
    let result = repo.run("estimate")
    #expect(result.code == .couldNotRun)
    #expect(
      result.stderr.hasPrefix("error: app/prompts/sample.json:2:16: '${file:gone.json}' names no file"),
      "\(result.stderr)")
  }
}
