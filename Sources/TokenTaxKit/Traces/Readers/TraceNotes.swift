/// What the readers left out on purpose, reported as warnings so nothing vanishes silently.
public struct TraceNotes: Sendable, Equatable {
  /// Streams cut off before their usage arrived.
  public var incompleteStreams = 0
  /// Records listed twice (same span, observation or request id).
  public var duplicates = 0
  /// Parent spans whose usage is the sum of their children's.
  public var aggregateSpans = 0
  /// Responses served from a proxy's or eval tool's own cache (no provider call, not billed).
  public var cachedResponses = 0
  /// Failed or errored requests without usage.
  public var failedRequests = 0
  /// Grader (model-graded assertion) calls in eval exports, which are not the app's calls.
  public var graderCalls = 0
  /// Records that look like another format than the one `--format` forced.
  public var formatMismatches = 0

  public init() {}

  mutating func add(_ other: TraceNotes) {
    incompleteStreams += other.incompleteStreams
    duplicates += other.duplicates
    aggregateSpans += other.aggregateSpans
    cachedResponses += other.cachedResponses
    failedRequests += other.failedRequests
    graderCalls += other.graderCalls
    formatMismatches += other.formatMismatches
  }

  /// One line per non-zero count.
  public var messages: [String] {
    var lines: [String] = []
    if incompleteStreams > 0 {
      lines.append(
        "\(incompleteStreams) streamed call(s) ended before their usage was recorded; their tokens are unknown and not counted"
      )
    }
    if duplicates > 0 { lines.append("\(duplicates) record(s) appeared twice (same id) and were counted once") }
    if aggregateSpans > 0 {
      lines.append(
        "\(aggregateSpans) parent span(s) carried the sum of their children's usage and were not counted again")
    }
    if cachedResponses > 0 {
      lines.append(
        "\(cachedResponses) response(s) came from a proxy or eval cache (no provider call) and were not counted")
    }
    if failedRequests > 0 { lines.append("\(failedRequests) failed request(s) without usage were not counted") }
    if graderCalls > 0 {
      lines.append(
        "\(graderCalls) grader token record(s) in eval results were left out (they are the grader's, not the app's)")
    }
    if formatMismatches > 0 {
      lines.append(
        "\(formatMismatches) record(s) look like another format than --format says; their tokens may be missing or wrong"
      )
    }
    return lines
  }
}
