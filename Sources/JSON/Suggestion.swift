/// "Did you mean …?" for unknown flags, keys, models and features.
public enum Suggestion {
  /// The candidates closest to `word` by edit distance, best first, within a distance that
  /// still looks like a typo (a third of the word, at least 2), or that share a prefix/substring.
  public static func closest(to word: String, in candidates: [String], limit: Int = 3) -> [String] {
    let lowered = word.lowercased()
    let scored = candidates.map { candidate -> (String, Int) in
      let c = candidate.lowercased()
      var distance = editDistance(Array(lowered.utf8), Array(c.utf8))
      if !lowered.isEmpty, c.contains(lowered) || lowered.contains(c) { distance = min(distance, 1) }
      return (candidate, distance)
    }
    let cutoff = max(2, lowered.count / 3)
    return scored.filter { $0.1 <= cutoff }
      .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
      .prefix(limit).map(\.0)
  }

  /// Levenshtein distance over bytes, two rows of memory.
  public static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// `" (did you mean `x`?)"`, or empty when nothing is close.
  public static func didYouMean(_ word: String, in candidates: [String]) -> String {
    let best = closest(to: word, in: candidates, limit: 1)
    guard let first = best.first else { return "" }
    return " (did you mean '\(first)'?)"
  }
}
