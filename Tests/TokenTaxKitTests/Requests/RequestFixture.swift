import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// One request/usage pair from `fixtures/requests/*.jsonl`, with where it comes from.
struct RequestFixture: CustomTestStringConvertible {
  var file: String
  var line: Int
  var source: String
  var model: String
  var requestBytes: [UInt8]
  var reported: Int
  var request: JSONValue

  var testDescription: String { "\(file):\(line)" }

  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("fixtures/requests")

  static func load(_ name: String) throws -> [RequestFixture] {
    let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    var fixtures: [RequestFixture] = []
    for (index, line) in text.split(separator: "\n").enumerated() {
      let bytes = Array(line.utf8)
      let value = try JSONParser().parse(bytes)
      guard let request = value["request"], let raw = CalibrationSample.rawValue(of: "request", in: bytes),
        let usage = value["usage"],
        let reported = ReportedUsage.inputTokens(usage), reported > 0
      else { continue }
      fixtures.append(
        RequestFixture(
          file: name, line: index + 1, source: value["source"]?.stringValue ?? "",
          model: value["model"]?.stringValue ?? "",
          requestBytes: Array(raw), reported: reported, request: request))
    }
    return fixtures
  }

  /// What the request exercises, for the accuracy table: images, response format, tools (tool
  /// definitions or calls in the history), text.
  var kind: String {
    let text = String(decoding: requestBytes, as: UTF8.self)
    if text.contains("data:image/") || text.contains("\"inlineData\"") || text.contains("\"type\":\"image\"")
      || text.contains("\"input_image\"")
    {
      return "images"
    }
    if request["response_format"]?["type"]?.stringValue == "json_schema" || request["text"]?["format"] != nil
      || request["output_format"] != nil || request["output_config"]?["format"] != nil
    {
      return "response format"
    }
    let tools = request["tools"]?.arrayValue ?? request["functions"]?.arrayValue ?? []
    let calls = ["\"tool_calls\"", "\"function_call\"", "\"tool_use\"", "\"functionCall\"", "\"function_call_output\""]
    return tools.isEmpty && !calls.contains(where: text.contains) ? "text" : "tools"
  }
}
