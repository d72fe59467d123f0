import VocabData

/// The BPE encodings tokentax counts with exactly.
public enum EncodingName: String, CaseIterable, Sendable {
  case o200kBase = "o200k_base"
  case cl100kBase = "cl100k_base"
}

extension EncodingName {
  /// The vocabulary tables generated from the official `.tiktoken` file, embedded in the binary
  /// by the VocabData target.
  var embeddedTables: UnsafeRawBufferPointer {
    var length = 0
    let file: UnsafePointer<UInt8>? =
      switch self {
      case .o200kBase: tokentax_vocab_o200k_base(&length)
      case .cl100kBase: tokentax_vocab_cl100k_base(&length)
      }
    return UnsafeRawBufferPointer(start: file, count: file == nil ? 0 : length)
  }
}

/// A loaded encoding: encode, count and decode, with token ids identical to tiktoken's.
///
/// Made once per process from the vocabulary tables embedded in the binary (a copied binary
/// still works), on first use: `Encoding.load(_:)` returns the shared instance.
public final class Encoding: Sendable {
  public let name: EncodingName
  let vocabulary: Vocabulary
  let specials: SpecialTokens

  private init(name: EncodingName) {
    self.name = name
    vocabulary = Vocabulary(tables: name.embeddedTables)
    specials = SpecialTokens.of(name)
  }

  // Global and static `let`s initialise lazily, once, thread-safely.
  private static let o200kBase = Encoding(name: .o200kBase)
  private static let cl100kBase = Encoding(name: .cl100kBase)

  /// The shared encoding, built on first use (thread-safe).
  public static func load(_ name: EncodingName) -> Encoding {
    switch name {
    case .o200kBase: return o200kBase
    case .cl100kBase: return cl100kBase
    }
  }

  /// The special tokens and their ids, e.g. `"<|endoftext|>": 199999`.
  public var specialTokens: [String: Int] {
    Dictionary(uniqueKeysWithValues: specials.tokens.map { ($0.text, $0.id) })
  }

  /// Token ids. Special-token strings are ordinary text (tiktoken's `encode_ordinary`) unless
  /// `allowSpecial`, which maps them to their ids (`encode(allowed_special="all")`).
  public func encode(_ text: String, allowSpecial: Bool = false) -> [Int] {
    TokenWriter.ids(byteCount: text.utf8.count) { encode(text, allowSpecial: allowSpecial, into: &$0) }
  }

  /// The number of tokens `encode` would return, without building the id array.
  public func count(_ text: String, allowSpecial: Bool = false) -> Int {
    var sink = TokenCounter()
    encode(text, allowSpecial: allowSpecial, into: &sink)
    return sink.count
  }

  /// Token ids of UTF-8 bytes, the same as `encode(_:allowSpecial:)` of their `String`, without
  /// building one: a memory-mapped file goes straight in. With `jobs` > 1 a long text is cut at
  /// boundaries where every piece ends anyway and the parts are encoded on that many threads;
  /// the ids are identical. Validate the bytes first: other bytes are read safely but give ids
  /// no UTF-8 text has.
  public func encode(utf8 bytes: UnsafeRawBufferPointer, allowSpecial: Bool = false, jobs: Int = 1) -> [Int] {
    let text = PartitionedText(bytes.bindMemory(to: UInt8.self), jobs: jobs)
    let results = text.map(session: memos(for: text)) { part, memos -> [Int] in
      TokenWriter.ids(byteCount: part.count) {
        encode(bytes: part, allowSpecial: allowSpecial, memos: memos, into: &$0)
      }
    }
    guard results.count > 1 else { return results.first ?? [] }
    var ids: [Int] = []
    ids.reserveCapacity(results.reduce(0) { $0 + $1.count })
    for part in results { ids.append(contentsOf: part) }
    return ids
  }

  /// The number of tokens `encode(utf8:)` would return, without building the id array.
  public func count(utf8 bytes: UnsafeRawBufferPointer, allowSpecial: Bool = false, jobs: Int = 1) -> Int {
    let text = PartitionedText(bytes.bindMemory(to: UInt8.self), jobs: jobs)
    return text.map(session: memos(for: text)) { part, memos -> Int in
      var sink = TokenCounter()
      encode(bytes: part, allowSpecial: allowSpecial, memos: memos, into: &sink)
      return sink.count
    }.reduce(0, +)
  }

  /// A thread's memos, sized for its share of the text.
  private func memos(for text: PartitionedText) -> @Sendable ((EncodingMemos?) -> Void) -> Void {
    let share = text.text.count / min(text.jobs, text.parts.count)
    return { body in EncodingMemos.with(textLength: share, body) }
  }

  /// The bytes of the ids, concatenated (not always valid UTF-8 for a partial sequence).
  /// Ids that are no token are skipped.
  public func decode(_ ids: [Int]) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(ids.count * 4)
    for id in ids {
      if vocabulary.withTokenBytes(id, { bytes.append(contentsOf: $0) }) == nil, let special = specials.bytes(of: id) {
        bytes.append(contentsOf: special)
      }
    }
    return bytes
  }
}
