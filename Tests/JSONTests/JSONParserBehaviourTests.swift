import Testing

@testable import JSON

/// Pins the parser's results and error positions, so speed work cannot change what it accepts
/// or where it points.
@Suite struct JSONParserBehaviourTests {
  struct Failure: CustomTestStringConvertible, Sendable {
    var bytes: [UInt8]
    var relaxed = false
    var line: Int
    var column: Int
    var reason: String
    var testDescription: String { String(decoding: bytes, as: UTF8.self) }

    init(_ text: String, relaxed: Bool = false, _ line: Int, _ column: Int, _ reason: String) {
      self.init(bytes: Array(text.utf8), relaxed: relaxed, line, column, reason)
    }

    init(bytes: [UInt8], relaxed: Bool = false, _ line: Int, _ column: Int, _ reason: String) {
      self.bytes = bytes
      self.relaxed = relaxed
      self.line = line
      self.column = column
      self.reason = reason
    }
  }

  static let failures: [Failure] = [
    Failure("", 1, 1, "the document is empty; expected a JSON value"),
    Failure("{\"a\":\"x", 1, 6, "unterminated string"),
    Failure("{\"a\":\"x\\", 1, 6, "unterminated string"),
    Failure("[\"é\tx\"]", 1, 4, "control character in string; escape it as \\u0009"),
    Failure("[\"ab\\q\"]", 1, 5, "invalid escape '\\q' in string"),
    Failure("[\"\\u12\"]", 1, 7, "invalid hex digit '\"' in \\u escape"),
    Failure("[\"\\u1", 1, 5, "truncated \\u escape"),
    Failure(bytes: [0x5B, 0x22, 0x61, 0xFF, 0x62, 0x22, 0x5D], 1, 2, "invalid UTF-8 in string"),
    Failure(bytes: [0x5B, 0x22, 0x5C, 0x6E, 0xC3, 0x22, 0x5D], 1, 2, "invalid UTF-8 in string"),
    Failure("{\"a\": tru}", 1, 7, "unexpected 't'; expected a value"),
    Failure("{\"a\": nul", 1, 7, "unexpected 'n'; expected a value"),
    Failure("[1,\n  -]", 2, 4, "invalid number: expected a digit"),
    Failure("[1.]", 1, 4, "invalid number: expected a digit after '.'"),
    Failure("[1e+]", 1, 5, "invalid number: expected a digit in the exponent"),
    Failure("{\"a\" 1}", 1, 6, "expected ':' after key \"a\""),
    Failure("{\"ä\":1 \"b\":2}", 1, 8, "unexpected '\"'; expected ',' or '}'"),
    Failure("[1 2]", 1, 4, "unexpected '2'; expected ',' or ']'"),
    Failure("[1,", 1, 4, "unexpected end of input; expected a value"),
    Failure("{\"a\":1,", 1, 8, "unexpected end of input; expected a key"),
    Failure("{\"a\":1", 1, 7, "unexpected end of input; expected ',' or '}'"),
    Failure("{1:2}", 1, 2, "unexpected '1'; expected a quoted key"),
    Failure("[1] x", 1, 5, "unexpected 'x' after the JSON value"),
    Failure("{\"a\":1,}", 1, 8, "unexpected '}'; expected a quoted key"),
    Failure("{\"a\":1,\n\"a\":2}", relaxed: true, 2, 1, "duplicate key \"a\""),
    Failure("{\"a\":1,\n\"a\":}", relaxed: true, 2, 1, "duplicate key \"a\""),
    Failure("/* open", relaxed: true, 1, 1, "unterminated /* comment"),
    Failure(String(repeating: "[", count: 600), 1, 514, "nesting deeper than 512 levels"),
  ]

  @Test(arguments: failures)
  func errorsPointAtTheSamePlace(_ failure: Failure) {
    #expect(throws: JSONParseError(line: failure.line, column: failure.column, reason: failure.reason)) {
      try JSONParser(relaxed: failure.relaxed).parse(failure.bytes)
    }
  }

  @Test func stringsDecodeEscapesSurrogatesAndUnicode() throws {
    let text =
      #"["plain", "é ü 日本", "a\"b\\c\/d\b\f\n\r\t", "\u00e9\ud83d\ude00", "\ud800x", "\ud800\u0041", "x\u0000y", ""]"#
    let value = try JSONParser().parse(text)
    #expect(
      value
        == .array([
          .string("plain"), .string("é ü 日本"), .string("a\"b\\c/d\u{08}\u{0C}\n\r\t"), .string("é😀"),
          .string("\u{FFFD}x"),
          .string("\u{FFFD}A"), .string("x\u{0}y"), .string(""),
        ]))
  }

  @Test func valuesKeepTheirShape() throws {
    let value = try JSONParser().parse(
      "\u{FEFF}{\"n\":[-0.5e+3,0,12],\"t\":true,\"f\":false,\"z\":null,\"o\":{},\"a\":[],\"d\":1,\"d\":2}")
    #expect(
      value
        == .object([
          "n": .array([.number("-0.5e+3"), .number("0"), .number("12")]), "t": .bool(true), "f": .bool(false),
          "z": .null,
          "o": .object([:]), "a": .array([]), "d": .number("2"),
        ]))
  }

  @Test func parsesFromStringsSlicesAndBuffers() throws {
    let line = Array("xx{\"k\":[1,{\"m\":\"v\"}]}yy".utf8)
    let expected = JSONValue.object(["k": .array([.number("1"), .object(["m": .string("v")])])])
    #expect(try JSONParser().parse(line[2..<(line.count - 2)]) == expected)
    let fromBuffer = try line.withUnsafeBufferPointer { buffer in
      try JSONParser().parse(UnsafeBufferPointer(rebasing: buffer[2..<(buffer.count - 2)]))
    }
    #expect(fromBuffer == expected)
    #expect(try JSONParser().parse("{\"k\":[1,{\"m\":\"v\"}]}") == expected)
  }
}
