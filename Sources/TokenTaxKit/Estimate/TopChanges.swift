/// Attributes a feature's token change to prompt lines: the hunks that added or removed the
/// most tokens, with the head-side line number (SPEC §8 annotations, §11 `top_changes`).
public enum TopChanges {
  /// The top changes between two revisions' prompt files. Only files whose text differs are
  /// split into lines and counted: an unchanged file cannot have changed lines. A change is worth
  /// what the file counts with it less what it counts without it (`PartRecount`).
  public static func compute(base: FeatureEstimate?, head: FeatureEstimate?, limit: Int = 5) -> [PromptChange] {
    let baseTexts = base?.promptTexts ?? [:]
    let headTexts = head?.promptTexts ?? [:]
    var changes: [PromptChange] = []
    for file in Set(baseTexts.keys).union(headTexts.keys).sorted() where baseTexts[file] != headTexts[file] {
      changes += self.changes(
        in: file, base: baseTexts[file].flatMap { text in base.map { lines(text, $0.counter) } } ?? [],
        head: headTexts[file].flatMap { text in head.map { lines(text, $0.counter) } } ?? [],
        recount: head?.recounts[file] ?? base?.recounts[file])
    }
    return largest(changes, limit: limit)
  }

  static func lines(_ text: String, _ counter: TokenCounter) -> [FeatureEstimate.LineTokens] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map {
      FeatureEstimate.LineTokens(text: String($0), tokens: counter.count(String($0)))
    }
  }

  /// One file's hunks, each worth what the file counts with the hunk less what it counts with the
  /// hunk reverted (`recount`), or without a recount the tokens of its lines.
  static func changes(
    in file: String, base: [FeatureEstimate.LineTokens], head: [FeatureEstimate.LineTokens], recount: PartRecount?,
    budget: Int = recountBudget
  ) -> [PromptChange] {
    func counted(_ lines: [FeatureEstimate.LineTokens]) -> Int? {
      lines.isEmpty ? 0 : recount?.count(lines.map(\.text).joined(separator: "\n"))
    }
    let hunks = hunks(base: base, head: head)
    // One recount per hunk is quadratic in the file: a 160 KB prompt rewritten line by line took
    // seconds. Past the budget the hunks count their lines' own tokens.
    let bytes = head.reduce(0) { $0 + $1.text.utf8.count + 1 }
    let headCount = recount != nil && hunks.count * bytes <= budget ? counted(head) : nil
    return hunks.map { hunk in
      let reverted = Array(head[..<hunk.head.lowerBound]) + base[hunk.base] + head[hunk.head.upperBound...]
      // A half-reverted file that no longer parses (JSON, template blocks) falls back to the lines' own tokens.
      let tokens = headCount.flatMap { with in counted(reverted).map { with - $0 } } ?? hunk.tokens(base: base, head: head)
      return PromptChange(file: file, line: hunk.line, tokens: tokens)
    }.filter { $0.tokens != 0 }
  }

  /// Bytes of prompt text recounted for one file's hunks (hunks × file size).
  static let recountBudget = 2_000_000

  private static func largest(_ changes: [PromptChange], limit: Int) -> [PromptChange] {
    Array(
      changes.sorted {
        abs($0.tokens) != abs($1.tokens) ? abs($0.tokens) > abs($1.tokens) : ($0.file, $0.line) < ($1.file, $1.line)
      }.prefix(limit))
  }

  /// A run of removed and inserted lines: the base lines it replaces, the head lines it brings,
  /// and the head-side line number to annotate.
  struct Hunk {
    var base: Range<Int>
    var head: Range<Int>
    var line: Int

    /// The change in the tokens of its lines.
    func tokens(base baseLines: [FeatureEstimate.LineTokens], head headLines: [FeatureEstimate.LineTokens]) -> Int {
      headLines[head].reduce(0) { $0 + $1.tokens } - baseLines[base].reduce(0) { $0 + $1.tokens }
    }
  }

  static func hunks(base: [FeatureEstimate.LineTokens], head: [FeatureEstimate.LineTokens]) -> [Hunk] {
    let difference = head.map(\.text).difference(from: base.map(\.text))
    var removed = Set<Int>()
    var inserted = Set<Int>()
    for change in difference {
      switch change {
      case .remove(let offset, _, _): removed.insert(offset)
      case .insert(let offset, _, _): inserted.insert(offset)
      }
    }
    var result: [Hunk] = []
    var start: (base: Int, head: Int)?
    var i = 0
    var j = 0
    func close() {
      if let start { result.append(Hunk(base: start.base..<i, head: start.head..<j, line: max(1, min(start.head + 1, head.count)))) }
      start = nil
    }
    while i < base.count || j < head.count {
      if i < base.count, removed.contains(i) {
        if start == nil { start = (i, j) }
        i += 1
      } else if j < head.count, inserted.contains(j) {
        if start == nil { start = (i, j) }
        j += 1
      } else {
        close()
        i += 1
        j += 1
      }
    }
    close()
    return result
  }
}
