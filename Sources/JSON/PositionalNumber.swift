/// Rewrites a JSON number in exponent form (`-7.1e-05`) as the same digits in positional form
/// (`-0.000071`), so no report ever shows exponent notation: spreadsheet imports, `jq`
/// comparisons and people all misread it. Text without an exponent is returned unchanged.
///
/// Pure string arithmetic on the digits: no rounding, no binary floating point.
enum PositionalNumber {
  static func text(_ number: String) -> String {
    guard let marker = number.firstIndex(where: { $0 == "e" || $0 == "E" }),
      let exponent = Int(number[number.index(after: marker)...].drop { $0 == "+" })
    else { return number }
    var mantissa = Substring(number[..<marker])
    let negative = mantissa.hasPrefix("-")
    if negative { mantissa = mantissa.dropFirst() }
    let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    let whole = parts.first.map(String.init) ?? ""
    let fraction = parts.count > 1 ? String(parts[1]) : ""
    var digits = Array(whole + fraction)
    // The position of the decimal point within `digits`, moved by the exponent.
    var point = whole.count + exponent
    if point < 0 {
      digits = Array(repeating: "0", count: -point) + digits
      point = 0
    }
    if point > digits.count { digits += Array(repeating: "0", count: point - digits.count) }
    var integer = String(digits[..<point]).drop { $0 == "0" }
    var decimals = Substring(String(digits[point...]))
    while decimals.last == "0" { decimals = decimals.dropLast() }
    if integer.isEmpty { integer = "0" }
    let body = decimals.isEmpty ? String(integer) : "\(integer).\(decimals)"
    return negative && body != "0" ? "-" + body : body
  }
}
