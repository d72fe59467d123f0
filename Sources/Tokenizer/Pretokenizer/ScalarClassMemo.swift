/// A direct-mapped memo of non-ASCII scalars' classes for one encode call: the Unicode
/// property look-ups cost far more than the pre-tokenizer's own work, and a text's scalars
/// repeat (a script's letters, CJK's common ideographs). Private to one call, so no locking.
struct ScalarClassMemo {
  /// `scalar << 8 | class bits`, indexed by the scalar's low bits; 0 is empty (the scalar 0
  /// is ASCII and never memoised).
  private let entries: UnsafeMutablePointer<UInt32>
  private static let capacity = 4096

  static func with<R>(_ body: (ScalarClassMemo) -> R) -> R {
    let entries = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
    entries.initialize(repeating: 0, count: capacity)
    defer { entries.deallocate() }
    return body(ScalarClassMemo(entries: entries))
  }

  @inline(__always)
  func classify(_ value: UInt32) -> ScalarClass {
    let slot = Int(value) & (Self.capacity - 1)
    let entry = entries[slot]
    if entry >> 8 == value { return ScalarClass(bits: UInt8(truncatingIfNeeded: entry)) }
    let kind = ScalarClass.of(value)
    entries[slot] = value << 8 | UInt32(kind.bits)
    return kind
  }
}
