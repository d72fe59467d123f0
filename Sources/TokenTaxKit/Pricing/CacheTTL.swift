/// How long a prompt-cache write lives; Anthropic bills the 1-hour cache at a higher write price.
public enum CacheTTL: String, Sendable, CaseIterable {
  case fiveMinutes = "5m"
  case oneHour = "1h"
}
