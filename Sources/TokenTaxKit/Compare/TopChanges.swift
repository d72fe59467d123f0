import Foundation

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
        in: file, base: side(baseTexts[file], base), head: side(headTexts[file], head),
        recount: head?.recounts[file] ?? base?.recounts[file])
    }
    return largest(changes, limit: limit)
  }

  private static func side(_ text: String?, _ estimate: FeatureEstimate?) -> Lines {
    guard let text, let estimate else { return Lines([], tokens: { _ in 0 }) }
    let counter = estimate.counter
    return Lines(lines(text), tokens: { counter.count(String($0)) })
  }

  /// One side of a changed file: its lines, and what a line costs on its own, which is counted
  /// only for the lines of a hunk (counting every line of a large file cost more than the diff).
  struct Lines {
    var lines: [Substring]
    var tokens: (Substring) -> Int

    init(_ lines: [Substring], tokens: @escaping (Substring) -> Int) {
      self.lines = lines
      self.tokens = tokens
    }

    func tokens(_ range: Range<Int>) -> Int { lines[range].reduce(0) { $0 + tokens($1) } }
  }

  /// `text` split at `\n`, by bytes: splitting by `Character` walked grapheme breaks over the
  /// whole file.
  static func lines(_ text: String) -> [Substring] {
    var result: [Substring] = []
    let utf8 = text.utf8
    var start = utf8.startIndex
    var index = start
    while index != utf8.endIndex {
      if utf8[index] == UInt8(ascii: "\n") {
        result.append(text[start..<index])
        start = utf8.index(after: index)
      }
      index = utf8.index(after: index)
    }
    result.append(text[start..<utf8.endIndex])
    return result
  }

  /// One file's hunks, each worth what the file counts with the hunk less what it counts with the
  /// hunk reverted (`recount`), or without a recount the tokens of its lines.
  static func changes(in file: String, base: Lines, head: Lines, recount: PartRecount?, budget: Int = recountBudget)
    -> [PromptChange]
  {
    func counted(_ lines: [Substring]) -> Int? {
      lines.isEmpty ? 0 : recount?.count(lines.joined(separator: "\n"))
    }
    let hunks = hunks(base: base.lines, head: head.lines)
    // One recount per hunk is quadratic in the file: a 160 KB prompt rewritten line by line took
    // seconds. Past the budget the hunks count their lines' own tokens.
    let bytes = head.lines.reduce(0) { $0 + $1.utf8.count + 1 }
    let headCount = recount != nil && hunks.count * bytes <= budget ? counted(head.lines) : nil
    return hunks.map { hunk in
      // A half-reverted file that no longer parses (JSON, template blocks) falls back to the lines' own tokens.
      // The reverted file is built only under the budget: a copy per hunk is quadratic too.
      let tokens =
        headCount.flatMap { with in
          counted(
            Array(head.lines[..<hunk.head.lowerBound]) + base.lines[hunk.base] + head.lines[hunk.head.upperBound...]
          ).map { with - $0 }
        } ?? (head.tokens(hunk.head) - base.tokens(hunk.base))
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
  }

  /// Line pairs of the changed middle past which the exact diff gives way to a linear one:
  /// Myers' diff is O(lines × edits), quadratic for a large file changed all over.
  static let exactDiffBudget = 4_000_000

  static func hunks(base: [Substring], head: [Substring]) -> [Hunk] {
    let (removed, inserted) = changedLines(base: base, head: head)
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
  private static func changedLines(base: [Substring], head: [Substring]) -> (removed: Set<Int>, inserted: Set<Int>) {
    var prefix = 0
    while prefix < base.count, prefix < head.count, LineKey.same(base[prefix], head[prefix]) { prefix += 1 }
    var suffix = 0
    while suffix < base.count - prefix, suffix < head.count - prefix,
      LineKey.same(base[base.count - 1 - suffix], head[head.count - 1 - suffix])
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
    // One table, keyed by bytes: hashing a `Substring` normalizes it, and git diffs bytes too.
    var counts: [LineKey: LineCounts] = [:]
    counts.reserveCapacity(baseMiddle.count + headMiddle.count)
    for index in baseMiddle { counts[LineKey(base[index]), default: LineCounts()].base += 1 }
    for index in headMiddle { counts[LineKey(head[index]), default: LineCounts()].head += 1 }
    for index in baseMiddle {
      let key = LineKey(base[index])
      guard var line = counts[key] else { continue }
      if line.keptBase < line.head { line.keptBase += 1 } else { removed.insert(index) }
      counts[key] = line
    }
    for index in headMiddle {
      let key = LineKey(head[index])
      guard var line = counts[key] else { continue }
      if line.keptHead < line.base { line.keptHead += 1 } else { inserted.insert(index) }
      counts[key] = line
    }
    return (removed, inserted)
  }
}

/// A line compared and hashed by its bytes.
private struct LineKey: Hashable {
  var line: Substring

  init(_ line: Substring) { self.line = line }

  static func == (a: LineKey, b: LineKey) -> Bool { same(a.line, b.line) }

  /// Whether two lines have the same bytes.
  static func same(_ a: Substring, _ b: Substring) -> Bool {
    guard a.utf8.count == b.utf8.count else { return false }
    let compared = a.utf8.withContiguousStorageIfAvailable { x in
      b.utf8.withContiguousStorageIfAvailable { y in
        guard let first = x.baseAddress, let second = y.baseAddress else { return true }
        return memcmp(first, second, x.count) == 0
      }
    }
    return (compared ?? nil) ?? a.utf8.elementsEqual(b.utf8)
  }

  func hash(into hasher: inout Hasher) {
    if let hashed: Void = line.utf8.withContiguousStorageIfAvailable({
      hasher.combine(bytes: UnsafeRawBufferPointer($0))
    }) {
      return hashed
    }
    for byte in line.utf8 { hasher.combine(byte) }
  }
}

/// How often a line occurs on each side of the changed middle, and how many of its
/// occurrences have been kept so far.
private struct LineCounts {
  var base = 0
  var head = 0
  var keptBase = 0
  var keptHead = 0
}
