/// One encoding's vocabulary tables in one flat blob, laid out for direct use: the binary embeds
/// the blob (`Sources/VocabData/*.tables`) and `Vocabulary` reads it in place, so start-up
/// parses nothing and builds nothing — the pages a count touches are all it costs.
///
/// The blob is generated from the official `.tiktoken` file by `VocabularyTables.make`, and a
/// test regenerates it and compares byte for byte (`RECORD_VOCAB_TABLES=1` rewrites it).
/// Layout, native little-endian words (every platform Swift ships on):
///
/// | offset | contents |
/// |---|---|
/// | 0 | header: 8 × `UInt32` — magic, tokenCount, longestToken, homeBits, slotCount, byteCount, 0, 0 |
/// | 32 | `RankTable` slots: slotCount × 2 × `UInt64` |
/// | … | token starts by rank: tokenCount × `UInt32` |
/// | … | rank of each single byte: 256 × `UInt32` |
/// | … | token lengths by rank: tokenCount × `UInt8` |
/// | … | all token bytes: byteCount bytes, then 8 zero bytes |
///
/// `@unchecked Sendable`: a view of memory nobody writes after it is made (the embedded
/// constants, or a blob its `Vocabulary` owns).
struct VocabularyTables: @unchecked Sendable {
  /// "TTV1", read as a little-endian word; a blob from another format version is rejected.
  static let magic: UInt32 = 0x3156_5454
  static let headerSize = 32

  let tokenCount: Int
  let longestToken: Int
  let homeBits: Int
  let slots: UnsafePointer<UInt64>
  let starts: UnsafePointer<UInt32>
  let byteRanks: UnsafePointer<UInt32>
  let lengths: UnsafePointer<UInt8>
  let bytes: UnsafePointer<UInt8>

  /// The total size of a blob with these counts.
  static func size(tokenCount: Int, slotCount: Int, byteCount: Int) -> Int {
    headerSize + 16 * slotCount + 4 * tokenCount + 4 * 256 + tokenCount + byteCount + 8
  }

  init(
    tokenCount: Int, longestToken: Int, homeBits: Int, slots: UnsafePointer<UInt64>, starts: UnsafePointer<UInt32>,
    byteRanks: UnsafePointer<UInt32>, lengths: UnsafePointer<UInt8>, bytes: UnsafePointer<UInt8>
  ) {
    self.tokenCount = tokenCount
    self.longestToken = longestToken
    self.homeBits = homeBits
    self.slots = slots
    self.starts = starts
    self.byteRanks = byteRanks
    self.lengths = lengths
    self.bytes = bytes
  }

  /// A view of `blob` (16-byte aligned), or nil when its header does not describe it.
  init?(blob: UnsafeRawBufferPointer) {
    guard let base = blob.baseAddress, blob.count >= Self.headerSize, Int(bitPattern: base) % 16 == 0 else {
      return nil
    }
    let header = base.assumingMemoryBound(to: UInt32.self)
    let tokenCount = Int(header[1])
    let slotCount = Int(header[4])
    let byteCount = Int(header[5])
    guard header[0] == Self.magic, header[2] < 256, header[3] < 32,
      blob.count == Self.size(tokenCount: tokenCount, slotCount: slotCount, byteCount: byteCount)
    else { return nil }
    self.tokenCount = tokenCount
    longestToken = Int(header[2])
    homeBits = Int(header[3])
    var offset = Self.headerSize
    slots = (base + offset).assumingMemoryBound(to: UInt64.self)
    offset += 16 * slotCount
    starts = (base + offset).assumingMemoryBound(to: UInt32.self)
    offset += 4 * tokenCount
    byteRanks = (base + offset).assumingMemoryBound(to: UInt32.self)
    offset += 4 * 256
    lengths = (base + offset).assumingMemoryBound(to: UInt8.self)
    offset += tokenCount
    bytes = (base + offset).assumingMemoryBound(to: UInt8.self)
  }

  /// The blob for `count` bytes of `.tiktoken` text (`<base64 of the token> <rank>` a line).
  /// Lines that are not `<base64> <rank>` with a rank below the line count are skipped, and a
  /// repeated token keeps its first rank; the tests check that the official files have neither.
  static func make(tiktoken source: UnsafePointer<UInt8>, count: Int) -> [UInt8] {
    let parsed = TiktokenFile.parse(source, count)
    defer { parsed.release() }
    let layout = RankTableLayout.build(
      entries: parsed.entries, count: parsed.entryCount, homeBits: parsed.homeBits,
      tokenBytes: parsed.bytes, starts: parsed.starts, lengths: parsed.lengths)
    defer { layout.slots.deallocate() }
    let table = RankTable(
      slots: layout.slots, homeBits: parsed.homeBits, tokenBytes: parsed.bytes, tokenStarts: parsed.starts)

    var blob: [UInt8] = []
    blob.reserveCapacity(size(tokenCount: parsed.tokenCount, slotCount: layout.slotCount, byteCount: parsed.byteCount))
    func append<T: FixedWidthInteger>(_ value: T) {
      withUnsafeBytes(of: value.littleEndian) { blob.append(contentsOf: $0) }
    }
    for word in [
      magic, UInt32(parsed.tokenCount), UInt32(parsed.longestToken), UInt32(parsed.homeBits),
      UInt32(layout.slotCount), UInt32(parsed.byteCount), 0, 0,
    ] {
      append(word)
    }
    for index in 0..<(2 * layout.slotCount) { append(layout.slots[index]) }
    for rank in 0..<parsed.tokenCount { append(parsed.starts[rank]) }
    for byte in 0..<256 {
      var value = UInt8(byte)
      append(table.rank(of: &value, count: 1))
    }
    blob.append(contentsOf: UnsafeBufferPointer(start: parsed.lengths, count: parsed.tokenCount))
    blob.append(contentsOf: UnsafeBufferPointer(start: parsed.bytes, count: parsed.byteCount))
    blob.append(contentsOf: repeatElement(0, count: 8))
    return blob
  }
}
