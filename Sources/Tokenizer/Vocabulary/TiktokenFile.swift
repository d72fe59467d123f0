/// A `.tiktoken` file parsed into flat buffers: all token bytes in one buffer, start and length
/// by rank, and each token's `home << 32 | rank` for `RankTableLayout`. Only the generator of
/// `VocabularyTables` parses; the binary embeds the result.
struct TiktokenFile {
  var bytes: UnsafeMutablePointer<UInt8>
  var byteCount = 0
  var starts: UnsafeMutablePointer<UInt32>
  var lengths: UnsafeMutablePointer<UInt8>
  var tokenCount = 0
  var longestToken = 0
  /// `home << 32 | rank` of each token, in rank order.
  var entries: UnsafeMutablePointer<UInt64>
  var entryCount = 0
  var homeBits: Int

  func release() {
    bytes.deallocate()
    starts.deallocate()
    lengths.deallocate()
    entries.deallocate()
  }

  static func parse(_ source: UnsafePointer<UInt8>, _ length: Int) -> TiktokenFile {
    let lines = countLines(source, length)
    var parsed = TiktokenFile(
      bytes: .allocate(capacity: length / 4 * 3 + 8),
      starts: .allocate(capacity: lines + 1),
      lengths: .allocate(capacity: lines + 1),
      entries: .allocate(capacity: lines + 1),
      homeBits: RankTable.homeBits(for: lines))
    parsed.starts.initialize(repeating: 0, count: lines + 1)
    parsed.lengths.initialize(repeating: 0, count: lines + 1)
    var position = 0
    Base64Decoder.with { base64 in
      while position < length {
        let decoded = base64.decode(source, from: position, limit: length, into: parsed.bytes + parsed.byteCount)
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
        parsed.starts[rank] = UInt32(parsed.byteCount)
        parsed.lengths[rank] = UInt8(count)
        let home = RankTable.home(of: parsed.bytes + parsed.byteCount, count: count, homeBits: parsed.homeBits)
        parsed.entries[parsed.entryCount] = UInt64(home) << 32 | UInt64(rank)
        parsed.entryCount += 1
        parsed.byteCount += count
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
