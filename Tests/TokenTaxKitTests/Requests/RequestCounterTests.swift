import JSON
import Testing

@testable import TokenTaxKit

@Suite struct RequestCounterTests {
  private func count(_ json: String, model: String? = nil) throws -> RequestCount {
    try RequestCounter().count(json: Array(json.utf8), file: "request.json", model: model)
  }

  @Test func chatFramingPerGeneration() throws {
    let body = #"{"messages": [{"role": "user", "content": "hello"}], "model": "%@"}"#
    // 3 framing + "user" + "hello" + 3 reply priming; reasoning models prime with 2.
    #expect(try count(body.replacingOccurrences(of: "%@", with: "gpt-4o")).inputTokens == 8)
    #expect(try count(body.replacingOccurrences(of: "%@", with: "gpt-5")).inputTokens == 7)
    #expect(try count(body.replacingOccurrences(of: "%@", with: "o3-mini")).inputTokens == 7)
    #expect(try count(body.replacingOccurrences(of: "%@", with: "gpt-4")).inputTokens == 8)
  }

  @Test func namesAreBilledAsColonAndName() throws {
    let named = try count(#"{"model": "gpt-4o", "messages": [{"role": "user", "name": "user", "content": "hi"}]}"#)
    let plain = try count(#"{"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}"#)
    #expect(named.inputTokens == plain.inputTokens + 1)  // ":user" is one token
  }

  @Test func gpt5MarksEarlierAssistantMessages() throws {
    let body =
      #"{"model": "%@", "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "yo"}]}"#
    let gpt4o = try count(body.replacingOccurrences(of: "%@", with: "gpt-4o")).inputTokens
    let gpt5 = try count(body.replacingOccurrences(of: "%@", with: "gpt-5-mini")).inputTokens
    #expect(gpt5 == gpt4o - 1 + 2)
  }

  @Test func toolCallsAndResultsAreRendered() throws {
    let count = try count(
      #"""
      {"model": "gpt-4o", "messages": [
        {"role": "user", "content": "Weather?"},
        {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "get_weather", "arguments": "{\"city\": \"Paris\"}"}}]},
        {"role": "tool", "tool_call_id": "c1", "content": "sunny"}]}
      """#)
    #expect(count.exact)
    #expect(count.inputTokens > 20)
  }

  @Test func responsesBodiesUseTheSameRules() throws {
    let chat = try count(
      #"{"model": "gpt-4.1", "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]}"#
    )
    let responses = try count(#"{"model": "gpt-4.1", "instructions": "Be brief.", "input": "Hi"}"#)
    #expect(responses.api == .responses)
    #expect(responses.inputTokens == chat.inputTokens)
  }

  @Test func anEmptyAssistantItemCostsOneTokenOnTheResponsesAPI() throws {
    let plain = #"{"model": "gpt-4o", "input": [{"role": "user", "content": "Hi"}%@]}"#
    let without = try count(plain.replacingOccurrences(of: "%@", with: "")).inputTokens
    let with = try count(plain.replacingOccurrences(of: "%@", with: #", {"role": "assistant", "content": ""}"#))
      .inputTokens
    #expect(with == without + 1)
    // Chat Completions frames it like any message: 3 + the role.
    let chat = #"{"model": "gpt-4o", "messages": [{"role": "user", "content": "Hi"}%@]}"#
    let chatWith = try count(chat.replacingOccurrences(of: "%@", with: #", {"role": "assistant", "content": ""}"#))
      .inputTokens
    #expect(chatWith == (try count(chat.replacingOccurrences(of: "%@", with: "")).inputTokens) + 4)
  }

  @Test func imagesAreEstimatedFromTheirSize() throws {
    // A PNG header of 640×480: 2 tiles for gpt-4o (85 + 2 × 170).
    let png = "iVBORw0KGgoAAAANSUhEUgAAAoAAAAHgCAIAAAAAAAAA"
    let count = try count(
      #"{"model": "gpt-4o", "messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,\#(png)"}}]}]}"#
    )
    #expect(!count.exact)
    #expect(count.inputTokens == 3 + 1 + 3 + 425)
  }

  @Test func claudeRequestsAreEstimatedAndSayHow() throws {
    let count = try count(
      #"{"model": "claude-sonnet-4-5", "max_tokens": 10, "messages": [{"role": "user", "content": "Hello, Claude"}]}"#)
    #expect(count.api == .anthropicMessages)
    #expect(!count.exact)
    #expect(count.method.contains("claude estimate"))
  }

  @Test func anthropicDefinedToolsCountTheirDocumentedSize() throws {
    let message = #""messages": [{"role": "user", "content": "List the files."}]"#
    let plain = try count(#"{"model": "claude-sonnet-4-5", \#(message)}"#)
    let tools =
      #"[{"type": "bash_20250124", "name": "bash"}, {"type": "text_editor_20250728", "name": "str_replace_based_edit_tool"}, "#
      + #"{"type": "web_search_20250305", "name": "web_search"}]"#
    let withTools = try count(#"{"model": "claude-sonnet-4-5", "tools": \#(tools), \#(message)}"#)
    let profile = EstimationProfile.builtIn(family: "claude")
    // The tool-use system prompt once, then bash 245 and the text editor 700; web search has no
    // documented size and is only noted.
    #expect(withTools.inputTokens == plain.inputTokens + profile.toolOverhead + 245 + 700)
    #expect(withTools.notes.contains("bash tool counted at Anthropic's documented 245 tokens"))
    #expect(withTools.notes.contains("web_search_20250305 tool not counted: its hidden prompt is not public"))
    #expect(AnthropicDefinedTool(type: "computer_20250124")?.tokens == 735 + 499)
    #expect(AnthropicDefinedTool(type: "code_execution_20250825") == nil)
  }

  @Test func geminiBodiesTakeTheModelFromTheCaller() throws {
    let body = #"{"contents": [{"role": "user", "parts": [{"text": "Hello"}]}]}"#
    #expect(throws: RequestError.noModel(file: "request.json")) { try count(body) }
    #expect(try count(body, model: "gemini-2.5-flash").api == .gemini)
  }

  /// Gemini 3 function responses can carry media of their own; an image a tool returned bills
  /// like any other (1,120 at the default media resolution). The PNG header (400 × 301) is enough.
  @Test func geminiCountsImagesInsideFunctionResponses() throws {
    func body(_ parts: String) -> String {
      #"{"contents": [{"role": "user", "parts": [{"text": "Describe the file."}]}, "#
        + #"{"role": "model", "parts": [{"functionCall": {"name": "get_file", "args": {}}}]}, "#
        + #"{"role": "user", "parts": [{"functionResponse": {"name": "get_file", "response": {}\#(parts)}}]}]}"#
    }
    let png =
      #", "parts": [{"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgoAAAANSUhEUgAAAZAAAAEtCAIAAAAAAAAA"}}]"#
    let plain = try count(body(""), model: "gemini-3-flash-preview")
    let withImage = try count(body(png), model: "gemini-3-flash-preview")
    #expect(withImage.inputTokens == plain.inputTokens + 1120)
    let earlier = try count(body(""), model: "gemini-2.5-flash").inputTokens
    #expect(try count(body(png), model: "gemini-2.5-flash").inputTokens == earlier + 258)
  }

  @Test func geminiBillsTheThoughtsCarriedBySignaturesOfTheCurrentTurn() throws {
    // A signature that carries the reasoning starts with a short protobuf header (here field 2);
    // one that is a single long field 1 is a reference and is not billed.
    let thoughts = "Ev4iCvsi" + String(repeating: "A", count: 992)
    let reference = "CtMLAXLI" + String(repeating: "A", count: 992)
    func contents(_ signature: String, endsWithQuestion: Bool = false) -> String {
      let call =
        #"{"role": "model", "parts": [{"functionCall": {"name": "f", "args": {}}, "thoughtSignature": "\#(signature)"}]}"#
      let result = #"{"role": "user", "parts": [{"functionResponse": {"name": "f", "response": {}}}]}"#
      let question = #"{"role": "user", "parts": [{"text": "Hello"}]}"#
      return #"{"contents": ["#
        + ([question, call, result] + (endsWithQuestion ? [question] : [])).joined(separator: ",") + "]}"
    }
    func tokens(_ body: String, _ model: String) throws -> Int { try count(body, model: model).inputTokens }
    for model in ["gemini-3-flash-preview", "gemini-2.5-flash", "vertex_ai/gemini-3-flash-preview"] {
      let unsigned = try tokens(contents(""), model)
      #expect(try tokens(contents(reference), model) == unsigned)
      // A signature before the user's last message belongs to an earlier turn.
      #expect(
        try tokens(contents(thoughts, endsWithQuestion: true), model)
          == tokens(contents("", endsWithQuestion: true), model))
    }
    // 1,000 characters: Gemini 3 bills 0.2075 per character − 39, Gemini 2.x 0.162 − 24.
    #expect(
      try tokens(contents(thoughts), "gemini-3-flash-preview") == tokens(contents(""), "gemini-3-flash-preview") + 169)
    #expect(try tokens(contents(thoughts), "gemini-2.5-flash") == tokens(contents(""), "gemini-2.5-flash") + 138)
  }

  @Test func calibratedPriceRowsChangeTheEstimate() throws {
    var table = PriceTable.builtIn()
    table = try table.applyingOverrides(
      .object(["claude-sonnet-4-5": .object(["token_factor": .number("2"), "request_overhead": .number("100")])]),
      file: "t.json")
    let body = Array(
      #"{"model": "claude-sonnet-4-5", "messages": [{"role": "user", "content": "one two three four"}]}"#.utf8)
    let count = try RequestCounter(prices: table).count(json: body, file: "r.json")
    #expect(count.method == "o200k_base × 2 + 100 per request (claude estimate)")
    // 4 words + 2 framing per message, doubled, plus 100.
    #expect(count.inputTokens == 2 * (4 + 2) + 100)
  }

  @Test func badBodiesNameTheFileAndPath() throws {
    #expect(throws: RequestError.notARequest(file: "request.json")) { try count(#"{"model": "gpt-4o"}"#) }
    #expect(throws: JSONFieldError(file: "request.json", path: "messages[0].role", problem: "is missing")) {
      try count(#"{"model": "gpt-4o", "messages": [{"content": "x"}]}"#)
    }
    #expect(throws: JSONFieldError(file: "request.json", path: "messages[1].role", problem: "must be a string, not 3"))
    {
      try count(#"{"model": "gpt-4o", "messages": [{"role": "user"}, {"role": 3}]}"#)
    }
    #expect(
      throws: JSONFieldError(file: "request.json", path: "tools[0].function.name", problem: "is missing")
    ) {
      try count(#"{"model": "gpt-4o", "messages": [], "tools": [{"type": "function", "function": {}}]}"#)
    }
    #expect(throws: JSONParseError.self) { try count("{") }
    #expect(throws: PricingError.self) { try count(#"{"model": "gtp-4o", "messages": []}"#) }
  }
}
