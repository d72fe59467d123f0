/// The encoding pipeline behind `Encoding`'s public methods: special-token segments, the
/// pre-tokenizer's pieces, BPE on each piece, tokens into a sink (ids or a count).
extension Encoding {
  /// Appends the tokens of `text` to `sink`.
  func encode<Sink: TokenSink>(_ text: String, allowSpecial: Bool, into sink: inout Sink) {
    var text = text
    text.withUTF8 { encode(bytes: $0, allowSpecial: allowSpecial, into: &sink) }
  }

  /// Appends the tokens of UTF-8 bytes to `sink`.
  func encode<Sink: TokenSink>(bytes buffer: UnsafeBufferPointer<UInt8>, allowSpecial: Bool, into sink: inout Sink) {
    EncodingMemos.with(textLength: buffer.count) {
      encode(bytes: buffer, allowSpecial: allowSpecial, memos: $0, into: &sink)
    }
  }

  /// Appends the tokens of UTF-8 bytes to `sink`, with memos that may be warm from earlier text.
  func encode<Sink: TokenSink>(
    bytes buffer: UnsafeBufferPointer<UInt8>, allowSpecial: Bool, memos: EncodingMemos?, into sink: inout Sink
  ) {
    guard let base = buffer.baseAddress, !buffer.isEmpty else { return }
    withExtendedLifetime(vocabulary) {
      encodeSegments(
        base, count: buffer.count, allowSpecial: allowSpecial, memo: memos?.scalars, cache: memos?.pieces,
        into: &sink)
    }
  }

  /// Splits at special tokens when they are allowed, then encodes each segment.
  private func encodeSegments<Sink: TokenSink>(
    _ base: UnsafePointer<UInt8>, count: Int, allowSpecial: Bool, memo: ScalarClassMemo?, cache: PieceCache?,
    into sink: inout Sink
  ) {
    guard allowSpecial else {
      encodeOrdinary(UTF8Text(base: base, count: count, memo: memo), cache: cache, into: &sink)
      return
    }
    // Like tiktoken, the text between special tokens is encoded on its own: a pattern's
    // end-of-text rules apply at each special token.
    var start = 0
    while let special = specials.next(in: UTF8Text(base: base, count: count), from: start) {
      encodeOrdinary(
        UTF8Text(base: base + start, count: special.range.lowerBound - start, memo: memo), cache: cache, into: &sink)
      sink.append(UInt32(special.id))
      start = special.range.upperBound
    }
    encodeOrdinary(UTF8Text(base: base + start, count: count - start, memo: memo), cache: cache, into: &sink)
  }

  /// Ordinary text: the encoding's pre-tokenizer, then BPE on each piece.
  private func encodeOrdinary<Sink: TokenSink>(_ text: UTF8Text, cache: PieceCache?, into sink: inout Sink) {
    switch name {
    case .o200kBase:
      Self.splitAndMerge(text, splitter: O200kSplitter.self, encoder: vocabulary.encoder, cache: cache, into: &sink)
    case .cl100kBase:
      Self.splitAndMerge(text, splitter: Cl100kSplitter.self, encoder: vocabulary.encoder, cache: cache, into: &sink)
    }
  }

  // Generic over the splitter and the sink, so each combination compiles to its own loop.
  private static func splitAndMerge<Splitter: PieceSplitter, Sink: TokenSink>(
    _ text: UTF8Text, splitter: Splitter.Type, encoder: BytePairEncoder, cache: PieceCache?, into sink: inout Sink
  ) {
    var start = 0
    while start < text.count {
      let end = Splitter.pieceEnd(in: text, from: start)
      encoder.encode(text.base + start, count: end - start, cache: cache, into: &sink)
      start = end
    }
  }
}
