/// Where the encoder puts token ids: an array for `encode`, a counter for `count`, so counting
/// allocates no ids. The encoder is generic over the sink and specialised for each.
protocol TokenSink {
  /// False when the sink only counts, so the encoder may skip finding the ids.
  static var needsTokens: Bool { get }
  mutating func append(_ token: UInt32)
}

extension TokenSink {
  static var needsTokens: Bool { true }
}

/// Counts tokens.
struct TokenCounter: TokenSink {
  static var needsTokens: Bool { false }
  var count = 0
  @inline(__always) mutating func append(_ token: UInt32) { count += 1 }
}

/// Collects token ids.
struct TokenCollector: TokenSink {
  var ids: [Int] = []
  @inline(__always) mutating func append(_ token: UInt32) { ids.append(Int(token)) }
}
