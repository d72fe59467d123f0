import JSON
import Testing

@testable import TokenTaxKit

/// Timestamps of every unit become the same ISO 8601 text (expected values from Python's
/// `datetime.fromtimestamp(s, timezone.utc)`).
@Suite struct TraceTimestampTests {
  @Test(arguments: [
    (JSONValue.number("1763820000"), "2025-11-22T14:00:00Z"),
    (.number("1763820000.5"), "2025-11-22T14:00:00.500Z"),
    (.number("1763820000123"), "2025-11-22T14:00:00.123Z"),
    (.string("1763820000123000000"), "2025-11-22T14:00:00.123Z"),
    (.number("951782400"), "2000-02-29T00:00:00Z"),
    (.number("32503679999"), "2999-12-31T23:59:59Z"),
    (.string("2026-11-20T10:00:00Z"), "2026-11-20T10:00:00Z"),
  ])
  func convertsToISO(_ value: JSONValue, _ expected: String) {
    #expect(TraceTimestamp.text(value) == expected)
  }

  @Test func smallFractionsKeepTheirLeadingZeros() {
    #expect(TraceTimestamp.iso(epochSeconds: 0.001) == "1970-01-01T00:00:00.001Z")
    #expect(TraceTimestamp.iso(epochSeconds: 32_503_680_000) == nil)
  }
}
