/// Aligned plain-text columns: every table tokentax prints goes through this one type. Colour
/// wraps a cell after padding, so escape codes never shift a column.
struct TextTable {
  enum Alignment { case left, right }

  struct Cell {
    var text: String
    var alignment: Alignment = .left
    var style: ANSIStyle = .plain
  }

  var rows: [[Cell]] = []

  mutating func add(_ cells: [Cell]) { rows.append(cells) }

  /// Uncoloured rows of plain strings, the columns in `rightAligned` right-aligned; with
  /// `totalRule` the last row (a total) sits under a rule. One string, a newline after each line.
  static func render(_ rows: [[String]], rightAligned: (Int) -> Bool, totalRule: Bool = false) -> String {
    var table = TextTable()
    for row in rows {
      table.add(row.enumerated().map { Cell(text: $1, alignment: rightAligned($0) ? .right : .left) })
    }
    return table.lines(color: false, totalRule: totalRule).map { $0 + "\n" }.joined()
  }

  /// One line per row, columns separated by two spaces, no trailing spaces; with `totalRule`,
  /// a rule of `─` across each column before the last row.
  func lines(indent: String = "", color: Bool, totalRule: Bool = false) -> [String] {
    // Input text (feature ids, models, files) is escaped before it is measured: a control
    // character must neither reach the terminal nor shift a column.
    let rows = rows.map { $0.map { Cell(text: SafeText.escaped($0.text), alignment: $0.alignment, style: $0.style) } }
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { column in
      rows.map { column < $0.count ? $0[column].text.count : 0 }.max() ?? 0
    }
    var lines = rows.map { row in
      var line = indent
      for (column, cell) in row.enumerated() {
        let padding = String(repeating: " ", count: widths[column] - cell.text.count)
        let isLast = column == row.count - 1
        let padded = cell.alignment == .right ? padding + cell.text : cell.text + (isLast ? "" : padding)
        line += cell.style.apply(padded, color)
        if !isLast { line += "  " }
      }
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }
    if totalRule, lines.count > 1 {
      lines.insert(
        indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "), at: lines.count - 1)
    }
    return lines
  }
}

/// The few terminal styles the table uses.
enum ANSIStyle: String {
  case plain = ""
  case bold = "1"
  case dim = "2"
  case red = "31"
  case green = "32"
  case yellow = "33"
  case boldRed = "1;31"

  /// `text` in this style when colour is on.
  func apply(_ text: String, _ color: Bool) -> String {
    color && self != .plain ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
  }
}
