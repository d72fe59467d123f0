import Testing

@testable import JSON

/// JSON numbers are never written in exponent form, whichever writer made them.
@Suite struct PositionalNumberTests {
  @Test(arguments: [
    ("-7.1e-05", "-0.000071"), ("7.1E-05", "0.000071"), ("1e+20", "100000000000000000000"), ("1.5e2", "150"),
    ("2.50e1", "25"), ("-0e0", "0"), ("12.5", "12.5"), ("-3", "-3"), ("1.234e-1", "0.1234"), ("5e0", "5"),
  ])
  func positional(_ input: String, _ expected: String) {
    #expect(PositionalNumber.text(input) == expected)
  }

  @Test func theWriterNeverPrintsAnExponent() {
    let text = JSONWriter.string(.object(["delta": .number("-7.1e-05")]), pretty: false)
    #expect(text == #"{"delta":-0.000071}"#)
  }
}
