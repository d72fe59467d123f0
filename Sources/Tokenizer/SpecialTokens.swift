/// An encoding's special tokens (`<|endoftext|>` …): ordinary text unless the caller allows
/// them, as with tiktoken's `encode_ordinary` versus `encode(allowed_special="all")`.
struct SpecialTokens: Sendable {
  struct Token: Sendable {
    var text: String
    var bytes: [UInt8]
    var id: Int
  }

  let tokens: [Token]

  init(_ pairs: [(String, Int)]) {
    tokens = pairs.map { Token(text: $0.0, bytes: Array($0.0.utf8), id: $0.1) }
  }

  /// The ids from tiktoken 0.14.0 (`tiktoken_ext/openai_public.py`).
  static func of(_ name: EncodingName) -> SpecialTokens {
    switch name {
    case .o200kBase:
      return SpecialTokens([("<|endoftext|>", 199_999), ("<|endofprompt|>", 200_018)])
    case .cl100kBase:
      return SpecialTokens([
        ("<|endoftext|>", 100_257), ("<|fim_prefix|>", 100_258), ("<|fim_middle|>", 100_259),
        ("<|fim_suffix|>", 100_260), ("<|endofprompt|>", 100_276),
      ])
    }
  }

  /// The first special token at or after `offset`: its byte range and id. Every special token
  /// starts with `<|`, and none is a prefix of another, so the first hit is the leftmost match.
  func next(in text: UTF8Text, from offset: Int) -> (range: Range<Int>, id: Int)? {
    var position = offset
    while position + 1 < text.count {
      if text[position] == UInt8(ascii: "<"), text[position + 1] == UInt8(ascii: "|") {
        for token in tokens where position + token.bytes.count <= text.count {
          if token.bytes.indices.allSatisfy({ text[position + $0] == token.bytes[$0] }) {
            return (position..<(position + token.bytes.count), token.id)
          }
        }
      }
      position += 1
    }
    return nil
  }

  /// The bytes of a special token's id, or nil.
  func bytes(of id: Int) -> [UInt8]? {
    tokens.first { $0.id == id }?.bytes
  }
}
