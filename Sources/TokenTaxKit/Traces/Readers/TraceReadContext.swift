/// What the readers share while one side's trace files are read: the attribution rules, the
/// streams still open, the spans seen, and counts of what was left out and why.
///
/// Streams end with their file (`finishFile`); spans are resolved once all files are read
/// (`finishLoad`), because a parent span may sit in another file than its child.
final class TraceReadContext {
  let attributor: FeatureAttributor
  private let sink: (TraceCall) -> Void
  /// Summaries (`traces summarize --json` output) read as inputs.
  var summaries: [TraceSummary] = []
  var notes = TraceNotes()

  var openAIStreams: [String: PendingCall] = [:]
  var responsesOpen: Set<String> = []
  var anthropicStream: PendingCall?
  var geminiStreams: [String: PendingCall] = [:]
  /// Ids of streams already counted, so a late chunk of a finished stream is not counted again.
  var finishedStreams = RecentIDs(capacity: 4096)
  var spans = SpanLedger()

  init(attributor: FeatureAttributor, sink: @escaping (TraceCall) -> Void) {
    self.attributor = attributor
    self.sink = sink
  }

  func emit(_ call: TraceCall) { sink(call) }

  /// Ends the streams of the file just read: a stream whose usage arrived is counted, one cut
  /// off before its usage is reported as incomplete (its usage is unknown, not zero).
  func finishFile() throws(TraceRecordError) {
    for key in openAIStreams.keys.sorted() {
      guard let pending = openAIStreams[key] else { continue }
      if let call = try OpenAIReader.call(from: pending) { emit(call) } else { notes.incompleteStreams += 1 }
    }
    openAIStreams.removeAll()
    notes.incompleteStreams += responsesOpen.count
    responsesOpen.removeAll()
    if let pending = anthropicStream { emit(try AnthropicReader.call(from: pending)) }
    anthropicStream = nil
    for key in geminiStreams.keys.sorted() {
      guard let pending = geminiStreams[key] else { continue }
      emit(try GeminiReader.call(from: pending))
    }
    geminiStreams.removeAll()
  }

  /// Resolves spans once every file is read: an agent or workflow span whose descendants
  /// carry usage is an aggregate of them and is left out; one without is counted.
  func finishLoad() {
    let (kept, dropped) = spans.resolve()
    notes.aggregateSpans += dropped
    kept.forEach(emit)
  }
}

/// A streamed call whose usage may still change: its template (feature, model, case) and the
/// provider's raw usage object merged so far (later events overwrite earlier keys, because
/// streamed counts are cumulative running totals: take the last, never add).
struct PendingCall {
  var call: TraceCall
  var usage: [String: JSONValue]
  var hasUsage: Bool { !usage.isEmpty }

  mutating func merge(_ update: JSONValue?) {
    guard case .object(let members)? = update else { return }
    for (key, value) in members where value != .null { usage[key] = value }
  }
}

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

  public init() {}

  mutating func add(_ other: TraceNotes) {
    incompleteStreams += other.incompleteStreams
    duplicates += other.duplicates
    aggregateSpans += other.aggregateSpans
    cachedResponses += other.cachedResponses
    failedRequests += other.failedRequests
    graderCalls += other.graderCalls
  }

  /// One line per non-zero count.
  public var messages: [String] {
    var lines: [String] = []
    if incompleteStreams > 0 {
      lines.append("\(incompleteStreams) streamed call(s) ended before their usage was recorded; their tokens are unknown and not counted")
    }
    if duplicates > 0 { lines.append("\(duplicates) record(s) appeared twice (same id) and were counted once") }
    if aggregateSpans > 0 {
      lines.append("\(aggregateSpans) parent span(s) carried the sum of their children's usage and were not counted again")
    }
    if cachedResponses > 0 {
      lines.append("\(cachedResponses) response(s) came from a proxy or eval cache (no provider call) and were not counted")
    }
    if failedRequests > 0 { lines.append("\(failedRequests) failed request(s) without usage were not counted") }
    if graderCalls > 0 {
      lines.append("\(graderCalls) grader token record(s) in eval results were left out (they are the grader's, not the app's)")
    }
    return lines
  }
}

/// A bounded set of recently seen ids (a ring), for "already finished" checks in streams.
struct RecentIDs {
  private var ring: [String?]
  private var members: Set<String> = []
  private var next = 0

  init(capacity: Int) { ring = Array(repeating: nil, count: capacity) }

  func contains(_ id: String) -> Bool { members.contains(id) }

  mutating func insert(_ id: String) {
    guard !members.contains(id) else { return }
    if let evicted = ring[next] { members.remove(evicted) }
    ring[next] = id
    members.insert(id)
    next = (next + 1) % ring.count
  }
}
