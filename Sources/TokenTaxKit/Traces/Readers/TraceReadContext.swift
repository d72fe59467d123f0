/// What the readers share while one side's trace files are read: the attribution rules, the
/// streams still open, the spans seen, and counts of what was left out and why.
///
/// Streams end with their file (`finishFile`); spans are resolved once all files are read
/// (`finishLoad`), because a parent span may sit in another file than its child.
final class TraceReadContext {
  let attributor: FeatureAttributor
  private let sink: (TraceCall) -> Void
  /// Takes each summary (`traces summarize --json` output) read as input, as it is read.
  let onSummary: (TraceSummary) -> Void
  var notes = TraceNotes()

  var openAIStreams: [String: PendingCall] = [:]
  var responsesOpen: Set<String> = []
  var anthropicStream: PendingCall?
  var geminiStreams: [String: PendingCall] = [:]
  /// Ids of streams already counted, so a late chunk of a finished stream is not counted again.
  private var finishedStreams = RecentIDs(capacity: 4096)
  var spans = SpanLedger()
  /// Whether to keep the stream ids met (`footprint`), to tell whether files read apart give
  /// what they give read together.
  var recordsFootprint = false
  private var streamIDs: Set<String> = []
  /// A piece of a file ended while a stream was open (its rest is in the next piece).
  private var streamsOpenAtEnd = false

  init(attributor: FeatureAttributor, sink: @escaping (TraceCall) -> Void, onSummary: @escaping (TraceSummary) -> Void)
  {
    self.attributor = attributor
    self.sink = sink
    self.onSummary = onSummary
  }

  func emit(_ call: TraceCall) { sink(call) }

  func isFinishedStream(_ id: String) -> Bool {
    if recordsFootprint { streamIDs.insert(id) }
    return finishedStreams.contains(id)
  }

  func finishStream(_ id: String) {
    if recordsFootprint { streamIDs.insert(id) }
    finishedStreams.insert(id)
  }

  /// What this reading shares with the reading of other files (needs `recordsFootprint`).
  var footprint: TraceFootprint {
    TraceFootprint(
      spans: spans.keys, streams: streamIDs, waitsForOthers: spans.holdsAggregates || streamsOpenAtEnd)
  }

  func noteOpenStreamsAtEnd() {
    if !openAIStreams.isEmpty || !responsesOpen.isEmpty || anthropicStream != nil || !geminiStreams.isEmpty {
      streamsOpenAtEnd = true
    }
  }

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
