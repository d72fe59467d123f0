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
/// | 0 | header: 8 × `UInt32` — magic, tokenCount, longestToken, homeBits, slotCount, byteCount, filterBits, 0 |
/// | 32 | `RankTable` slots: slotCount × 2 × `UInt64` |
/// | … | token starts by rank: tokenCount × `UInt32` |
/// | … | rank of each single byte: 256 × `UInt32` |
/// | … | `MergeTables`: next prefix, split left, split right by rank: 3 × tokenCount × `UInt32` |
/// | … | `MergeTables` prefix filter: 2^filterBits bits as `UInt64` words |
/// | … | token lengths by rank: tokenCount × `UInt8` |
/// | … | all token bytes: byteCount bytes, then 8 zero bytes |
///
/// `@unchecked Sendable`: a view of memory nobody writes after it is made (the embedded
/// constants, or a blob its `Vocabulary` owns).
struct VocabularyTables: @unchecked Sendable {
  /// "TTV2", read as a little-endian word; a blob from another format version is rejected.
  static let magic: UInt32 = 0x3256_5454
  static let headerSize = 32

  let tokenCount: Int
  let longestToken: Int
  let homeBits: Int
  let slots: UnsafePointer<UInt64>
  let starts: UnsafePointer<UInt32>
  let byteRanks: UnsafePointer<UInt32>
  let lengths: UnsafePointer<UInt8>
  let bytes: UnsafePointer<UInt8>
  /// Nil for a vocabulary with no tokens.
  let merges: MergeTables?

  /// The total size of a blob with these counts.
  static func size(tokenCount: Int, slotCount: Int, byteCount: Int, filterBits: Int) -> Int {
    headerSize + 16 * slotCount + 16 * tokenCount + 4 * 256 + filterWords(filterBits) * 8 + tokenCount + byteCount + 8
  }

  static func filterWords(_ bits: Int) -> Int { max((1 << bits) / 64, 1) }

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
    merges = nil
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
    let filterBits = Int(header[6])
    guard header[0] == Self.magic, header[2] < 256, header[3] < 32, filterBits >= 6, filterBits < 40,
      blob.count
        == Self.size(tokenCount: tokenCount, slotCount: slotCount, byteCount: byteCount, filterBits: filterBits)
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
    let nextPrefix = (base + offset).assumingMemoryBound(to: UInt32.self)
    offset += 4 * tokenCount
    let splitLeft = (base + offset).assumingMemoryBound(to: UInt32.self)
    offset += 4 * tokenCount
    let splitRight = (base + offset).assumingMemoryBound(to: UInt32.self)
    offset += 4 * tokenCount
    let filter = (base + offset).assumingMemoryBound(to: UInt64.self)
    offset += 8 * Self.filterWords(filterBits)
    lengths = (base + offset).assumingMemoryBound(to: UInt8.self)
    offset += tokenCount
    bytes = (base + offset).assumingMemoryBound(to: UInt8.self)
    merges = MergeTables(
      nextPrefix: nextPrefix, splitLeft: splitLeft, splitRight: splitRight, lengths: lengths, filter: filter,
      filterShift: UInt64(64 - filterBits))
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

    let filterBits = MergeTables.filterBits(byteCount: parsed.byteCount)
    let words = UnsafeMutablePointer<UInt32>.allocate(capacity: 3 * max(parsed.tokenCount, 1))
    words.initialize(repeating: 0, count: 3 * max(parsed.tokenCount, 1))
    let filter = UnsafeMutablePointer<UInt64>.allocate(capacity: filterWords(filterBits))
    filter.initialize(repeating: 0, count: filterWords(filterBits))
    defer {
      words.deallocate()
      filter.deallocate()
    }
    MergeTables.generate(
      ranks: table, tokenCount: parsed.tokenCount, longestToken: parsed.longestToken, bytes: parsed.bytes,
      starts: parsed.starts, lengths: parsed.lengths, filterBits: filterBits, nextPrefix: words,
      splitLeft: words + parsed.tokenCount, splitRight: words + 2 * parsed.tokenCount, filter: filter)

    var blob: [UInt8] = []
    blob.reserveCapacity(
      size(
        tokenCount: parsed.tokenCount, slotCount: layout.slotCount, byteCount: parsed.byteCount, filterBits: filterBits)
    )
    func append<T: FixedWidthInteger>(_ value: T) {
      withUnsafeBytes(of: value.littleEndian) { blob.append(contentsOf: $0) }
    }
    for word in [
      magic, UInt32(parsed.tokenCount), UInt32(parsed.longestToken), UInt32(parsed.homeBits),
      UInt32(layout.slotCount), UInt32(parsed.byteCount), UInt32(filterBits), 0,
    ] {
      append(word)
    }
    for index in 0..<(2 * layout.slotCount) { append(layout.slots[index]) }
    for rank in 0..<parsed.tokenCount { append(parsed.starts[rank]) }
    for byte in 0..<256 {
      var value = UInt8(byte)
      append(table.rank(of: &value, count: 1))
    }
    for index in 0..<(3 * parsed.tokenCount) { append(words[index]) }
    for index in 0..<filterWords(filterBits) { append(filter[index]) }
    blob.append(contentsOf: UnsafeBufferPointer(start: parsed.lengths, count: parsed.tokenCount))
    blob.append(contentsOf: UnsafeBufferPointer(start: parsed.bytes, count: parsed.byteCount))
    blob.append(contentsOf: repeatElement(0, count: 8))
    return blob
  }
}
