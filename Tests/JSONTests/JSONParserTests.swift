import Testing

@testable import JSON

@Suite struct JSONParserTests {
  @Test func relaxedAcceptsCommentsAndTrailingCommas() throws {
    let value = try JSONParser(relaxed: true).parse("{ // c\n \"a\": [1, 2,], /* x */ \"b\": \"\\u00e9\", }")
    #expect(value["a"] == .array([.number("1"), .number("2")]))
    #expect(value["b"] == .string("é"))
  }

  @Test func strictRejectsTrailingCommaWithPosition() {
    #expect(throws: JSONParseError(line: 2, column: 1, reason: "unexpected '}'; expected a quoted key")) {
      try JSONParser().parse("{\"a\": 1,\n}")
    }
  }

  @Test func writerSortsKeys() {
    let text = JSONWriter.string(.object(["b": .int(1), "a": .string("x\n")]), pretty: false)
    #expect(text == "{\"a\":\"x\\n\",\"b\":1}")
  }
}
