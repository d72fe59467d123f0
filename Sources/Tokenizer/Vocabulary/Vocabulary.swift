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

  /// Parses `file`. Lines that are not `<base64> <rank>` with a rank below the line count are
  /// skipped; the test suite checks the embedded files' hashes and sizes, so none are expected.
  init(file source: UnsafePointer<UInt8>, count length: Int) {
    var lines = 0
    for offset in 0..<length where source[offset] == UInt8(ascii: "\n") { lines += 1 }
    if length > 0, source[length - 1] != UInt8(ascii: "\n") { lines += 1 }

    bytes = .allocate(capacity: length / 4 * 3 + 8)
    starts = .allocate(capacity: lines + 1)
    starts.initialize(repeating: 0, count: lines + 1)
    lengths = .allocate(capacity: lines + 1)
    lengths.initialize(repeating: 0, count: lines + 1)

    var written = 0
    var highest = -1
    var longest = 0
    var position = 0
    while position < length {
      let lineStart = position
      var space = position
      while space < length, source[space] != UInt8(ascii: " "), source[space] != UInt8(ascii: "\n") { space += 1 }
      var end = space
      var rank = 0
      var digits = 0
      if space < length, source[space] == UInt8(ascii: " ") {
        end += 1
        while end < length, source[end] &- UInt8(ascii: "0") < 10, digits < 10 {
          rank = rank * 10 + Int(source[end] &- UInt8(ascii: "0"))
          end += 1
          digits += 1
        }
      }
      var lineEnd = end
      while lineEnd < length, source[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
      position = lineEnd + 1
      guard digits > 0, end == lineEnd, rank < lines,
        let count = Base64.decode(source + lineStart, count: space - lineStart, into: bytes + written),
        count > 0, count <= Int(UInt8.max)
      else { continue }
      starts[rank] = UInt32(written)
      lengths[rank] = UInt8(count)
      written += count
      highest = max(highest, rank)
      longest = max(longest, count)
    }

    tokenCount = highest + 1
    let capacity = RankTable.capacity(for: tokenCount)
    slots = .allocate(capacity: 2 * capacity)
    slots.initialize(repeating: 0, count: 2 * capacity)
    let table = RankTable(slots: slots, capacity: capacity, tokenBytes: bytes, tokenStarts: starts)
    for rank in 0..<tokenCount where lengths[rank] > 0 {
      table.insert(bytes + Int(starts[rank]), count: Int(lengths[rank]), rank: UInt32(rank))
    }
    byteRanks = .allocate(capacity: 256)
    for byte in 0..<256 {
      var value = UInt8(byte)
      byteRanks[byte] = table.rank(of: &value, count: 1)
    }
    encoder = BytePairEncoder(ranks: table, byteRanks: byteRanks, longestToken: longest)
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
}
