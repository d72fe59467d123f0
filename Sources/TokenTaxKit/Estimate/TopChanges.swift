/// Attributes a feature's token change to prompt lines: the hunks that added or removed the
/// most tokens, with the head-side line number (SPEC §8 annotations, §11 `top_changes`).
public enum TopChanges {
  /// The top changes between two revisions' prompt files. Only files whose text differs are
  /// split into lines and counted: an unchanged file cannot have changed lines.
  public static func compute(base: FeatureEstimate?, head: FeatureEstimate?, limit: Int = 5) -> [PromptChange] {
    let baseTexts = base?.promptTexts ?? [:]
    let headTexts = head?.promptTexts ?? [:]
    var baseLines: [String: [FeatureEstimate.LineTokens]] = [:]
    var headLines: [String: [FeatureEstimate.LineTokens]] = [:]
    for file in Set(baseTexts.keys).union(headTexts.keys) where baseTexts[file] != headTexts[file] {
      if let text = baseTexts[file], let counter = base?.counter { baseLines[file] = lines(text, counter) }
      if let text = headTexts[file], let counter = head?.counter { headLines[file] = lines(text, counter) }
    }
    return compute(base: baseLines, head: headLines, limit: limit)
  }

  static func lines(_ text: String, _ counter: TokenCounter) -> [FeatureEstimate.LineTokens] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map {
      FeatureEstimate.LineTokens(text: String($0), tokens: counter.count(String($0)))
    }
  }

  /// The hunks of per-line token lists, largest first.
  static func compute(
    base: [String: [FeatureEstimate.LineTokens]], head: [String: [FeatureEstimate.LineTokens]], limit: Int = 5
  ) -> [PromptChange] {
    var changes: [PromptChange] = []
    for file in Set(base.keys).union(head.keys).sorted() {
      changes += hunks(file: file, base: base[file] ?? [], head: head[file] ?? [])
    }
    return Array(
      changes.sorted {
        abs($0.tokens) != abs($1.tokens) ? abs($0.tokens) > abs($1.tokens) : ($0.file, $0.line) < ($1.file, $1.line)
      }.prefix(limit))
  }

  static func hunks(file: String, base: [FeatureEstimate.LineTokens], head: [FeatureEstimate.LineTokens]) -> [PromptChange] {
    let difference = head.map(\.text).difference(from: base.map(\.text))
    var removed = Set<Int>()
    var inserted = Set<Int>()
    for change in difference {
      switch change {
      case .remove(let offset, _, _): removed.insert(offset)
      case .insert(let offset, _, _): inserted.insert(offset)
      }
    }
    var result: [PromptChange] = []
    var current: PromptChange?
    var i = 0
    var j = 0
    func close() {
      if let hunk = current, hunk.tokens != 0 { result.append(hunk) }
      current = nil
    }
    while i < base.count || j < head.count {
      if i < base.count, removed.contains(i) {
        if current == nil { current = PromptChange(file: file, line: max(1, min(j + 1, head.count)), tokens: 0) }
        current?.tokens -= base[i].tokens
        i += 1
      } else if j < head.count, inserted.contains(j) {
        if current == nil { current = PromptChange(file: file, line: j + 1, tokens: 0) }
        current?.tokens += head[j].tokens
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
