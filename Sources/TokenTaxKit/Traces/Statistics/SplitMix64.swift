/// A small seeded random number generator (SplitMix64): the same seed gives the same
/// resamples on every machine, so reports are byte-identical (docs/design.md). Public so the
/// benchmark generates its inputs with the same generator.
public struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return StableHash.mix(state &- 0x9E37_79B9_7F4A_7C15)
  }

  /// A uniform index in `0..<count` (Lemire's multiply-shift; the bias is below 2⁻³² here).
  @inline(__always)
  mutating func index(below count: Int) -> Int {
    Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(count)).high)
  }
}
