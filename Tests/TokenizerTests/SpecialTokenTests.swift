import Testing

@testable import Tokenizer

/// Special tokens are ordinary text by default (tiktoken's `encode_ordinary`) and their own
/// ids when allowed; the corpus parity tests cover whole files both ways.
@Suite struct SpecialTokenTests {
  @Test func specialTokenTablesAreTiktokens() {
    #expect(Encoding.load(.o200kBase).specialTokens == ["<|endoftext|>": 199_999, "<|endofprompt|>": 200_018])
    #expect(
      Encoding.load(.cl100kBase).specialTokens == [
        "<|endoftext|>": 100_257, "<|fim_prefix|>": 100_258, "<|fim_middle|>": 100_259, "<|fim_suffix|>": 100_260,
        "<|endofprompt|>": 100_276,
      ])
  }

  @Test(arguments: EncodingName.allCases)
  func specialStringsAreOrdinaryTextUnlessAllowed(_ name: EncodingName) {
    let encoding = Encoding.load(name)
    for (text, id) in encoding.specialTokens {
      #expect(encoding.encode(text, allowSpecial: true) == [id])
      let ordinary = encoding.encode(text)
      #expect(ordinary.count > 1)
      #expect(!ordinary.contains(id))
      #expect(encoding.decode(ordinary) == Array(text.utf8))
      #expect(encoding.decode([id]) == Array(text.utf8))
    }
  }

  @Test func textAroundASpecialTokenIsEncodedOnItsOwn() {
    let encoding = Encoding.load(.cl100kBase)
    // "  " before the token is the end of its segment: one whitespace piece, as in tiktoken.
    #expect(
      encoding.encode("a  <|endoftext|>b", allowSpecial: true) == encoding.encode("a  ") + [100_257]
        + encoding.encode("b"))
    #expect(encoding.count("<|endoftext|><|endoftext|>", allowSpecial: true) == 2)
    // Not a special token: unterminated, or a string only cl100k_base knows.
    #expect(!Encoding.load(.o200kBase).encode("<|fim_prefix|><|endoftext", allowSpecial: true).contains(199_999))
  }
}
