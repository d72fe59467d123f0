import Foundation
import JSON

/// How old each row of a listing is on a given day: list prices change without notice, so a
/// row last checked months ago deserves a look before a cost gate trusts it.
struct PriceAge {
  let rows: [ModelPrice]
  /// `YYYY-MM-DD`: today, or `--as-of` (tests pin it).
  let asOf: String

  /// Days from `date` to `asOf`; nil for an undated row or a date that does not parse.
  func days(_ date: String) -> Int? {
    guard let from = Self.day(date), let to = Self.day(asOf) else { return nil }
    return Calendar(identifier: .gregorian).dateComponents([.day], from: from, to: to).day
  }

  func text() -> String {
    let sorted = rows.sorted { ($0.date, $0.model) < ($1.date, $1.model) }
    let table =
      [["MODEL", "DATE", "AGE"]]
      + sorted.map { row in
        [row.model, row.date.isEmpty ? "—" : row.date, days(row.date).map { "\($0) days" } ?? "undated"]
      }
    return "Price rows by age, as of \(asOf) (\(rows.count) models)\n"
      + TextTable.render(table, rightAligned: { _ in false })
  }

  func json() -> String {
    var models: JSONObject = [:]
    for row in rows {
      models[row.model] = .object([
        "date": row.date.isEmpty ? .null : .string(row.date), "age_days": days(row.date).map { .int($0) } ?? .null,
      ])
    }
    return JSONWriter.string(.object(["as_of": .string(asOf), "models": .object(models)])) + "\n"
  }

  static func day(_ text: String) -> Date? {
    let parts = text.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, text.count == 10 else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
  }

  static func today() -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: Date())
    return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
  }
}
