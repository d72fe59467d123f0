import Testing

@testable import TokenTaxKit

@Suite struct TopChangesTests {
  /// Lines with made-up costs.
  func lines(_ items: [(String, Int)]) -> TopChanges.Lines {
    let tokens = Dictionary(items.map { (Substring($0.0), $0.1) }) { first, _ in first }
    return TopChanges.Lines(items.map { Substring($0.0) }, tokens: { tokens[$0] ?? 0 })
  }

  @Test func groupsContiguousChangesIntoHunksOnHeadLines() {
    let base = lines([("a", 1), ("b", 2), ("c", 3), ("d", 4)])
    let head = lines([("a", 1), ("x", 10), ("y", 20), ("c", 3), ("d", 4), ("z", 5)])
    let changes = TopChanges.changes(in: "p.md", base: base, head: head, recount: nil)
    #expect(
      changes == [PromptChange(file: "p.md", line: 2, tokens: 28), PromptChange(file: "p.md", line: 6, tokens: 5)])
  }

  @Test func removedLinesAreNegative() {
    let changes = TopChanges.changes(
      in: "p.md", base: lines([("a", 1), ("gone", 7)]), head: lines([("a", 1)]), recount: nil)
    #expect(changes == [PromptChange(file: "p.md", line: 1, tokens: -7)])
  }

  /// A template whose hunks are recounted: the line that brings `{{context}}` (sized 300) is worth
  /// "Context: " (3 tokens) + 300. Past the recount budget (hunks × file size) the same hunk counts
  /// its line's own tokens instead, so a rewritten long prompt stays linear.
  @Test func templateHunksAreRecountedWithinTheBudget() {
    let file = FeatureSnapshot.PromptFile(part: PromptPart(file: "p.hbs"), path: "p.hbs", text: "")
    let recount = PartRecount(
      file: file, model: "gpt-4o", prices: .builtIn(), counter: TokenCounter(model: "gpt-4o", tokenizer: "o200k_base"),
      variables: ["context": 300], defaultSize: 100)
    let counter = recount.counter
    let base = TopChanges.Lines(TopChanges.lines("Answer briefly."), tokens: { counter.count(String($0)) })
    let head = TopChanges.Lines(
      TopChanges.lines("Answer briefly.\nContext: {{context}}"), tokens: { counter.count(String($0)) })
    #expect(
      TopChanges.changes(in: "p.hbs", base: base, head: head, recount: recount) == [
        PromptChange(file: "p.hbs", line: 2, tokens: 303)
      ])

    let lineTokens = recount.counter.count("Context: {{context}}")
    #expect(
      TopChanges.changes(in: "p.hbs", base: base, head: head, recount: recount, budget: 30) == [
        PromptChange(file: "p.hbs", line: 2, tokens: lineTokens)
      ])
  }

  @Test func linesSplitAtEveryNewline() {
    #expect(TopChanges.lines("a\n\nb\r\n") == ["a", "", "b\r", ""])
    #expect(TopChanges.lines("") == [""])
    #expect(TopChanges.lines("é\u{301}\nx") == ["é\u{301}", "x"])
    // A CRLF file is split into its lines too (`\r\n` is one `Character`, so a split by
    // `Character` kept such a file whole and put every change on line 1).
    let hunks = TopChanges.hunks(
      base: TopChanges.lines("a\r\nb\r\nc\r\n"), head: TopChanges.lines("a\r\nb\r\nc, changed\r\n"))
    #expect(hunks.map(\.line) == [3])
  }

  /// A large file changed all over is past the exact diff's budget: the linear diff still finds
  /// one hunk per changed line, on the right head line, and leaves the common prefix and suffix alone.
  @Test func aLargeFileChangedAllOverIsDiffedLinearly() {
    let base = (0..<3_000).map { ("line \($0)", 2) }
    let head = base.enumerated().map { index, line in index % 10 == 5 ? (line.0 + " changed", 3) : line }
    #expect(base.count * base.count > TopChanges.exactDiffBudget)
    let changes = TopChanges.changes(in: "p.md", base: lines(base), head: lines(head), recount: nil)
    #expect(changes.count == 300)
    #expect(changes.allSatisfy { $0.tokens == 1 && $0.line % 10 == 6 })
  }
}
