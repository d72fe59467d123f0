/// UTF-8 read scalar by scalar, classified for the pre-tokenizers. ASCII takes an inlined fast
/// path; other scalars are decoded out of line. Callers validate the bytes first (a `String`,
/// or `count(utf8:)`'s callers); a scalar cut off by the end of the text is still never read
/// past it.
struct UTF8Text {
  let base: UnsafePointer<UInt8>
  let count: Int
  /// Speeds up non-ASCII classification on long texts.
  let memo: ScalarClassMemo?

  init(base: UnsafePointer<UInt8>, count: Int, memo: ScalarClassMemo? = nil) {
    self.base = base
    self.count = count
    self.memo = memo
  }

  @inline(__always)
  subscript(offset: Int) -> UInt8 { base[offset] }

  /// The class and byte length of the scalar that starts at `offset` (< `count`).
  @inline(__always)
  func scalar(at offset: Int) -> (ScalarClass, Int) {
    let lead = base[offset]
    if lead < 0x80 { return (ScalarClass.ascii(lead), 1) }
    return decodeScalar(at: offset, lead: lead)
  }

  @inline(never)
  private func decodeScalar(at offset: Int, lead: UInt8) -> (ScalarClass, Int) {
    let value: UInt32
    let length: Int
    let scalarLength = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    if offset + scalarLength > count { return (.none, 1) }
    if lead < 0xE0 {
      value = UInt32(lead & 0x1F) << 6 | UInt32(base[offset + 1] & 0x3F)
      length = 2
    } else if lead < 0xF0 {
      value = UInt32(lead & 0x0F) << 12 | UInt32(base[offset + 1] & 0x3F) << 6 | UInt32(base[offset + 2] & 0x3F)
      length = 3
    } else {
      value =
        UInt32(lead & 0x07) << 18 | UInt32(base[offset + 1] & 0x3F) << 12 | UInt32(base[offset + 2] & 0x3F) << 6
        | UInt32(base[offset + 3] & 0x3F)
      length = 4
    }
    return (memo?.classify(value) ?? ScalarClass.of(value), length)
  }

  /// The end of the run of scalars from `offset` whose class satisfies `test`.
  @inline(__always)
  func runEnd(from offset: Int, while test: (ScalarClass) -> Bool) -> Int {
    var end = offset
    while end < count {
      let (kind, length) = scalar(at: end)
      guard test(kind) else { break }
      end += length
    }
    return end
  }
}

/// A hand-written equivalent of one encoding's pre-tokenizer regex: the text is cut into the
/// same pieces that tiktoken's `find_iter` returns, and BPE runs on each piece.
protocol PieceSplitter {
  /// The end of the regex match that starts at `start` (< `text.count`). The patterns match
  /// at every position, so the pieces tile the text.
  static func pieceEnd(in text: UTF8Text, from start: Int) -> Int
}
