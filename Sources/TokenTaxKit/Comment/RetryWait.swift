import Foundation

/// How long a rate-limited response asks the client to wait, read defensively: the headers come
/// from the server and may hold anything (`inf`, `1e300`, a negative number, a date).
enum RetryWait: Equatable {
  /// Seconds to wait, finite and at least 0.
  case seconds(TimeInterval)
  /// The header was there but held no usable time.
  case unusable(header: String, value: String)

  /// The wait a response asks for, or nil when it is not a rate limit (429, or 403 with an
  /// exhausted quota or a `Retry-After`).
  static func of(_ response: HTTPResponse, now: Date) -> RetryWait? {
    let retryAfter = response.header("retry-after")
    let exhausted = response.header("x-ratelimit-remaining")?.trimmingCharacters(in: .whitespaces) == "0"
    guard response.status == 429 || (response.status == 403 && (exhausted || retryAfter != nil)) else { return nil }
    if let retryAfter {
      // RFC 9110: delay-seconds or an HTTP-date.
      if let seconds = wholeSeconds(retryAfter) { return .seconds(seconds) }
      if let date = httpDate(retryAfter) { return .seconds(max(0, date.timeIntervalSince(now))) }
      return .unusable(header: "Retry-After", value: retryAfter)
    }
    if let reset = response.header("x-ratelimit-reset") {
      guard let epoch = wholeSeconds(reset) else { return .unusable(header: "X-RateLimit-Reset", value: reset) }
      return .seconds(max(0, epoch - now.timeIntervalSince1970))
    }
    return .seconds(60)
  }

  /// A non-negative decimal integer of at most 12 digits (beyond year 30000 as an epoch).
  private static func wholeSeconds(_ text: String) -> TimeInterval? {
    let digits = text.trimmingCharacters(in: .whitespaces)
    guard (1...12).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(digits)
    else {
      return nil
    }
    return TimeInterval(value)
  }

  private static func httpDate(_ text: String) -> Date? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    return formatter.date(from: text.trimmingCharacters(in: .whitespaces))
  }
}
