/// A 64-bit hash that is the same on every machine and run (Swift's `Hasher` is seeded per
/// process): FNV-1a over the bytes, finished with the SplitMix64 mixer so nearby inputs
/// spread over the whole range.
struct StableHash {
  private(set) var state: UInt64 = 0xCBF2_9CE4_8422_2325

  init() {}

  init(_ text: String) { combine(text) }

  mutating func combine(_ text: String) {
    for byte in text.utf8 { combine(byte) }
    combine(UInt8(0xFF))  // a separator, so ("ab","c") and ("a","bc") differ
  }

  mutating func combine(_ number: Int) {
    state = Self.mix(state ^ UInt64(bitPattern: Int64(number)))
  }

  @inline(__always)
  mutating func combine(_ byte: UInt8) {
    state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
  }

  var value: UInt64 { Self.mix(state) }

  static func mix(_ input: UInt64) -> UInt64 {
    var z = input &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
