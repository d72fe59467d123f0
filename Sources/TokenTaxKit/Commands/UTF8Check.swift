/// Whether bytes are text `count` can encode: UTF-8 without NUL, checked eight bytes at a time
/// so a 10 MB file costs a few milliseconds, with the same byte offsets in its answers as
/// decoding scalar by scalar would give.
enum UTF8Check {
  /// The first problem, or nil for valid text. A NUL anywhere is reported before invalid
  /// UTF-8: it means a binary (or UTF-16) file, whatever comes first.
  static func problem(in bytes: UnsafeRawBufferPointer) -> CountInputError.Problem? {
    guard let invalid = firstInvalidOffset(bytes) else { return nil }
    if let nul = bytes.firstIndex(of: 0) { return .binary(byteOffset: nul) }
    return .invalidUTF8(byteOffset: invalid)
  }

  /// The offset of the first scalar that is not valid UTF-8 or is NUL, or nil.
  private static func firstInvalidOffset(_ bytes: UnsafeRawBufferPointer) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    let count = bytes.count
    let high: UInt64 = 0x8080_8080_8080_8080
    let ones: UInt64 = 0x0101_0101_0101_0101
    var offset = 0
    while offset < count {
      if offset + 8 <= count {
        let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        // All ASCII and no zero byte: the common case, eight bytes at once.
        if word & high == 0, (word &- ones) & ~word & high == 0 {
          offset += 8
          continue
        }
      }
      let length = scalarLength(base.assumingMemoryBound(to: UInt8.self), offset, count)
      if length == 0 { return offset }
      offset += length
    }
    return nil
  }

  /// The length of the valid, non-NUL scalar at `offset`, or 0 (RFC 3629: no overlong forms,
  /// no surrogates, nothing above U+10FFFF).
  @inline(__always)
  private static func scalarLength(_ bytes: UnsafePointer<UInt8>, _ offset: Int, _ count: Int) -> Int {
    let lead = bytes[offset]
    if lead < 0x80 { return lead == 0 ? 0 : 1 }
    func continuation(_ index: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
      offset + index < count && bytes[offset + index] >= low && bytes[offset + index] <= high
    }
    switch lead {
    case 0xC2...0xDF: return continuation(1) ? 2 : 0
    case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
    case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
    case 0xE1...0xEF: return continuation(1) && continuation(2) ? 3 : 0
    case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
    case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
    default: return 0
    }
  }
}
