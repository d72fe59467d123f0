/// Attributes a feature's token change to prompt lines: the hunks that added or removed the
/// most tokens, with the head-side line number (docs/ci.md annotations, the report's `top_changes`).
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
      // A half-reverted file that no longer parses (JSON, template blocks) falls back to the lines' own tokens.
      // The reverted file is built only under the budget: a copy per hunk is quadratic too.
      let tokens =
        headCount.flatMap { with in
          counted(Array(head[..<hunk.head.lowerBound]) + base[hunk.base] + head[hunk.head.upperBound...]).map {
            with - $0
          }
        } ?? hunk.tokens(base: base, head: head)
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

  /// Line pairs of the changed middle past which the exact diff gives way to a linear one:
  /// Myers' diff is O(lines × edits), quadratic for a large file changed all over.
  static let exactDiffBudget = 4_000_000

  static func hunks(base: [FeatureEstimate.LineTokens], head: [FeatureEstimate.LineTokens]) -> [Hunk] {
    let (removed, inserted) = changedLines(base: base.map(\.text), head: head.map(\.text))
    var result: [Hunk] = []
    var start: (base: Int, head: Int)?
    var i = 0
    var j = 0
    func close() {
      if let start {
        result.append(Hunk(base: start.base..<i, head: start.head..<j, line: max(1, min(start.head + 1, head.count))))
      }
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

  /// Which base lines are removed and which head lines inserted. The common prefix and suffix
  /// are unchanged; the middle is diffed exactly when small, otherwise by counting: a line
  /// is kept as often as it occurs on both sides (its first occurrences), the rest change.
  /// Kept lines then pair up in order, as the hunk walk needs.
  private static func changedLines(base: [String], head: [String]) -> (removed: Set<Int>, inserted: Set<Int>) {
    var prefix = 0
    while prefix < base.count, prefix < head.count, base[prefix] == head[prefix] { prefix += 1 }
    var suffix = 0
    while suffix < base.count - prefix, suffix < head.count - prefix,
      base[base.count - 1 - suffix] == head[head.count - 1 - suffix]
    {
      suffix += 1
    }
    let baseMiddle = prefix..<(base.count - suffix)
    let headMiddle = prefix..<(head.count - suffix)
    var removed = Set<Int>()
    var inserted = Set<Int>()
    if baseMiddle.count * headMiddle.count <= exactDiffBudget {
      for change in head[headMiddle].difference(from: base[baseMiddle]) {
        switch change {
        case .remove(let offset, _, _): removed.insert(prefix + offset)
        case .insert(let offset, _, _): inserted.insert(prefix + offset)
        }
      }
      return (removed, inserted)
    }
    var inBase: [String: Int] = [:]
    var inHead: [String: Int] = [:]
    for index in baseMiddle { inBase[base[index], default: 0] += 1 }
    for index in headMiddle { inHead[head[index], default: 0] += 1 }
    var keptBase: [String: Int] = [:]
    for index in baseMiddle {
      let line = base[index]
      let kept = keptBase[line, default: 0]
      if kept < inHead[line, default: 0] { keptBase[line] = kept + 1 } else { removed.insert(index) }
    }
    var keptHead: [String: Int] = [:]
    for index in headMiddle {
      let line = head[index]
      let kept = keptHead[line, default: 0]
      if kept < inBase[line, default: 0] { keptHead[line] = kept + 1 } else { inserted.insert(index) }
    }
    return (removed, inserted)
  }
}
