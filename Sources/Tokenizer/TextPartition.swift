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
  /// Below this many bytes a part is not worth a thread.
  static let smallestPart = 256 * 1024

  /// Up to `jobs` ranges that tile `text`, near equal in size; one range for a short text or
  /// one without a boundary.
  static func parts(of text: UnsafeBufferPointer<UInt8>, jobs: Int) -> [Range<Int>] {
    let count = min(max(jobs, 1), max(text.count / smallestPart, 1))
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

/// The parts of a text, each given to `transform` on a thread of its own.
struct PartitionedText: @unchecked Sendable {
  // Unchecked: the threads only read the text, and each writes only its own result.
  let text: UnsafeBufferPointer<UInt8>
  let parts: [Range<Int>]

  init(_ text: UnsafeBufferPointer<UInt8>, jobs: Int) {
    self.text = text
    parts = TextPartition.parts(of: text, jobs: jobs)
  }

  /// `transform` of each part, in order.
  func map<T: Sendable>(_ transform: @Sendable (UnsafeBufferPointer<UInt8>) -> T) -> [T] {
    guard parts.count > 1 else { return [transform(text)] }
    let results = Results<T>(count: parts.count)
    DispatchQueue.concurrentPerform(iterations: parts.count) { index in
      results.slots[index] = transform(UnsafeBufferPointer(rebasing: text[parts[index]]))
    }
    return results.slots.compactMap { $0 }
  }

  private final class Results<T>: @unchecked Sendable {
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
