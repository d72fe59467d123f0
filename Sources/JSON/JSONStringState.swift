/// Whether a byte-by-byte scan of JSON text is inside a string, so structural characters in
/// string contents (`"a,b:{}"`) are not taken for structure. Shared by the stream framer and
/// the minifier, which both see JSON one byte at a time.
struct JSONStringState {
  private(set) var inString = false
  private var escaped = false

  /// Feeds a byte seen outside a string: returns true if it opens one.
  @inline(__always)
  mutating func opens(_ byte: UInt8) -> Bool {
    inString = byte == UInt8(ascii: "\"")
    return inString
  }

  /// Feeds a byte seen inside a string: returns true if it is the closing quote.
  @inline(__always)
  mutating func closes(_ byte: UInt8) -> Bool {
    if escaped {
      escaped = false
    } else if byte == UInt8(ascii: "\\") {
      escaped = true
    } else if byte == UInt8(ascii: "\"") {
      inString = false
      return true
    }
    return false
  }
}
