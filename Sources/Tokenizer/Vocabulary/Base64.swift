/// Standard base64 (RFC 4648, `+/`, `=` padding) decoding of the vocabulary lines.
///
/// Hand-written over raw pointers because Foundation's `Data(base64Encoded:)` would allocate
/// an object per token, 200,000 times, and the vocabulary must be ready in a few milliseconds.
enum Base64 {
  /// 0…63 for alphabet bytes, 0xFF for everything else (including `=`).
  private static let values: [UInt8] = {
    var table = [UInt8](repeating: 0xFF, count: 256)
    for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
      table[Int(byte)] = UInt8(index)
    }
    return table
  }()

  /// Decodes `count` base64 bytes at `source` into `destination`; returns the number of bytes
  /// written, or nil when the text is not base64. `destination` needs `count / 4 * 3` bytes.
  static func decode(_ source: UnsafePointer<UInt8>, count: Int, into destination: UnsafeMutablePointer<UInt8>) -> Int? {
    guard count % 4 == 0 else { return nil }
    var padding = 0
    if count > 0, source[count - 1] == UInt8(ascii: "=") { padding += 1 }
    if count > 1, source[count - 2] == UInt8(ascii: "=") { padding += 1 }
    return values.withUnsafeBufferPointer { table -> Int? in
      var written = 0
      var index = 0
      while index < count {
        let a = table[Int(source[index])]
        let b = table[Int(source[index + 1])]
        let isLast = index + 4 == count
        let c = isLast && padding == 2 ? 0 : table[Int(source[index + 2])]
        let d = isLast && padding >= 1 ? 0 : table[Int(source[index + 3])]
        guard (a | b | c | d) & 0xC0 == 0 else { return nil }
        let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
        destination[written] = UInt8(truncatingIfNeeded: group >> 16)
        destination[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
        destination[written + 2] = UInt8(truncatingIfNeeded: group)
        written += 3
        index += 4
      }
      return written - padding
    }
  }
}
