/// A small recursive-descent JSON parser over UTF-8 bytes.
///
/// `relaxed` mode accepts what config files want (`//` and `/* */` comments, trailing
/// commas); strict mode is plain RFC 8259. Errors carry line and column. Depth is bounded so
/// hostile input cannot overflow the stack.
public struct JSONParser {
  public var relaxed: Bool
  public static let maximumDepth = 512

  public init(relaxed: Bool = false) { self.relaxed = relaxed }

  public func parse(_ text: String) throws -> JSONValue {
    try parse(text.utf8)
  }

  public func parse<C: Collection>(_ bytes: C) throws -> JSONValue where C.Element == UInt8 {
    // Trace lines arrive as buffer slices: parse them in place instead of copying.
    if let value = try bytes.withContiguousStorageIfAvailable({ try parse(buffer: $0) }) { return value }
    return try Array(bytes).withUnsafeBufferPointer { try parse(buffer: $0) }
  }

  private func parse(buffer: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
    var cursor = Cursor(bytes: buffer, relaxed: relaxed)
    if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { cursor.index = 3 }  // UTF-8 BOM
    try cursor.skipSpace()
    if cursor.atEnd { throw cursor.error("the document is empty; expected a JSON value") }
    let value = try cursor.value(depth: 0)
    try cursor.skipSpace()
    if !cursor.atEnd { throw cursor.error("unexpected '\(cursor.printable)' after the JSON value") }
    return value
  }
}

private struct Cursor {
  let bytes: UnsafeBufferPointer<UInt8>
  let relaxed: Bool
  var index = 0
  /// Members and elements of the containers being parsed, innermost last. One buffer shared by
  /// every level means a container is built once at its final size, not grown entry by entry.
  private var pendingMembers: [(key: String, value: JSONValue)] = []
  private var pendingItems: [JSONValue] = []
  /// The decoded bytes of a string with escapes, reused from string to string.
  private var unescaped: [UInt8] = []

  init(bytes: UnsafeBufferPointer<UInt8>, relaxed: Bool) {
    self.bytes = bytes
    self.relaxed = relaxed
    // Room for a typical trace line's members at once, rather than growing entry by entry.
    pendingMembers.reserveCapacity(16)
  }

  var atEnd: Bool { index >= bytes.count }
  var current: UInt8 { bytes[index] }

  var printable: String {
    guard !atEnd else { return "end of input" }
    let byte = current
    return byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : String(format: "0x%02X", byte)
  }

  func error(_ reason: String, at position: Int? = nil) -> JSONParseError {
    let end = min(position ?? index, bytes.count)
    var line = 1
    var lineStart = 0
    for offset in 0..<end where bytes[offset] == 0x0A {
      line += 1
      lineStart = offset + 1
    }
    // Columns count characters, not bytes: skip UTF-8 continuation bytes.
    var column = 1
    for offset in lineStart..<end where bytes[offset] & 0xC0 != 0x80 { column += 1 }
    return JSONParseError(line: line, column: column, reason: reason)
  }

  mutating func skipSpace() throws {
    while !atEnd {
      switch current {
      case 0x20, 0x0A, 0x0D, 0x09:
        index += 1
      case UInt8(ascii: "/") where relaxed && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/"):
        while !atEnd && current != 0x0A { index += 1 }
      case UInt8(ascii: "/") where relaxed && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
        let start = index
        index += 2
        while index + 1 < bytes.count && !(current == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) {
          index += 1
        }
        if index + 1 >= bytes.count { throw error("unterminated /* comment", at: start) }
        index += 2
      default:
        return
      }
    }
  }

  mutating func value(depth: Int) throws -> JSONValue {
    if depth > JSONParser.maximumDepth { throw error("nesting deeper than \(JSONParser.maximumDepth) levels") }
    guard !atEnd else { throw error("unexpected end of input; expected a value") }
    switch current {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw error("unexpected '\(printable)'; expected a value")
    }
  }

  mutating func literal(_ word: StaticString, _ value: JSONValue) throws -> JSONValue {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count,
      word.withUTF8Buffer({ UnsafeBufferPointer(rebasing: bytes[index..<(index + count)]).elementsEqual($0) })
    else {
      throw error("unexpected '\(printable)'; expected a value")
    }
    index += count
    return value
  }

  mutating func number() throws -> JSONValue {
    let start = index
    if current == UInt8(ascii: "-") { index += 1 }
    func digits(_ cursor: inout Cursor) -> Int {
      let from = cursor.index
      while !cursor.atEnd, cursor.current >= 0x30, cursor.current <= 0x39 { cursor.index += 1 }
      return cursor.index - from
    }
    if digits(&self) == 0 { throw error("invalid number: expected a digit", at: index) }
    if !atEnd && current == UInt8(ascii: ".") {
      index += 1
      if digits(&self) == 0 { throw error("invalid number: expected a digit after '.'", at: index) }
    }
    if !atEnd && (current == UInt8(ascii: "e") || current == UInt8(ascii: "E")) {
      index += 1
      if !atEnd && (current == UInt8(ascii: "+") || current == UInt8(ascii: "-")) { index += 1 }
      if digits(&self) == 0 { throw error("invalid number: expected a digit in the exponent", at: index) }
    }
    return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
  }

  mutating func string() throws -> String {
    let start = index
    index += 1
    let contentStart = index
    // The common case, no escapes: the String is made straight from the bytes. ORing them
    // tells whether they are all ASCII, which needs no UTF-8 validation.
    var bits: UInt8 = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<index])
        index += 1
        return bits < 0x80 ? String(decoding: content, as: UTF8.self) : try validated(content, start: start)
      }
      if byte == UInt8(ascii: "\\") { return try escapedString(start: start, contentStart: contentStart) }
      if byte < 0x20 { throw controlCharacter(byte) }
      bits |= byte
      index += 1
    }
    throw error("unterminated string", at: start)
  }

  /// The rest of a string from its first backslash (at `index`).
  private mutating func escapedString(start: Int, contentStart: Int) throws -> String {
    unescaped.removeAll(keepingCapacity: true)
    var runStart = contentStart
    while true {
      guard !atEnd else { throw error("unterminated string", at: start) }
      let byte = current
      if byte == UInt8(ascii: "\"") {
        unescaped.append(contentsOf: bytes[runStart..<index])
        index += 1
        break
      }
      if byte < 0x20 { throw controlCharacter(byte) }
      if byte == UInt8(ascii: "\\") {
        unescaped.append(contentsOf: bytes[runStart..<index])
        index += 1
        guard !atEnd else { throw error("unterminated string", at: start) }
        let escape = current
        index += 1
        switch escape {
        case UInt8(ascii: "\""): unescaped.append(0x22)
        case UInt8(ascii: "\\"): unescaped.append(0x5C)
        case UInt8(ascii: "/"): unescaped.append(0x2F)
        case UInt8(ascii: "b"): unescaped.append(0x08)
        case UInt8(ascii: "f"): unescaped.append(0x0C)
        case UInt8(ascii: "n"): unescaped.append(0x0A)
        case UInt8(ascii: "r"): unescaped.append(0x0D)
        case UInt8(ascii: "t"): unescaped.append(0x09)
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800...0xDBFF).contains(code), index + 1 < bytes.count, current == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
          {
            let save = index
            index += 2
            let low = try hex4()
            if (0xDC00...0xDFFF).contains(low) {
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else {
              index = save
            }
          }
          // Lone surrogates become U+FFFD, as JavaScript-produced logs sometimes contain them.
          UTF8.encode(UnicodeScalar(code) ?? "\u{FFFD}") { unescaped.append($0) }
        default:
          throw error("invalid escape '\\\(String(UnicodeScalar(escape)))' in string", at: index - 2)
        }
        runStart = index
        continue
      }
      index += 1
    }
    return try unescaped.withUnsafeBufferPointer { try validated($0, start: start) }
  }

  private func controlCharacter(_ byte: UInt8) -> JSONParseError {
    error("control character in string; escape it as \\u\(String(format: "%04X", byte))")
  }

  /// `bytes` as a String, or an error at the string's opening quote when they are not UTF-8.
  /// Decoding repairs bad sequences with U+FFFD, so the text is valid exactly when its bytes
  /// are the input's.
  private func validated(_ content: UnsafeBufferPointer<UInt8>, start: Int) throws -> String {
    var text = String(decoding: content, as: UTF8.self)
    guard text.withUTF8({ $0.elementsEqual(content) }) else { throw error("invalid UTF-8 in string", at: start) }
    return text
  }

  mutating func hex4() throws -> UInt32 {
    guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
    var code: UInt32 = 0
    for _ in 0..<4 {
      let byte = current
      let digit: UInt32
      switch byte {
      case 0x30...0x39: digit = UInt32(byte - 0x30)
      case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
      case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
      default: throw error("invalid hex digit '\(printable)' in \\u escape")
      }
      code = code << 4 | digit
      index += 1
    }
    return code
  }

  mutating func array(depth: Int) throws -> JSONValue {
    index += 1
    try skipSpace()
    if !atEnd && current == UInt8(ascii: "]") {
      index += 1
      return .array([])
    }
    let first = pendingItems.count
    while true {
      try skipSpace()
      if relaxed, pendingItems.count > first, !atEnd, current == UInt8(ascii: "]") {
        index += 1
        return .array(popItems(from: first))
      }
      let item = try value(depth: depth + 1)
      pendingItems.append(item)
      try skipSpace()
      guard !atEnd else { throw error("unexpected end of input; expected ',' or ']'") }
      if current == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if current == UInt8(ascii: "]") {
        index += 1
        return .array(popItems(from: first))
      }
      throw error("unexpected '\(printable)'; expected ',' or ']'")
    }
  }

  private mutating func popItems(from first: Int) -> [JSONValue] {
    let items = Array(pendingItems[first...])
    pendingItems.removeSubrange(first...)
    return items
  }

  mutating func object(depth: Int) throws -> JSONValue {
    index += 1
    try skipSpace()
    if !atEnd && current == UInt8(ascii: "}") {
      index += 1
      return .object([:])
    }
    let first = pendingMembers.count
    // Config files reject duplicate keys where they appear; traces (strict) let the last win.
    var keys: Set<String> = []
    while true {
      try skipSpace()
      if relaxed, pendingMembers.count > first, !atEnd, current == UInt8(ascii: "}") {
        index += 1
        return .object(popMembers(from: first))
      }
      guard !atEnd, current == UInt8(ascii: "\"") else {
        throw error(
          atEnd ? "unexpected end of input; expected a key" : "unexpected '\(printable)'; expected a quoted key")
      }
      let keyStart = index
      let key = try string()
      if relaxed, !keys.insert(key).inserted { throw error("duplicate key \"\(key)\"", at: keyStart) }
      try skipSpace()
      guard !atEnd, current == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
      index += 1
      try skipSpace()
      let member = try value(depth: depth + 1)
      pendingMembers.append((key, member))
      try skipSpace()
      guard !atEnd else { throw error("unexpected end of input; expected ',' or '}'") }
      if current == UInt8(ascii: ",") {
        index += 1
        continue
      }
      if current == UInt8(ascii: "}") {
        index += 1
        return .object(popMembers(from: first))
      }
      throw error("unexpected '\(printable)'; expected ',' or '}'")
    }
  }

  /// The members pending since `first`, in order; a repeated key keeps its first place and last value.
  private mutating func popMembers(from first: Int) -> JSONObject {
    let members = JSONObject(pendingMembers[first...].lazy.map { (key: $0.0, value: $0.1) })
    pendingMembers.removeSubrange(first...)
    return members
  }
}
