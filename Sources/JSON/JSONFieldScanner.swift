import Foundation

/// A validating, allocation-free scan of one JSON value that records where each top-level
/// member of an object starts and ends: the hot path of trace ingestion (docs/design.md, Performance targets).
///
/// It checks the whole value against RFC 8259 (nested values included) and reports the first
/// error with its column, but builds nothing: callers read the few fields they need straight
/// from the bytes. `fields` is reused between scans so a steady stream of lines allocates
/// nothing.
public struct JSONFieldScanner {
  /// The kind of a member's value.
  public enum Kind: UInt8 { case string, number, object, array, bool, null }

  /// One top-level member. Ranges are byte offsets into the scanned buffer; string ranges
  /// exclude the quotes.
  public struct Field {
    public var keyStart: Int
    public var keyEnd: Int
    public var keyEscaped: Bool
    public var kind: Kind
    public var valueStart: Int
    public var valueEnd: Int
    /// For strings: the text contains backslash escapes (decode it with `JSONParser`).
    public var valueEscaped: Bool

    /// Where the value starts, its opening quote included: the offset to blame in errors.
    public var start: Int { kind == .string ? valueStart - 1 : valueStart }
  }

  public private(set) var fields: [Field] = []
  /// The byte ranges of the elements of the last scanned value when it was an array.
  public private(set) var elements: [Range<Int>] = []
  /// Whether the last scanned value was an object (otherwise `fields` is empty).
  public private(set) var isObject = false

  /// `capacity`: the members expected, so a scanner reused line after line grows once; a
  /// nested object scanned once asks for few.
  public init(capacity: Int = 32) { fields.reserveCapacity(capacity) }

  /// Scans `bytes` as one JSON value (surrounding whitespace allowed).
  /// Throws the first syntax error with line 1 and the character column.
  public mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) {
    fields.removeAll(keepingCapacity: true)
    elements.removeAll(keepingCapacity: true)
    guard let base = bytes.baseAddress, !bytes.isEmpty else {
      throw JSONParseError(line: 1, column: 1, reason: "the line is empty; expected a JSON value")
    }
    var cursor = ScanCursor(base: base, count: bytes.count)
    // Lend the reusable array to the cursor without copying it.
    swap(&cursor.fields, &fields)
    swap(&cursor.elements, &elements)
    defer {
      swap(&cursor.fields, &fields)
      swap(&cursor.elements, &elements)
    }
    cursor.skipSpace()
    if cursor.atEnd { throw cursor.error("the line is empty; expected a JSON value") }
    isObject = cursor.peek == UInt8(ascii: "{")
    _ = try cursor.value(depth: 0)
    cursor.skipSpace()
    if !cursor.atEnd { throw cursor.error("unexpected '\(cursor.printable)' after the JSON value") }
  }

  // The accessors below run for every field of every trace line: `@inlinable` lets the trace
  // readers in another module inline them, as they did when both were one module.

  /// Whether `field`'s key is exactly `name` (an ASCII key without escapes).
  @inlinable @inline(__always)
  public static func key(_ field: Field, in bytes: UnsafeBufferPointer<UInt8>, is name: StaticString) -> Bool {
    let length = field.keyEnd - field.keyStart
    guard !field.keyEscaped, length == name.utf8CodeUnitCount, let base = bytes.baseAddress else { return false }
    return memcmp(base + field.keyStart, name.utf8Start, length) == 0
  }

  /// Whether `field`'s string value is exactly `text` (compared as raw bytes: escapes are not decoded).
  @inlinable @inline(__always)
  public static func stringValue(of field: Field, in bytes: UnsafeBufferPointer<UInt8>, is text: StaticString) -> Bool {
    let length = field.valueEnd - field.valueStart
    guard field.kind == .string, length == text.utf8CodeUnitCount, let base = bytes.baseAddress else { return false }
    return memcmp(base + field.valueStart, text.utf8Start, length) == 0
  }

  /// The integer value of a number field, or of a string field holding one ("412"), which
  /// real exports contain. Integral decimals (`412.0`, `4.12e2`) are accepted.
  @inlinable
  public static func integer(_ field: Field, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard field.kind == .number || (field.kind == .string && !field.valueEscaped), let base = bytes.baseAddress else {
      return nil
    }
    var index = field.valueStart
    let end = field.valueEnd
    guard index < end else { return nil }
    let negative = base[index] == UInt8(ascii: "-")
    if negative { index += 1 }
    var value = 0
    var digits = 0
    while index < end, base[index] &- 0x30 < 10 {
      let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(Int(base[index] &- 0x30))
      if overflow1 || overflow2 { return nil }
      value = sum
      digits += 1
      index += 1
    }
    if index == end, digits > 0 { return negative ? -value : value }
    let text = String(
      decoding: UnsafeBufferPointer(start: base + field.valueStart, count: end - field.valueStart), as: UTF8.self)
    return JSONValue.number(text).intValue
  }

  /// The text of a string field (escapes decoded), or nil for another kind or invalid UTF-8.
  @inlinable
  public static func string(_ field: Field, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
    guard field.kind == .string, let base = bytes.baseAddress else { return nil }
    let raw = UnsafeBufferPointer(start: base + field.valueStart, count: field.valueEnd - field.valueStart)
    if !field.valueEscaped {
      // ASCII needs no validation, and `String(validating:)` is slow on short strings.
      if raw.allSatisfy({ $0 < 0x80 }) { return String(decoding: raw, as: UTF8.self) }
      return String(validating: raw, as: UTF8.self)
    }
    let quoted = UnsafeBufferPointer(start: base + field.valueStart - 1, count: raw.count + 2)
    return (try? JSONParser().parse(quoted))?.stringValue
  }

  /// The field's value as `JSONParser` would make it; only containers and strings with escapes
  /// are parsed. Nil when the value is not valid (a string that is not UTF-8).
  public static func value(_ field: Field, in bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
    guard let base = bytes.baseAddress else { return nil }
    switch field.kind {
    case .null: return .null
    case .bool: return .bool(base[field.valueStart] == UInt8(ascii: "t"))
    case .number:
      return .number(
        String(
          decoding: UnsafeBufferPointer(start: base + field.valueStart, count: field.valueEnd - field.valueStart),
          as: UTF8.self))
    case .string where !field.valueEscaped: return string(field, in: bytes).map(JSONValue.string)
    case .string, .object, .array:
      // A string's range excludes its quotes; the parser needs them.
      let end = field.kind == .string ? field.valueEnd + 1 : field.valueEnd
      return try? JSONParser().parse(UnsafeBufferPointer(start: base + field.start, count: end - field.start))
    }
  }

  /// The value of a `true`/`false` field.
  @inlinable
  public static func bool(_ field: Field, in bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    guard field.kind == .bool, let base = bytes.baseAddress else { return nil }
    return base[field.valueStart] == UInt8(ascii: "t")
  }

  /// The 1-based character column of byte `offset` in a single line.
  public static func column(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var column = 1
    for index in 0..<min(offset, bytes.count) where bytes[index] & 0xC0 != 0x80 { column += 1 }
    return column
  }
}

/// The scanning position; unchecked pointer reads are safe because every read is guarded by
/// `atEnd` or an explicit bound.
private struct ScanCursor {
  let base: UnsafePointer<UInt8>
  let count: Int
  var index = 0
  /// The members of the outermost object (depth 0); deeper objects are only validated.
  var fields: [JSONFieldScanner.Field] = []
  /// The elements of the outermost array (depth 0).
  var elements: [Range<Int>] = []

  init(base: UnsafePointer<UInt8>, count: Int) {
    self.base = base
    self.count = count
  }

  var atEnd: Bool { index >= count }
  var peek: UInt8 { base[index] }

  var printable: String {
    guard !atEnd else { return "end of input" }
    let byte = peek
    if byte >= 0x20 && byte < 0x7F { return String(UnicodeScalar(byte)) }
    let hex = String(byte, radix: 16, uppercase: true)
    return "0x" + (hex.count < 2 ? "0" : "") + hex
  }

  func error(_ reason: String, at position: Int? = nil) -> JSONParseError {
    let buffer = UnsafeBufferPointer(start: base, count: count)
    return JSONParseError(
      line: 1, column: JSONFieldScanner.column(ofByte: position ?? index, in: buffer), reason: reason)
  }

  @inline(__always)
  mutating func skipSpace() {
    while index < count {
      let byte = base[index]
      guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { return }
      index += 1
    }
  }

  mutating func value(depth: Int) throws(JSONParseError) -> JSONFieldScanner.Kind {
    if depth > JSONParser.maximumDepth { throw error("nesting deeper than \(JSONParser.maximumDepth) levels") }
    guard !atEnd else { throw error("unexpected end of input; expected a value") }
    switch peek {
    case UInt8(ascii: "{"):
      try object(depth: depth)
      return .object
    case UInt8(ascii: "["):
      try array(depth: depth)
      return .array
    case UInt8(ascii: "\""):
      _ = try string()
      return .string
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      try number()
      return .number
    default:
      throw error("unexpected '\(printable)'; expected a value")
    }
  }

  /// Scans an object; records its members when it is the outermost value.
  mutating func object(depth: Int) throws(JSONParseError) {
    index += 1
    skipSpace()
    if !atEnd, peek == UInt8(ascii: "}") {
      index += 1
      return
    }
    while true {
      skipSpace()
      guard !atEnd, peek == UInt8(ascii: "\"") else {
        throw error(
          atEnd ? "unexpected end of input; expected a key" : "unexpected '\(printable)'; expected a quoted key")
      }
      let keyStart = index + 1
      let keyEscaped = try string()
      let keyEnd = index - 1
      skipSpace()
      guard !atEnd, peek == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
      index += 1
      skipSpace()
      let valueStart = index
      let kind = try value(depth: depth + 1)
      if depth == 0 {
        let isString = kind == .string
        let escaped =
          isString && memchr(base + valueStart + 1, Int32(UInt8(ascii: "\\")), index - valueStart - 2) != nil
        fields.append(
          JSONFieldScanner.Field(
            keyStart: keyStart, keyEnd: keyEnd, keyEscaped: keyEscaped, kind: kind,
            valueStart: isString ? valueStart + 1 : valueStart, valueEnd: isString ? index - 1 : index,
            valueEscaped: escaped))
      }
      skipSpace()
      guard !atEnd else { throw error("unexpected end of input; expected ',' or '}'") }
      if peek == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if peek == UInt8(ascii: "}") {
        index += 1
        return
      }
      throw error("unexpected '\(printable)'; expected ',' or '}'")
    }
  }

  public mutating func array(depth: Int) throws(JSONParseError) {
    index += 1
    skipSpace()
    if !atEnd, peek == UInt8(ascii: "]") {
      index += 1
      return
    }
    while true {
      skipSpace()
      let start = index
      _ = try value(depth: depth + 1)
      if depth == 0 { elements.append(start..<index) }
      skipSpace()
      guard !atEnd else { throw error("unexpected end of input; expected ',' or ']'") }
      if peek == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if peek == UInt8(ascii: "]") {
        index += 1
        return
      }
      throw error("unexpected '\(printable)'; expected ',' or ']'")
    }
  }

  /// Scans a string starting at its opening quote; returns whether it contains escapes.
  public mutating func string() throws(JSONParseError) -> Bool {
    let start = index
    index += 1
    var escaped = false
    while index < count {
      let byte = base[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return escaped
      }
      if byte == UInt8(ascii: "\\") {
        escaped = true
        guard index + 1 < count else { break }
        switch base[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
          UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          index += 2
        case UInt8(ascii: "u"):
          guard index + 5 < count else { throw error("truncated \\u escape") }
          for offset in 2...5 where !isHexDigit(base[index + offset]) {
            index += offset
            throw error("invalid hex digit '\(printable)' in \\u escape")
          }
          index += 6
        default:
          let escape = base[index + 1]
          throw error("invalid escape '\\\(String(UnicodeScalar(escape)))' in string")
        }
        continue
      }
      if byte < 0x20 {
        let hex = String(byte, radix: 16, uppercase: true)
        throw error(
          "control character in string; escape it as \\u" + String(repeating: "0", count: 4 - hex.count) + hex)
      }
      index += 1
    }
    throw error("unterminated string", at: start)
  }

  private func isHexDigit(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
  }

  public mutating func literal(_ word: StaticString) throws(JSONParseError) {
    let length = word.utf8CodeUnitCount
    guard index + length <= count, memcmp(base + index, word.utf8Start, length) == 0 else {
      throw error("unexpected '\(printable)'; expected a value")
    }
    index += length
  }

  public mutating func number() throws(JSONParseError) {
    if peek == UInt8(ascii: "-") { index += 1 }
    if digits() == 0 { throw error("invalid number: expected a digit") }
    if !atEnd, peek == UInt8(ascii: ".") {
      index += 1
      if digits() == 0 { throw error("invalid number: expected a digit after '.'") }
    }
    if !atEnd, peek | 0x20 == UInt8(ascii: "e") {
      index += 1
      if !atEnd, peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
      if digits() == 0 { throw error("invalid number: expected a digit in the exponent") }
    }
  }

  @inline(__always)
  private mutating func digits() -> Int {
    let from = index
    while index < count, base[index] &- 0x30 < 10 { index += 1 }
    return index - from
  }
}
