import Testing
@testable import Tokenizer

@Test func encodingNamesAreTiktokens() {
  #expect(EncodingName.allCases.map(\.rawValue) == ["o200k_base", "cl100k_base"])
}
