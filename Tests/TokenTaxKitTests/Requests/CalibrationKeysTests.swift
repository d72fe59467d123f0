import JSON
import Testing

@testable import TokenTaxKit

/// The price-row keys calibration writes: `token_factor`, `request_overhead`, `tool_overhead`,
/// `forced_tool_overhead`.
@Suite struct CalibrationKeysTests {
  private func table(_ entry: JSONValue) throws -> PriceTable {
    try PriceTable.builtIn().applyingOverrides(.object(["claude-haiku-4-5": entry]), file: "tokentax.json")
  }

  @Test func overridesPatchTheProfile() throws {
    let row = try table(
      .object(["token_factor": .number("1.2"), "request_overhead": .number("-7"), "tool_overhead": .number("300")])
    )
    .lookup("claude-haiku-4-5")
    let profile = EstimationProfile.builtIn(family: "claude").applying(row)
    #expect(profile.factor == 1.2)
    #expect(profile.requestOverhead == -7)
    #expect(profile.toolOverhead == 300)
    // Only tool_overhead calibrated: the forced one keeps the built-in gap (434 − 399).
    #expect(profile.forcedToolOverhead == 335)
    let forced = try table(.object(["tool_overhead": .number("300"), "forced_tool_overhead": .number("280")]))
      .lookup("claude-haiku-4-5")
    #expect(EstimationProfile.builtIn(family: "claude").applying(forced).forcedToolOverhead == 280)
    #expect(TokenCounter(model: row.model, tokenizer: row.tokenizer, factor: row.tokenFactor).factor == 1.2)
  }

  @Test func badValuesNameTheField() {
    #expect {
      try table(.object(["token_factor": .number("0")]))
    } throws: { error in
      String(describing: error).contains("prices.overrides.claude-haiku-4-5.token_factor")
    }
    #expect {
      try table(.object(["request_overhead": .number("1.5")]))
    } throws: { error in
      String(describing: error).contains("whole number of tokens")
    }
  }

  @Test func priceListingWritesThemBack() throws {
    let table = try table(.object(["token_factor": .number("1.2"), "request_overhead": .number("4")]))
    let json = try PriceListing(table: table, models: ["claude-haiku-4-5"]).json()
    #expect(json.contains("\"token_factor\": 1.2"))
    #expect(json.contains("\"request_overhead\": 4"))
  }

  @Test func fitRecoversToolAndForcedToolOverheads() throws {
    // Calls billed exactly: 2 × scaled + 10, + 300 with tools, + 250 with a forced tool.
    let counter = RequestCounter()
    var samples: [CalibrationSample] = []
    for words in 1...9 {
      let text = Array(repeating: "cat", count: words * 10).joined(separator: " ")
      let tools =
        words % 3 == 0
        ? "" : #", "tools": [{"name": "look", "description": "Looks.", "input_schema": {"type": "object"}}]"#
      let choice = words % 3 == 2 ? #", "tool_choice": {"type": "any"}"# : ""
      let line =
        #"{"model": "claude-haiku-4-5", "request": {"model": "claude-haiku-4-5", "messages": [{"role": "user", "content": "\#(text)"}]\#(tools)\#(choice)}, "usage": {"input_tokens": 1}}"#
      var sample = try #require(
        try CalibrationSample.read(line: Array(line.utf8), file: "-", lineNumber: words, counter: counter))
      let features = sample.features
      let overhead = features.tools == 0 ? 0 : features.toolsForced ? 250 : 300
      sample.reported = 2 * sample.profile.scaled(features) + 10 + overhead + sample.profile.structure(features)
      samples.append(sample)
    }
    let fit = try #require(CalibrationFit.fit(samples))
    #expect(fit.fittedToolOverhead && fit.fittedForcedToolOverhead)
    #expect(fit.fitted.factor == 2)
    #expect(fit.fitted.requestOverhead == 10)
    #expect(fit.fitted.toolOverhead == 300)
    #expect(fit.fitted.forcedToolOverhead == 250)
    #expect(fit.after.maxAbsPercent == 0)
  }

  @Test func smallCallsPinTheRequestOverhead() throws {
    // Every call bills 8 tokens of framing; the text of the two largest bills 1.2 per o200k
    // token, the others' 1.1 (a factor varies with content). A plain line through all of them
    // puts its intercept far below 8; the small calls put it back.
    let counter = RequestCounter()
    var samples: [CalibrationSample] = []
    for (index, words) in [5, 10, 15, 20, 600, 1200, 1800, 2400].enumerated() {
      let text = Array(repeating: "cat", count: words).joined(separator: " ")
      let line =
        #"{"model": "claude-haiku-4-5", "request": {"model": "claude-haiku-4-5", "messages": [{"role": "user", "content": "\#(text)"}]}, "usage": {"input_tokens": 1}}"#
      var sample = try #require(
        try CalibrationSample.read(line: Array(line.utf8), file: "-", lineNumber: index + 1, counter: counter))
      let scaled = Double(sample.profile.scaled(sample.features))
      sample.reported = Int((scaled * (words < 1000 ? 1.1 : 1.2)).rounded()) + 8
      samples.append(sample)
    }
    let fit = try #require(CalibrationFit.fit(samples))
    #expect((6...8).contains(fit.fitted.requestOverhead))
    let plain = try #require(
      LeastSquares.solve(
        rows: samples.map { [Double($0.profile.scaled($0.features)), 1] }, targets: samples.map { Double($0.reported) })
    )
    #expect(plain[1] < 0)
    let small = samples.filter { $0.reported < CalibrationFit.smallCallTokens }
    #expect(CalibrationFit.errors(small) { _ in fit.fitted }.maxAbsPercent < 10)
  }
}
