import Testing

@testable import TokenTaxKit

@Suite struct ParallelToolCallsTests {
  private let calls = [
    ToolCall(id: "a", name: "secret", arguments: #"{"password": "mellon", "n": 1}"#),
    ToolCall(id: "b", name: "weather", arguments: ""),
  ]

  @Test func callsRenderAsOneMultiToolUseCall() {
    #expect(
      ParallelToolCalls.callJSON(calls)
        == #"{"tool_uses":[{"recipient_name":"functions.secret","parameters":{"password":"mellon","n":1}},{"recipient_name":"functions.weather","parameters":{}}]}"#
    )
  }

  @Test func resultsRenderAsOneListWithJSONOutputsEmbedded() {
    var results = ParallelToolCalls(calls)
    let first = ChatMessage(role: "tool", parts: [.text("Welcome to \"Moria\"!\n")], toolCallID: "a")
    let second = ChatMessage(role: "tool", parts: [.text(#"{"city":"New York","temp":[1,2]}"#)], toolCallID: "b")
    #expect(results.answers(first))
    results.collect(first)
    #expect(!results.answers(first))
    results.collect(second)
    #expect(results.pending.isEmpty)
    #expect(results.resultsJSON == #"["Welcome to \"Moria\"!\n", {"city": "New York", "temp": [1, 2]}]"#)
  }

  @Test func headersFollowTheGenerationsFraming() throws {
    let gpt4o = ChatFormat.forModel("gpt-4o", encoding: .o200kBase, api: .chatCompletions).format
    let gpt5 = ChatFormat.forModel("gpt-5-nano", encoding: .o200kBase, api: .chatCompletions).format
    #expect(ParallelToolCalls.callHeader(gpt4o) == "assistant to=multi_tool_use.parallel")
    #expect(ParallelToolCalls.resultHeader(gpt4o) == "multi_tool_use.parallel to=assistant")
    #expect(ParallelToolCalls.callHeader(gpt5) == "commentary to=multi_tool_use.parallel")
    #expect(ParallelToolCalls.resultHeader(gpt5) == "functions.multi_tool_use.parallel to=assistant")
  }

  @Test func parallelCallsAreExactOnlyWhereRecordedCallsConfirmThem() throws {
    let body = #"""
      {"model": "%@", "messages": [{"role": "user", "content": "Both"},
        {"role": "assistant", "tool_calls": [
          {"id": "a", "type": "function", "function": {"name": "f", "arguments": "{}"}},
          {"id": "b", "type": "function", "function": {"name": "g", "arguments": "{}"}}]},
        {"role": "tool", "tool_call_id": "a", "content": "1"},
        {"role": "tool", "tool_call_id": "b", "content": "2"}]}
      """#
    let counter = RequestCounter()
    func count(_ model: String) throws -> RequestCount {
      try counter.count(json: Array(body.replacingOccurrences(of: "%@", with: model).utf8), file: "r.json")
    }
    #expect(try count("gpt-4o").exact)
    #expect(try count("gpt-5").exact)
    #expect(try !count("gpt-4-turbo").exact)
  }
}
