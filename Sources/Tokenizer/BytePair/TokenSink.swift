#if canImport(Glibc)
  import Glibc
#endif

/// Where the encoder puts token ids: an array for `encode`, a counter for `count`, so counting
/// allocates no ids. The encoder is generic over the sink and specialised for each.
protocol TokenSink {
  /// False when the sink only counts, so the encoder may skip finding the ids.
  static var needsTokens: Bool { get }
  mutating func append(_ token: UInt32)
}

extension TokenSink {
  static var needsTokens: Bool { true }
}

/// Counts tokens.
struct TokenCounter: TokenSink {
  static var needsTokens: Bool { false }
  var count = 0
  @inline(__always) mutating func append(_ token: UInt32) { count += 1 }
}

/// Writes token ids into memory with room for all of them: a text has at most one token per
/// byte, so no capacity check is needed. (An `Array.append` per token checks uniqueness and
/// capacity, which the encoder's loop cannot hoist.)
struct TokenWriter: TokenSink {
  let base: UnsafeMutablePointer<Int>
  var count = 0
  @inline(__always) mutating func append(_ token: UInt32) {
    base[count] = Int(token)
    count += 1
  }

  /// The ids of `byteCount` bytes that `body` writes through a writer, in an array.
  static func ids(byteCount: Int, _ body: (inout TokenWriter) -> Void) -> [Int] {
    let ids = [Int](unsafeUninitializedCapacity: byteCount) { buffer, initialized in
      guard let base = buffer.baseAddress else { return }
      askForHugePages(base, bytes: byteCount * MemoryLayout<Int>.stride)
      var writer = TokenWriter(base: base)
      body(&writer)
      initialized = writer.count
    }
    // A small text's ids are copied to an array of their size, so a caller who keeps many does
    // not keep four times the memory; past a megabyte the unused room is address space the
    // allocator mapped and nobody wrote, which costs no memory, and a copy would.
    return byteCount < 1 << 20 ? ids.withUnsafeBufferPointer { Array($0) } : ids
  }

  /// Large id arrays are written once, front to back: in 2 MB pages the kernel takes one fault
  /// where 4 KB pages take 512 (each costly in a virtual machine). Linux only; elsewhere, and
  /// where transparent huge pages are off, nothing changes.
  private static func askForHugePages(_ base: UnsafeMutablePointer<Int>, bytes: Int) {
    #if os(Linux)
      let huge = 1 << 21
      guard bytes >= 4 * huge else { return }
      let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
      let end = (Int(bitPattern: base) + bytes) & ~(huge - 1)
      guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
      _ = madvise(pointer, end - start, MADV_HUGEPAGE)
    #endif
  }
}
