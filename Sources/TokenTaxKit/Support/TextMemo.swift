import Foundation

/// Results of pure functions of a text (a tokenizer count, a parsed template, a value read out
/// of a Python module), kept for the rest of the process.
///
/// `check` reads every feature at both revisions and most prompt files did not change between
/// them: hashing a text is far cheaper than reading it again. Texts shorter than `minimumBytes`
/// are not kept (recomputing is as cheap as hashing), and the memo stops growing once the texts
/// it holds pass `capacityBytes`. Failures are not kept: they end the command anyway.
final class TextMemo<Key: Hashable, Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Key: Value] = [:]
  private var storedBytes = 0
  private let minimumBytes: Int
  private let capacityBytes: Int

  init(minimumBytes: Int = 256, capacityBytes: Int = 64 << 20) {
    self.minimumBytes = minimumBytes
    self.capacityBytes = capacityBytes
  }

  /// The value for `key`, computed by `compute` the first time; `bytes` is the size of the
  /// text the key holds.
  func value(for key: Key, bytes: Int, compute: () throws -> Value) rethrows -> Value {
    guard bytes >= minimumBytes else { return try compute() }
    lock.lock()
    let known = values[key]
    lock.unlock()
    if let known { return known }
    let value = try compute()
    lock.lock()
    if storedBytes + bytes <= capacityBytes, values.updateValue(value, forKey: key) == nil {
      storedBytes += bytes
    }
    lock.unlock()
    return value
  }
}
