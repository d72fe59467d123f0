import Foundation

/// What a new price file changes against the one it replaces: rows added, removed and
/// repriced, and the price moves of the models a config uses (the ones a reviewer cares about).
struct PriceChanges {
  let previous: PriceTable?
  let fresh: PriceTable
  let added: [String]
  let removed: [String]
  let repriced: [String]

  init(previous: PriceTable?, fresh: PriceTable) {
    self.previous = previous
    self.fresh = fresh
    let old = previous?.rows ?? [:]
    added = fresh.rows.keys.filter { old[$0] == nil }.sorted()
    removed = old.keys.filter { fresh.rows[$0] == nil }.sorted()
    repriced = fresh.rows.keys.sorted().filter { id in
      guard let before = old[id], let after = fresh.rows[id] else { return false }
      return !Self.samePrices(before, after)
    }
  }

  /// Rows equal but for where and when they were read.
  static func samePrices(_ a: ModelPrice, _ b: ModelPrice) -> Bool {
    var (a, b) = (a, b)
    (a.source, a.date, b.source, b.date) = ("", "", "", "")
    return a == b
  }

  /// One line per model `models` names (the config's), saying how its price moved.
  func lines(models: [String]) -> [String] {
    var table = TextTable()
    for model in models { table.add([TextTable.Cell(text: model), TextTable.Cell(text: change(model))]) }
    return table.lines(indent: "  ", color: false)
  }

  private func change(_ model: String) -> String {
    guard let after = fresh.resolve(model).flatMap({ fresh.rows[$0] }) else {
      return "not in the file: priced by the built-in table or prices.overrides"
    }
    guard let previous else { return Self.prices(after) }
    guard let before = previous.resolve(model).flatMap({ previous.rows[$0] }) else {
      return "new in the file: \(Self.prices(after))"
    }
    return Self.moves(before, after)
  }

  /// `input $3.00, output $15.00 per 1M` — what a reader checks a row by.
  static func prices(_ row: ModelPrice) -> String {
    "input \(Money.perMillion(row.input)), output \(Money.perMillion(row.output)) per 1M"
  }

  /// `input $1.25 → $1.10 per 1M`, for the prices that moved; `unchanged` when none did.
  static func moves(_ before: ModelPrice, _ after: ModelPrice) -> String {
    let prices: [(String, Decimal?, Decimal?)] = [
      ("input", before.input, after.input), ("output", before.output, after.output),
      ("cache read", before.cacheRead, after.cacheRead), ("cache write", before.cacheWrite, after.cacheWrite),
    ]
    let moved = prices.filter { $0.1 != $0.2 }.map { name, old, new in
      "\(name) \(old.map(Money.perMillion) ?? "—") → \(new.map(Money.perMillion) ?? "—")"
    }
    if !moved.isEmpty { return moved.joined(separator: ", ") + " per 1M" }
    return samePrices(before, after) ? "unchanged" : "same prices, other fields changed"
  }
}
