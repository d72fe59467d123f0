import Foundation
import JSON
import Testing

@testable import TokenTaxKit

@Suite struct JSONReportTests {
  @Test func roundTripsThroughTheDecoder() throws {
    let text = JSONReporter.render(SampleReport.approved, context: ReportContext())
    let decoded = try ReportDecoder.decode(text, file: "report.json")
    #expect(decoded == SampleReport.approved)
    #expect(JSONReporter.render(decoded, context: ReportContext()) == text)
  }

  @Test func hasTheShapeOfSpecSection11() throws {
    let json = try JSONParser().parse(JSONReporter.render(SampleReport.report, context: ReportContext()))
    #expect(json["schema_version"] == .number("1"))
    #expect(json["tool"]?["name"] == .string("tokentax"))
    #expect(json["head"]?["rev"] == .string("worktree"))
    #expect(json["status"] == .string("fail"))
    #expect(json["exit_code"] == .number("1"))
    #expect(json["totals"]?["delta"]?["monthly_usd"] == .number("2297.7"))
    #expect(json["totals"]?["delta"]?["percent"] == .number("70.95"))
    let features = try #require(json["features"]?.arrayValue)
    let bot = features[0]
    #expect(bot["encoding"]?["exact"] == .bool(false))
    #expect(bot["base"]?["source"]?["output_tokens"] == .string("traces"))
    #expect(bot["delta"]?["input_tokens"] == .number("840"))
    #expect(bot["delta"]?["cost_per_call_usd"] == .number("0.00261"))
    #expect(bot["delta"]?["percent"]?["cost_per_call_usd"] == .number("32.22"))
    #expect(bot["violations"]?.arrayValue?.first?["limit"] == .number("20"))
    #expect(bot["top_changes"]?.arrayValue?.first?["line"] == .number("12"))
    let added = features[4]
    #expect(added["base"] == .null)
    #expect(added["delta"]?["percent"]?["cost_per_call_usd"] == .null)
    let noCallsPerDay = features[6]
    #expect(noCallsPerDay["head"]?["monthly_usd"] == .null)
    #expect(noCallsPerDay["delta"]?["monthly_usd"] == .null)
  }

  @Test func isDeterministic() {
    let first = JSONReporter.render(SampleReport.report, context: ReportContext())
    #expect(first == JSONReporter.render(SampleReport.report, context: ReportContext()))
  }

  @Test func namesTheMissingField() throws {
    var json = try JSONParser().parse(JSONReporter.render(SampleReport.report, context: ReportContext()))
    guard case .object(var root) = json, case .array(var features) = root["features"],
      case .object(var second) = features[1], case .object(var head) = second["head"]
    else {
      Issue.record("unexpected shape")
      return
    }
    head["input_tokens"] = .string("many")
    second["head"] = .object(head)
    features[1] = .object(second)
    root["features"] = .array(features)
    json = .object(root)
    #expect(
      throws: JSONFieldError(
        file: "r.json", path: "features[1].head.input_tokens",
        problem: "must be a whole number, not the string \"many\"",
        remedy: "write it with 'tokentax check --format json --output r.json'")
    ) {
      try ReportDecoder.decode(JSONWriter.string(json), file: "r.json")
    }
  }

  @Test func rejectsOtherSchemaVersions() {
    let error = #expect(throws: JSONFieldError.self) {
      try ReportDecoder.decode("{\"schema_version\": 2}", file: "report.json")
    }
    #expect(
      error?.description
        == "report.json: schema_version is 2, but this tokentax reads schema version 1; use the tokentax "
        + "that wrote it; write it with 'tokentax check --format json --output report.json'")
  }

  @Test func syntaxErrorsNameTheFile() {
    #expect(
      throws: JSONParseError(file: "report.json", line: 1, column: 2, reason: "unexpected end of input; expected a key")
    ) {
      try ReportDecoder.decode("{", file: "report.json")
    }
  }
}
