/// Standard base64 (RFC 4648: `+/` alphabet, `=` padding), decoded in place while the
/// vocabulary is parsed: no intermediate strings or `Data`, because 200,000 tokens must be
/// ready in a few milliseconds.
struct Base64Decoder {
  /// 0…63 for alphabet bytes, 0xFF for every other byte (`=`, space, newline …).
  private let values: UnsafeBufferPointer<UInt8>

  private static let table: [UInt8] = {
    var table = [UInt8](repeating: 0xFF, count: 256)
    for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
      table[Int(byte)] = UInt8(index)
    }
    return table
  }()

  /// Runs `body` with a decoder whose table stays valid for the call.
  static func with<R>(_ body: (Base64Decoder) -> R) -> R {
    table.withUnsafeBufferPointer { body(Base64Decoder(values: $0)) }
  }

  /// Decodes from `start` up to the first byte outside the alphabet that does not belong to
  /// padding (the space before a rank), reading no further than `limit`. Returns the number of
  /// bytes written and the offset where decoding stopped, or nil for a malformed group.
  /// `destination` needs room for three bytes per four characters.
  @inline(__always)
  func decode(
    _ source: UnsafePointer<UInt8>, from start: Int, limit: Int, into destination: UnsafeMutablePointer<UInt8>
  )
    -> (count: Int, end: Int)?
  {
    var position = start
    var written = 0
    while position + 4 <= limit {
      let a = values[Int(source[position])]
      let b = values[Int(source[position + 1])]
      let c = values[Int(source[position + 2])]
      let d = values[Int(source[position + 3])]
      if a | b | c | d < 64 {
        let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
        destination[written] = UInt8(truncatingIfNeeded: group >> 16)
        destination[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
        destination[written + 2] = UInt8(truncatingIfNeeded: group)
        written += 3
        position += 4
        continue
      }
      if a == 0xFF { return (written, position) }  // the end of the base64 text
      // The last group, padded: "xx==" or "xxx=".
      let padding = UInt8(ascii: "=")
      guard b < 64, source[position + 3] == padding else { return nil }
      destination[written] = a << 2 | b >> 4
      if source[position + 2] == padding { return (written + 1, position + 4) }
      guard c < 64 else { return nil }
      destination[written + 1] = b << 4 | c >> 2
      return (written + 2, position + 4)
    }
    return position == limit || values[Int(source[position])] == 0xFF ? (written, position) : nil
  }
}
