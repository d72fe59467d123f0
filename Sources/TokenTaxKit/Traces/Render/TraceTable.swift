/// Builds a `TextTable` from plain rows: the first `leftColumns` columns left-aligned, the
/// others right-aligned, and an optional total under a rule.
struct TraceTable {
  var header: [String]
  var leftColumns = 1
  var rows: [[String]] = []
  var total: [String]?

  func render() -> String {
    TextTable.render(
      [header] + rows + (total.map { [$0] } ?? []), rightAligned: { $0 >= leftColumns }, totalRule: total != nil)
  }
}
