import JSON

/// Timestamps as ISO 8601 text, converted without `DateFormatter` (slow, locale-bound).
enum TraceTimestamp {
  /// `2026-11-20T10:00:00Z` from Unix seconds (fractions kept to milliseconds).
  static func iso(epochSeconds: Double) -> String? {
    guard epochSeconds.isFinite, epochSeconds >= 0, epochSeconds < 32_503_680_000 else { return nil }
    let millis = Int((epochSeconds * 1000).rounded())
    let seconds = millis / 1000
    let (y, m, d) = civil(days: seconds / 86_400)
    let secondOfDay = seconds % 86_400
    // Digits written into one buffer: this runs once per trace call, and string
    // concatenation was a tenth of reading an OpenAI line.
    var text: [UInt8] = []
    text.reserveCapacity(24)
    func append(_ value: Int, _ width: Int, then separator: UInt8?) {
      var divisor = 1
      for _ in 1..<width { divisor *= 10 }
      var rest = value
      // A year past 9999 cannot occur (checked above), so `width` digits always suffice.
      while divisor > 0 {
        text.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
        rest %= divisor
        divisor /= 10
      }
      if let separator { text.append(separator) }
    }
    append(y, 4, then: UInt8(ascii: "-"))
    append(m, 2, then: UInt8(ascii: "-"))
    append(d, 2, then: UInt8(ascii: "T"))
    append(secondOfDay / 3600, 2, then: UInt8(ascii: ":"))
    append(secondOfDay / 60 % 60, 2, then: UInt8(ascii: ":"))
    append(secondOfDay % 60, 2, then: nil)
    if millis % 1000 != 0 {
      text.append(UInt8(ascii: "."))
      append(millis % 1000, 3, then: nil)
    }
    text.append(UInt8(ascii: "Z"))
    return String(decoding: text, as: UTF8.self)
  }

  /// A timestamp field that may be ISO text, Unix seconds, milliseconds or nanoseconds
  /// (OTLP's `startTimeUnixNano` arrives as a decimal string).
  static func text(_ value: JSONValue?) -> String? {
    guard let value else { return nil }
    if case .string(let text) = value, !text.isEmpty, text.utf8.contains(UInt8(ascii: "-")) { return text }
    guard let number = value.doubleValue, number > 0 else { return nil }
    switch number {
    case ..<1e11: return iso(epochSeconds: number)
    case ..<1e14: return iso(epochSeconds: number / 1e3)
    case ..<1e17: return iso(epochSeconds: number / 1e6)
    default: return iso(epochSeconds: number / 1e9)
    }
  }

  /// Howard Hinnant's days-from-civil inverse: proleptic Gregorian date of a day number.
  private static func civil(days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}
