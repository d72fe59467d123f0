import Foundation
import JSON
import Testing

@testable import TokenTaxKit

@Suite struct StreamingJSONTests {
  static let documents = [
    #"{"a":1,"b":[true,false,null],"c":{"d":"e\"f\\g\u00e9"},"n":-1.5e+3}"#,
    #"  {"empty":{},"list":[],"s":""}  "#, #"[1,2,3]"#, #""just a string""#, "42", "{\"a\":1,}", "{\"a\":01}",
    "{\"a\":1.}",
    "{\"a\":\"\\x\"}", "{\"a\":\"\\u12G4\"}", "{\"a\" 1}", "{\"a\":1}}", "[1,2", "{\"a\":tru}", "{\"a\":\"\u{1}\"}", "",
    "   ",
    "{\"a\":1,\"b\":[{\"c\":[]}]} x", "-", "{\"k\":-}",
  ]

  /// The fast scanner accepts exactly what the full parser accepts, and blames the same column.
  @Test(arguments: documents)
  func scannerAgreesWithTheParser(_ text: String) {
    var scanner = JSONFieldScanner()
    let bytes = Array(text.utf8)
    let scanned: Result<Void, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
      Result { () throws(JSONParseError) in try scanner.scan(buffer) }
    }
    let parsed = Result { try JSONParser().parse(text) }
    switch (scanned, parsed) {
    case (.success, .success): break
    case (.failure(let scanError), .failure(let parseError as JSONParseError)):
      #expect(scanError.column == parseError.column, "\(scanError) vs \(parseError)")
    default:
      Issue.record("scanner \(scanned) but parser \(parsed)")
    }
  }

  @Test func scannerRecordsTopLevelFieldsOnly() throws {
    let text = #"{"feature":"a\"b","input_tokens":"12","nested":{"output_tokens":5},"output_tokens":7}"#
    var scanner = JSONFieldScanner()
    try Array(text.utf8).withUnsafeBufferPointer { bytes in
      try scanner.scan(bytes)
      #expect(scanner.fields.count == 4)
      let feature = try #require(scanner.fields.first)
      #expect(JSONFieldScanner.string(feature, in: bytes) == "a\"b")
      #expect(JSONFieldScanner.integer(scanner.fields[1], in: bytes) == 12)
      #expect(JSONFieldScanner.integer(scanner.fields[3], in: bytes) == 7)
    }
  }

  /// Lines split across tiny chunks, CRLF endings, a BOM and a last line without a newline.
  @Test func linesSurviveChunkBoundaries() throws {
    let text = "\u{FEFF}first line\r\n\nsecond, a longer line than the chunk\nthird"
    let file = try TraceTestSupport.temporaryFile("lines.txt", text)
    let reader = try ChunkedByteReader(path: file.url.path, chunkSize: 16)
    var lines: [String] = []
    var numbers: [Int] = []
    try reader.forEachLine { bytes, number in
      lines.append(String(decoding: bytes, as: UTF8.self))
      numbers.append(number)
    }
    #expect(lines == ["first line", "", "second, a longer line than the chunk", "third"])
    #expect(numbers == [1, 2, 3, 4])
  }

  /// A pretty-printed array streams element by element with each element's start position.
  @Test func valuesOfADocumentAreFramed() throws {
    let text = """
      [
        {"a": "has ] and } and \\" inside"},
        {"b": [1, {"c": 2}]},
        "scalar", 12,
        true
      ]
      """
    let file = try TraceTestSupport.temporaryFile("doc.json", text)
    let reader = try ChunkedByteReader(path: file.url.path, chunkSize: 16)
    var values: [String] = []
    var positions: [String] = []
    try reader.forEachValue { bytes, line, column in
      values.append(String(decoding: bytes, as: UTF8.self))
      positions.append("\(line):\(column)")
    }
    #expect(values == [#"{"a": "has ] and } and \" inside"}"#, #"{"b": [1, {"c": 2}]}"#, #""scalar""#, "12", "true"])
    #expect(positions == ["2:3", "3:3", "4:3", "4:13", "5:3"])
  }

  @Test func concatenatedObjectsAreSeparateValues() throws {
    let file = try TraceTestSupport.temporaryFile("concat.json", "{\n  \"a\": 1\n}\n{\n  \"b\": 2\n}\n")
    let reader = try ChunkedByteReader(path: file.url.path)
    var count = 0
    try reader.forEachValue { bytes, line, _ in
      count += 1
      #expect(line == (count == 1 ? 1 : 4))
      #expect((try? JSONParser().parse(bytes)) != nil)
    }
    #expect(count == 2)
  }

  @Test func compactLeavesKeepsSmallContainersOnOneLine() {
    let value = JSONValue.object([
      "rows": .array([.object(["b": .int(2), "a": .array([.int(1)])]), .object(["x": .object(["y": .null])])]),
      "n": .int(1),
    ])
    #expect(
      JSONWriter.compactLeaves(value) == """
        {
          "n": 1,
          "rows": [
            {"a": [1], "b": 2},
            {
              "x": {"y": null}
            }
          ]
        }
        """)
  }
}
