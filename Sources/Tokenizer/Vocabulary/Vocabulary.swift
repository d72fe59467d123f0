/// One encoding's mergeable ranks, built from a `.tiktoken` file (`<base64 of the token> <rank>`
/// a line) into compact tables: all token bytes in one buffer, start and length by rank, and a
/// `RankTable` from bytes to rank. No per-token objects, so building takes milliseconds.
///
/// `@unchecked Sendable`: the buffers are written only in `init` and never again; every
/// method after that reads.
final class Vocabulary: @unchecked Sendable {
  /// Bytes → rank, and the merger that uses it.
  let encoder: BytePairEncoder
  /// One past the highest rank.
  let tokenCount: Int

  private let bytes: UnsafeMutablePointer<UInt8>
  private let starts: UnsafeMutablePointer<UInt32>
  private let lengths: UnsafeMutablePointer<UInt8>
  private let slots: UnsafeMutablePointer<UInt64>
  /// The rank of each single byte (every byte is a token in tiktoken's vocabularies).
  private let byteRanks: UnsafeMutablePointer<UInt32>

  /// Parses `count` bytes of `.tiktoken` text. Lines that are not `<base64> <rank>` with a rank
  /// below the line count are skipped, and a repeated token keeps its first rank; the tests
  /// check that the embedded files have neither.
  init(file: UnsafePointer<UInt8>, count: Int) {
    let parsed = Self.parse(file, count)
    bytes = parsed.bytes
    starts = parsed.starts
    lengths = parsed.lengths
    tokenCount = parsed.tokenCount
    slots = RankTableLayout.build(
      entries: parsed.entries, count: parsed.entryCount, homeBits: parsed.homeBits,
      tokenBytes: bytes, starts: starts, lengths: lengths)
    parsed.entries.deallocate()
    let table = RankTable(slots: slots, homeBits: parsed.homeBits, tokenBytes: bytes, tokenStarts: starts)
    byteRanks = .allocate(capacity: 256)
    for byte in 0..<256 {
      var value = UInt8(byte)
      byteRanks[byte] = table.rank(of: &value, count: 1)
    }
    encoder = BytePairEncoder(ranks: table, byteRanks: byteRanks, longestToken: parsed.longestToken)
  }

  deinit {
    bytes.deallocate()
    starts.deallocate()
    lengths.deallocate()
    slots.deallocate()
    byteRanks.deallocate()
  }

  /// The bytes of the token with this rank, or nil when no token has it.
  func withTokenBytes<R>(_ rank: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
    guard rank >= 0, rank < tokenCount, lengths[rank] > 0 else { return nil }
    return body(UnsafeBufferPointer(start: bytes + Int(starts[rank]), count: Int(lengths[rank])))
  }

  private struct Parsed {
    var bytes: UnsafeMutablePointer<UInt8>
    var starts: UnsafeMutablePointer<UInt32>
    var lengths: UnsafeMutablePointer<UInt8>
    var tokenCount = 0
    var longestToken = 0
    /// `home << 32 | rank` of each token, in rank order.
    var entries: UnsafeMutablePointer<UInt64>
    var entryCount = 0
    var homeBits: Int
  }

  private static func parse(_ source: UnsafePointer<UInt8>, _ length: Int) -> Parsed {
    let lines = countLines(source, length)
    var parsed = Parsed(
      bytes: .allocate(capacity: length / 4 * 3 + 8),
      starts: .allocate(capacity: lines + 1),
      lengths: .allocate(capacity: lines + 1),
      entries: .allocate(capacity: lines + 1),
      homeBits: RankTable.homeBits(for: lines))
    parsed.starts.initialize(repeating: 0, count: lines + 1)
    parsed.lengths.initialize(repeating: 0, count: lines + 1)
    var written = 0
    var position = 0
    Base64Decoder.with { base64 in
      while position < length {
        let decoded = base64.decode(source, from: position, limit: length, into: parsed.bytes + written)
        var end = decoded?.end ?? position
        var rank = 0
        var digits = 0
        if end < length, source[end] == UInt8(ascii: " ") {
          end += 1
          while end < length, source[end] &- UInt8(ascii: "0") < 10, digits < 9 {
            rank = rank * 10 + Int(source[end] &- UInt8(ascii: "0"))
            end += 1
            digits += 1
          }
        }
        var lineEnd = end
        while lineEnd < length, source[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        position = lineEnd + 1
        guard let count = decoded?.count, count > 0, count <= Int(UInt8.max), digits > 0, end == lineEnd,
          rank < lines, rank < 1 << 24, parsed.lengths[rank] == 0
        else { continue }
        parsed.starts[rank] = UInt32(written)
        parsed.lengths[rank] = UInt8(count)
        let home = RankTable.home(of: parsed.bytes + written, count: count, homeBits: parsed.homeBits)
        parsed.entries[parsed.entryCount] = UInt64(home) << 32 | UInt64(rank)
        parsed.entryCount += 1
        written += count
        parsed.tokenCount = max(parsed.tokenCount, rank + 1)
        parsed.longestToken = max(parsed.longestToken, count)
      }
    }
    return parsed
  }

  /// Newlines (plus an unterminated last line), eight bytes at a time.
  private static func countLines(_ source: UnsafePointer<UInt8>, _ length: Int) -> Int {
    let raw = UnsafeRawPointer(source)
    let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    var lines = 0
    var offset = 0
    while offset + 8 <= length {
      let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ newlines
      // The top bit of each byte that is zero in `word`, i.e. '\n' in the text; exact, no carries.
      lines += (~(((word & low7) &+ low7) | word | low7)).nonzeroBitCount
      offset += 8
    }
    while offset < length {
      if source[offset] == UInt8(ascii: "\n") { lines += 1 }
      offset += 1
    }
    if length > 0, source[length - 1] != UInt8(ascii: "\n") { lines += 1 }
    return lines
  }
}
