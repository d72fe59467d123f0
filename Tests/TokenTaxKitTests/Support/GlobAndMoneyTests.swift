import Foundation
import Testing

@testable import TokenTaxKit

@Suite struct GlobTests {
  @Test(arguments: [
    ("prompts/**/*.md", "prompts/a.md", true), ("prompts/**/*.md", "prompts/x/y/a.md", true),
    ("prompts/*.md", "prompts/x/a.md", false), ("a?.txt", "ab.txt", true), ("a.txt", "a.txt", true),
    ("**", "x/y", true),
  ])
  func matches(pattern: String, path: String, expected: Bool) {
    #expect(Glob(pattern).matches(path) == expected)
  }
}

@Suite struct MoneyTests {
  @Test(arguments: [
    ("1234.5", "$1,235"), ("12.345", "$12.35"), ("0.0042151", "$0.004215"), ("0.5", "$0.50"), ("0", "$0.00"),
    ("-3", "-$3.00"),
  ])
  func usd(value: String, expected: String) throws {
    #expect(Money.usd(try #require(Decimal(string: value))) == expected)
  }

  @Test func jsonRoundsToSpec() throws {
    #expect(Money.jsonUSD(try #require(Decimal(string: "0.12345678"))) == "0.123457")
    #expect(Money.jsonPercent(23.456) == "23.46")
    #expect(Money.percent(nil) == "new")
    #expect(Money.signedTokens(-1840) == "-1,840")
  }
}
