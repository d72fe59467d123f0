/// The byte-level state machine that finds where each top-level JSON value of a stream ends,
/// so a document of concatenated or pretty-printed values (or one big array of them) can be
/// parsed one value at a time.
///
/// Offsets are absolute positions in the stream; lines and columns are 1-based (columns count
/// characters, not bytes).
struct ValueFramer {
  /// A complete value: `start..<end` in stream offsets, starting at `line`:`column`.
  struct Value: Equatable {
    var start: Int
    var end: Int
    var line: Int
    var column: Int
  }

  /// Where the value being framed started.
  struct Open: Equatable {
    var offset: Int
    var line: Int
    var column: Int
  }

  private(set) var openValue: Open?
  private var depth = 0
  private var string = JSONStringState()
  /// A bare scalar (number or literal) at record depth is open.
  private var inScalar = false
  /// Whether the stream's first value is an array whose elements are the records.
  private var unwrapping: Bool?
  private var line = 1
  private var column = 1

  /// Feeds the byte at stream offset `offset`; returns the value it completed, if any.
  mutating func step(_ byte: UInt8, at offset: Int) -> Value? {
    defer { advance(byte) }
    if string.inString {
      if string.closes(byte), depth == recordDepth { return close(at: offset + 1) }
      return nil
    }
    let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    let isCloser = byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
    var completed: Value?
    if inScalar {
      guard isSpace || isCloser || byte == UInt8(ascii: ",") else { return nil }
      inScalar = false
      completed = close(at: offset)
    }
    switch byte {
    case UInt8(ascii: "["), UInt8(ascii: "{"):
      if unwrapping == nil, byte == UInt8(ascii: "[") {
        unwrapping = true
        depth = 1
        return completed
      }
      unwrapping = unwrapping ?? false
      if depth == recordDepth { open(at: offset) }
      depth += 1
    case UInt8(ascii: "]"), UInt8(ascii: "}"):
      if depth == recordDepth {
        if unwrapping == true, byte == UInt8(ascii: "]") {
          // The outer array closed; anything after it is framed as top-level values.
          unwrapping = false
          depth = 0
          return completed
        }
        // A closer with nothing open: hand it to the parser, which reports its position.
        return completed ?? Value(start: offset, end: offset + 1, line: line, column: column)
      }
      depth -= 1
      if depth == recordDepth, openValue != nil { return close(at: offset + 1) }
    case UInt8(ascii: "\""):
      unwrapping = unwrapping ?? false
      _ = string.opens(byte)
      if depth == recordDepth { open(at: offset) }
    case UInt8(ascii: ","):
      break
    default:
      if isSpace { break }
      unwrapping = unwrapping ?? false
      if depth == recordDepth, openValue == nil {
        open(at: offset)
        inScalar = true
      }
    }
    return completed
  }

  private var recordDepth: Int { unwrapping == true ? 1 : 0 }

  private mutating func open(at offset: Int) {
    openValue = Open(offset: offset, line: line, column: column)
  }

  private mutating func close(at end: Int) -> Value? {
    guard let open = openValue else { return nil }
    openValue = nil
    return Value(start: open.offset, end: end, line: open.line, column: open.column)
  }

  private mutating func advance(_ byte: UInt8) {
    if byte == 0x0A {
      line += 1
      column = 1
    } else if byte & 0xC0 != 0x80 {
      column += 1
    }
  }
}
