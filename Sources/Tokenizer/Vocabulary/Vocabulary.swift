/// One encoding's mergeable ranks: a view of its `VocabularyTables` — all token bytes in one
/// buffer, start and length by rank, and a `RankTable` from bytes to rank. The tables the
/// binary embeds are used in place, so a vocabulary is ready as soon as it is asked for.
///
/// `@unchecked Sendable`: the tables are never written after `init`; every method reads.
final class Vocabulary: @unchecked Sendable {
  /// Bytes → rank, and the merger that uses it.
  let encoder: BytePairEncoder
  /// One past the highest rank.
  let tokenCount: Int

  private let tables: VocabularyTables
  /// The blob when this vocabulary made it (from a `.tiktoken` file) rather than borrowed it.
  private let ownedBlob: UnsafeMutableRawBufferPointer?

  /// A view of embedded tables, or an empty vocabulary when `blob` is not a tables blob (every
  /// byte then counts as one token; the tests check that the embedded blobs are valid).
  init(tables blob: UnsafeRawBufferPointer) {
    ownedBlob = nil
    tables = VocabularyTables(blob: blob) ?? Self.emptyTables
    tokenCount = tables.tokenCount
    encoder = Self.encoder(tables)
  }

  /// Builds the tables from `.tiktoken` text, as the generator of the embedded blobs does.
  init(tiktoken file: UnsafePointer<UInt8>, count: Int) {
    let blob = VocabularyTables.make(tiktoken: file, count: count)
    let owned = UnsafeMutableRawBufferPointer.allocate(byteCount: blob.count, alignment: 16)
    blob.withUnsafeBytes { owned.copyMemory(from: $0) }
    ownedBlob = owned
    tables = VocabularyTables(blob: UnsafeRawBufferPointer(owned)) ?? Self.emptyTables
    tokenCount = tables.tokenCount
    encoder = Self.encoder(tables)
  }

  deinit { ownedBlob?.deallocate() }

  /// The bytes of the token with this rank, or nil when no token has it.
  func withTokenBytes<R>(_ rank: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
    guard rank >= 0, rank < tokenCount, tables.lengths[rank] > 0 else { return nil }
    return body(UnsafeBufferPointer(start: tables.bytes + Int(tables.starts[rank]), count: Int(tables.lengths[rank])))
  }

  private static func encoder(_ tables: VocabularyTables) -> BytePairEncoder {
    let ranks = RankTable(
      slots: tables.slots, homeBits: tables.homeBits, tokenBytes: tables.bytes, tokenStarts: tables.starts)
    return BytePairEncoder(
      ranks: ranks, byteRanks: tables.byteRanks, longestToken: tables.longestToken, merges: tables.merges,
      filter: TokenFilter(tables))
  }

  /// The tables of a vocabulary with no tokens, kept for the life of the process: every probe
  /// meets an empty slot at once.
  private static let emptyTables: VocabularyTables = {
    let homeBits = RankTable.homeBits(for: 0)
    let slotCount = (1 << homeBits) + 1
    let slots = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * slotCount)
    for slot in 0..<slotCount {
      slots[2 * slot] = 0
      slots[2 * slot + 1] = RankTable.emptyMeta
    }
    let byteRanks = UnsafeMutablePointer<UInt32>.allocate(capacity: 256)
    byteRanks.initialize(repeating: RankTable.absent, count: 256)
    let zeros = UnsafeMutablePointer<UInt8>.allocate(capacity: 8)
    zeros.initialize(repeating: 0, count: 8)
    let start = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    start.initialize(to: 0)
    return VocabularyTables(
      tokenCount: 0, longestToken: 0, homeBits: homeBits, slots: slots, starts: start, byteRanks: byteRanks,
      lengths: zeros, bytes: zeros)
  }()
}
