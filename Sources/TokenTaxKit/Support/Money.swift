import Foundation

/// Every rule for printing money and percentages, in one place (infracost's `format.go` rules).
///
/// Money is `Decimal` everywhere; `Double` only appears for ratios and statistics.
public enum Money {
  private static let posix = Locale(identifier: "en_US_POSIX")

  /// Rounds to `scale` decimal places, half away from zero (or `.up` for budgets, which must
  /// not land below the forecast).
  public static func rounded(_ value: Decimal, scale: Int, mode: NSDecimalNumber.RoundingMode = .plain) -> Decimal {
    var input = value
    var result = Decimal()
    NSDecimalRound(&result, &input, scale, mode)
    return result
  }

  /// A `Double` (a statistic, a fitted factor) as a `Decimal` through its text with `digits`
  /// decimals, so binary noise past them (`0.1 + 0.2`) never reaches money or a config file.
  /// Nil for infinities and NaN.
  public static func decimal(_ value: Double, digits: Int = 8) -> Decimal? {
    Decimal(string: String(format: "%.\(digits)f", locale: posix, value), locale: posix)
  }

  /// `$1,234` at $100 or more, `$12.34` from $1, and up to six decimals below a dollar so a
  /// per-call cost like `$0.004215` stays readable.
  public static func usd(_ value: Decimal) -> String {
    let magnitude = value < 0 ? -value : value
    let sign = value < 0 ? "-" : ""
    if magnitude >= 100 { return sign + "$" + grouped(rounded(magnitude, scale: 0), decimals: 0) }
    if magnitude >= 1 { return sign + "$" + grouped(rounded(magnitude, scale: 2), decimals: 2) }
    if magnitude == 0 { return "$0.00" }
    let sixth = rounded(magnitude, scale: 6)
    if sixth == 0 { return sign + "<$0.000001" }
    var text = plain(sixth)
    while text.hasSuffix("0"), text.count > 4 { text.removeLast() }  // keep at least "0.00"
    if text.split(separator: ".").last.map({ $0.count < 2 }) ?? false { text += "0" }
    return sign + "$" + text
  }

  /// `usd` of an optional: unknown is `—`, never `$0`.
  public static func usd(_ value: Decimal?) -> String { value.map { usd($0) } ?? "—" }

  /// A list price per 1M tokens (never negative) at full precision, never rounded: `$3.00`,
  /// `$0.125`, `$0.0375`, `$1,200.00` (at least two decimals, more when the price has them).
  public static func perMillion(_ value: Decimal) -> String {
    let decimals = plain(value).split(separator: ".").dropFirst().first?.count ?? 0
    return "$" + grouped(value, decimals: max(2, decimals))
  }

  /// A fraction as a plain percentage, full precision: 0.5 → `50 %`, 0.125 → `12.5 %`.
  public static func fractionPercent(_ fraction: Decimal) -> String { plain(fraction * 100) + " %" }

  /// A signed amount: `+$12.34`, `-$3.00`, `$0.00`.
  public static func signedUSD(_ value: Decimal) -> String {
    value > 0 ? "+" + usd(value) : usd(value)
  }

  public static func signedUSD(_ value: Decimal?) -> String { value.map { signedUSD($0) } ?? "—" }

  /// A signed percentage with one decimal: `+23.4 %`; `new` when the base was zero.
  public static func percent(_ value: Double?) -> String {
    guard let value else { return "new" }
    let text = oneDecimal(abs(value))
    if text == "0.0" { return "0.0 %" }
    return (value < 0 ? "-" : "+") + text + " %"
  }

  /// An unsigned percentage with one decimal, for error sizes: `3.2 %`.
  public static func absPercent(_ value: Double) -> String { oneDecimal(abs(value)) + " %" }

  /// One decimal, rounded half up like money (426.45 → `426.5`, which `%.1f` of the binary
  /// double would print as 426.4): percentages, token means and percentiles.
  public static func oneDecimal(_ value: Double) -> String {
    let text = plain(rounded(decimal(value) ?? 0, scale: 1))
    return text.contains(".") ? text : text + ".0"
  }

  /// A signed token delta with thousands separators: `+1,840`.
  public static func signedTokens(_ value: Int) -> String {
    (value > 0 ? "+" : value < 0 ? "-" : "") + tokens(abs(value))
  }

  /// A token count with thousands separators: `12,000`. Integer arithmetic only: `count`
  /// prints these, and going through `NSDecimalNumber` loads ICU for a few milliseconds.
  public static func tokens(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = value < 0 ? "-" : ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0, (digits.count - offset) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return out
  }

  /// The JSON number text for money: rounded to 6 decimals (the README's JSON report).
  public static func jsonUSD(_ value: Decimal) -> String { plain(rounded(value, scale: 6)) }

  /// The JSON number text for a percentage: rounded to 2 decimals (the README's JSON report).
  public static func jsonPercent(_ value: Double) -> String {
    plain(rounded(decimal(value, digits: 6) ?? 0, scale: 2))
  }

  /// The percent change from `base` to `head`, nil when the base is zero.
  public static func percentChange(_ base: Decimal, _ head: Decimal) -> Double? {
    guard base != 0 else { return nil }
    return NSDecimalNumber(decimal: (head - base) / base * 100).doubleValue
  }

  public static func percentChange(_ base: Int, _ head: Int) -> Double? {
    guard base != 0 else { return nil }
    return Double(head - base) / Double(base) * 100
  }

  /// Locale-independent plain decimal text, no exponent: `0.004215`, `-12`.
  static func plain(_ value: Decimal) -> String {
    var text = NSDecimalNumber(decimal: value).description(withLocale: posix)
    if text == "-0" { text = "0" }
    return text
  }

  private static func grouped(_ value: Decimal, decimals: Int) -> String {
    var text = plain(value)
    var fraction = ""
    if let dot = text.firstIndex(of: ".") {
      fraction = String(text[text.index(after: dot)...])
      text = String(text[..<dot])
    }
    if decimals > 0 {
      fraction = String((fraction + String(repeating: "0", count: decimals)).prefix(decimals))
    }
    var groups: [Substring] = []
    var remaining = Substring(text)
    while remaining.count > 3 {
      groups.insert(remaining.suffix(3), at: 0)
      remaining = remaining.dropLast(3)
    }
    groups.insert(remaining, at: 0)
    return groups.joined(separator: ",") + (decimals > 0 ? "." + fraction : "")
  }
}
