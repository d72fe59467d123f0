import Testing

@testable import TokenTaxKit

/// The price-row keys calibration writes: `token_factor`, `request_overhead`, `tool_overhead`.
@Suite struct CalibrationKeysTests {
  private func table(_ entry: JSONValue) throws -> PriceTable {
    try PriceTable.builtIn().applyingOverrides(.object(["claude-haiku-4-5": entry]), file: "tokentax.json")
  }

  @Test func overridesPatchTheProfile() throws {
    let row = try table(.object(["token_factor": .number("1.2"), "request_overhead": .number("-7"), "tool_overhead": .number("300")]))
      .lookup("claude-haiku-4-5")
    let profile = EstimationProfile.builtIn(family: "claude").applying(row)
    #expect(profile.factor == 1.2)
    #expect(profile.requestOverhead == -7)
    #expect(profile.toolOverhead == 300)
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
}
