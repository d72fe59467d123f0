extension Sequence where Element: Hashable {
  /// The elements without repeats, each where it first appears (a note or a placeholder listed once).
  func uniqued() -> [Element] {
    var seen = Set<Element>()
    return filter { seen.insert($0).inserted }
  }
}
