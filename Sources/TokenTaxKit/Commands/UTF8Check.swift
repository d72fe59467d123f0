/// Whether bytes are text `count` can encode: UTF-8 without NUL, checked 32 bytes at a time
/// so a 10 MB file costs a millisecond or two, with the same byte offsets in its answers as
/// decoding scalar by scalar would give.
enum UTF8Check {
  /// The first problem, or nil for valid text. A NUL anywhere is reported before invalid
  /// UTF-8: it means a binary (or UTF-16) file, whatever comes first. A text of megabytes is
  /// checked on up to `jobs` threads.
  static func problem(in bytes: UnsafeRawBufferPointer, jobs: Int = 1) -> CountInputError.Problem? {
    guard let invalid = firstInvalidOffset(bytes, jobs: jobs) else { return nil }
    if let nul = bytes.firstIndex(of: 0) { return .binary(byteOffset: nul) }
    return .invalidUTF8(byteOffset: invalid)
  }

  /// Below this many bytes a chunk is not worth a thread.
  static let smallestChunk = 1 << 20

  /// Chunks start at a byte that is no continuation byte, where a pass from the start would
  /// begin a scalar if all before were valid; so the first chunk with a problem has the
  /// problem a single pass would find, at the same offset.
  static func firstInvalidOffset(
    _ bytes: UnsafeRawBufferPointer, jobs: Int, smallestChunk: Int = smallestChunk
  ) -> Int? {
    let count = min(max(jobs, 1), max(bytes.count / smallestChunk, 1))
    guard count > 1 else { return firstInvalidOffset(bytes) }
    var starts = [0]
    for index in 1..<count {
      var start = max(bytes.count / count * index, starts[starts.count - 1])
      while start < bytes.count, bytes[start] & 0xC0 == 0x80 { start += 1 }
      starts.append(start)
    }
    let chunks = zip(starts, starts.dropFirst() + [bytes.count]).map { $0..<$1 }
    let text = SharedBytes(bytes: bytes)
    let offsets = Parallel.map(chunks) { chunk in
      firstInvalidOffset(UnsafeRawBufferPointer(rebasing: text.bytes[chunk])).map { chunk.lowerBound + $0 }
    }
    return offsets.lazy.compactMap { $0 }.first
  }

  /// Bytes the checking threads only read.
  private struct SharedBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
  }

  /// The offset of the first scalar that is not valid UTF-8 or is NUL, or nil.
  private static func firstInvalidOffset(_ bytes: UnsafeRawBufferPointer) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    let count = bytes.count
    let high: UInt64 = 0x8080_8080_8080_8080
    let ones: UInt64 = 0x0101_0101_0101_0101
    // A byte of 0x80 or more, or a zero byte, sets a high bit of `flagged`'s word.
    @inline(__always) func flagged(_ word: UInt64) -> UInt64 { word | ((word &- ones) & ~word) }
    var offset = 0
    while offset < count {
      // All ASCII and no zero byte: the common case, 32 bytes at once, then 8.
      while offset + 32 <= count {
        let words = (
          base.loadUnaligned(fromByteOffset: offset, as: UInt64.self),
          base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self),
          base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self),
          base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)
        )
        guard (flagged(words.0) | flagged(words.1) | flagged(words.2) | flagged(words.3)) & high == 0 else { break }
        offset += 32
      }
      if offset == count { break }
      if offset + 8 <= count, flagged(base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) & high == 0 {
        offset += 8
        continue
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
