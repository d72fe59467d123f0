import Foundation

/// Reuses the `String` of a byte sequence seen on recent lines: a trace file names a handful
/// of features and models millions of times, and building each anew is the hot path's cost.
struct StringInterner {
  private var entries: [(bytes: [UInt8], string: String)] = []
  private var next = 0
  private let capacity = 32

  /// The string for `bytes`, made by `make` the first time.
  mutating func string<Failure>(_ bytes: UnsafeBufferPointer<UInt8>, make: () throws(Failure) -> String?)
    throws(Failure) -> String?
  {
    guard let base = bytes.baseAddress else { return try make() }
    for entry in entries where entry.bytes.count == bytes.count {
      let same = entry.bytes.withUnsafeBufferPointer { stored in
        stored.baseAddress.map { memcmp($0, base, bytes.count) == 0 } ?? true
      }
      if same { return entry.string }
    }
    guard let made = try make() else { return nil }
    if entries.count < capacity {
      entries.append((Array(bytes), made))
    } else {
      entries[next] = (Array(bytes), made)
      next = (next + 1) % capacity
    }
    return made
  }
}
