/// Builds a `TextTable` from plain rows: the first `leftColumns` columns left-aligned, the
/// others right-aligned, and an optional total under a rule.
struct TraceTable {
  var header: [String]
  var leftColumns = 1
  var rows: [[String]] = []
  var total: [String]?

  func render() -> String {
    func cells(_ row: [String]) -> [TextTable.Cell] {
      row.enumerated().map { TextTable.Cell(text: $1, alignment: $0 < leftColumns ? .left : .right) }
    }
    var table = TextTable()
    table.add(cells(header))
    for row in rows { table.add(cells(row)) }
    var lines = table.lines(color: false)
    if let total {
      table.add(cells(total))
      let all = table.lines(color: false)
      let widths = header.indices.map { column in ([header] + rows + [total]).map { $0[column].count }.max() ?? 0 }
      lines =
        Array(all.dropLast()) + [
          widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "), all[all.count - 1],
        ]
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
