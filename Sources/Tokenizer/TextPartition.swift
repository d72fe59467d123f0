import Dispatch

/// Cuts a long text into parts that encode to the same ids separately as together, for
/// encoding on several threads.
///
/// A part ends just after a `\n` that is followed by an ASCII letter. No alternative of either
/// pre-tokenizer pattern matches a newline followed by a letter (a word's optional first
/// character excludes `\r` and `\n`; whitespace and punctuation runs stop before letters), so
/// a piece always ends there. The piece that ends there is the same when the text ends there
/// too: its whitespace run ends at its last newline either way, and a punctuation run takes
/// the newlines greedily. No special token contains a newline. And a match depends only on
/// the text after its start, so the next part's pieces are the same as well.
enum TextPartition {
  /// Below this many bytes a part is not worth handing to a thread.
  static let smallestPart = 256 * 1024
  /// Parts per thread: threads that take the next free part as they finish even out a part
  /// that costs more than its size says, or a core the machine lends elsewhere for a while.
  static let partsPerJob = 8

  /// Up to `count` ranges that tile `text`, near equal in size and none below `smallestPart`;
  /// one range for a short text or one without a boundary.
  static func parts(of text: UnsafeBufferPointer<UInt8>, count wanted: Int) -> [Range<Int>] {
    let count = min(max(wanted, 1), max(text.count / smallestPart, 1))
    guard count > 1, let base = text.baseAddress else { return [0..<text.count] }
    var parts: [Range<Int>] = []
    var start = 0
    for index in 1..<count {
      let target = max(text.count / count * index, start)
      var position = target
      let limit = min(text.count, target + text.count / count)
      // The boundary nearest after the even split: mostly a few lines away.
      while position + 1 < limit, !(base[position] == UInt8(ascii: "\n") && isASCIILetter(base[position + 1])) {
        position += 1
      }
      guard position + 1 < limit else { continue }
      parts.append(start..<(position + 1))
      start = position + 1
    }
    parts.append(start..<text.count)
    return parts
  }

  @inline(__always)
  private static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- UInt8(ascii: "a") < 26 }
}

/// The parts of a text, encoded on up to `jobs` threads that each take the next part not yet
/// taken.
struct PartitionedText: @unchecked Sendable {
  // Unchecked: the threads only read the text, and each writes only the results of the parts
  // it took.
  let text: UnsafeBufferPointer<UInt8>
  let parts: [Range<Int>]
  let jobs: Int

  init(_ text: UnsafeBufferPointer<UInt8>, jobs: Int) {
    self.text = text
    self.jobs = max(jobs, 1)
    parts = TextPartition.parts(of: text, count: self.jobs == 1 ? 1 : self.jobs * TextPartition.partsPerJob)
  }

  /// `transform` of each part, in order. Each thread calls `session` once and transforms every
  /// part it takes inside it, with the state `session` lends (caches warm from its earlier
  /// parts), so that state is set up once a thread, not once a part.
  func map<State, T: Sendable>(
    session: @Sendable (_ body: (State) -> Void) -> Void,
    _ transform: @Sendable (UnsafeBufferPointer<UInt8>, State) -> T
  ) -> [T] {
    // Both closures run before `map` returns; the threads only need them as values.
    withoutActuallyEscaping(session) { session in
      withoutActuallyEscaping(transform) { transform in
        // One part stays on this thread, without the queue that shares parts out.
        guard parts.count > 1 else {
          var result: [T] = []
          session { result = [transform(text, $0)] }
          return result
        }
        let results = Results<T>(count: parts.count)
        DispatchQueue.concurrentPerform(iterations: min(jobs, parts.count)) { _ in
          session { state in
            while let index = results.take() {
              results.slots[index] = transform(UnsafeBufferPointer(rebasing: text[parts[index]]), state)
            }
          }
        }
        return results.slots.compactMap { $0 }
      }
    }
  }

  private final class Results<T>: @unchecked Sendable {
    // Unchecked: `next` is read and advanced on `queue` only, and each slot is written by the
    // one thread that took its index.
    let slots: UnsafeMutableBufferPointer<T?>
    private var next = 0
    private let queue = DispatchQueue(label: "tokentax.text-parts")

    init(count: Int) {
      slots = .allocate(capacity: count)
      slots.initialize(repeating: nil)
    }

    /// The index of a part no thread has taken yet, or nil when all are taken.
    func take() -> Int? {
      queue.sync {
        guard next < slots.count else { return nil }
        defer { next += 1 }
        return next
      }
    }

    deinit {
      slots.deinitialize()
      slots.deallocate()
    }
  }
}
