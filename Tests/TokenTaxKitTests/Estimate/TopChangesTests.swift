import Testing

@testable import TokenTaxKit

@Suite struct TopChangesTests {
  func lines(_ items: [(String, Int)]) -> [FeatureEstimate.LineTokens] {
    items.map { FeatureEstimate.LineTokens(text: $0.0, tokens: $0.1) }
  }

  @Test func groupsContiguousChangesIntoHunksOnHeadLines() {
    let base = lines([("a", 1), ("b", 2), ("c", 3), ("d", 4)])
    let head = lines([("a", 1), ("x", 10), ("y", 20), ("c", 3), ("d", 4), ("z", 5)])
    let changes = TopChanges.compute(base: ["p.md": base], head: ["p.md": head])
    #expect(changes == [PromptChange(file: "p.md", line: 2, tokens: 28), PromptChange(file: "p.md", line: 6, tokens: 5)])
  }

  @Test func removedLinesAreNegative() {
    let changes = TopChanges.compute(base: ["p.md": lines([("a", 1), ("gone", 7)])], head: ["p.md": lines([("a", 1)])])
    #expect(changes == [PromptChange(file: "p.md", line: 1, tokens: -7)])
  }
}
