import Foundation

/// Independent pieces of work on all cores, results in input order: the base and head sides of a
/// trace comparison, the files of a summary.
enum Parallel {
  /// `transform` of each element, computed concurrently; the first error in input order is
  /// thrown, as a loop would.
  static func map<T: Sendable, U: Sendable, E: Error>(
    _ items: [T], _ transform: @Sendable (T) throws(E) -> U
  ) throws(E) -> [U] {
    guard items.count > 1 else { return try items.map(transform) }
    let results = Slots<Result<U, E>>(count: items.count)
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
      results.slots[index] = Result { () throws(E) -> U in try transform(items[index]) }
    }
    // Every slot is filled: concurrentPerform returns after its last iteration.
    var values: [U] = []
    values.reserveCapacity(items.count)
    for case let result? in results.slots { values.append(try result.get()) }
    return values
  }

  /// Each slot is written by one iteration only, and read after all of them end.
  private final class Slots<T>: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
      slots = .allocate(capacity: count)
      slots.initialize(repeating: nil)
    }
    deinit {
      slots.deinitialize()
      slots.deallocate()
    }
  }
}
