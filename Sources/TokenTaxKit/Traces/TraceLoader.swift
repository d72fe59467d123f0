import Foundation

/// Reads trace files, streaming, into calls or a summary (docs/traces.md).
///
/// A file is JSON Lines when its name ends in `.jsonl`/`.ndjson` or its first line is a whole
/// JSON value; otherwise it is a document (pretty-printed, or one big array, which streams
/// element by element). Every record's format is detected on its own, so mixed files work.
public enum TraceLoader {
  /// Reads `files` and summarises them per feature, priced with `prices`.
  public static func summarize(_ files: [TraceFile], options: TraceLoadOptions = TraceLoadOptions(), prices: PriceTable)
    throws -> TraceSummary
  {
    var builder = TraceSummaryBuilder(prices: prices, sampleCapacity: options.sampleCapacity)
    // Summaries merge as they are read: memory follows features × models, not the inputs.
    let outcome = try read(files, options: options, onSummary: { builder.merge($0) }, onCall: { builder.add($0) })
    builder.skippedLines += outcome.skippedLines
    builder.skippedExamples += outcome.skippedExamples
    builder.notes.add(outcome.notes)
    return builder.finish()
  }

  /// What reading produced besides calls.
  public struct Outcome: Sendable {
    public var summaries: [TraceSummary] = []
    public var skippedLines = 0
    public var skippedExamples: [String] = []
    public var notes = TraceNotes()
  }

  /// Reads `files` and hands every call to `onCall`, in file order. Summaries read as input go
  /// to `onSummary`, or without it into `Outcome.summaries`.
  public static func read(
    _ files: [TraceFile], options: TraceLoadOptions = TraceLoadOptions(), onSummary: ((TraceSummary) -> Void)? = nil,
    onCall: @escaping (TraceCall) -> Void
  ) throws -> Outcome {
    var collected: [TraceSummary] = []
    let context = TraceReadContext(
      attributor: options.attributor, sink: onCall, onSummary: onSummary ?? { collected.append($0) })
    var outcome = Outcome()
    for file in files {
      var reader = FileRecordReader(file: file, options: options, context: context)
      try reader.run()
      outcome.skippedLines += reader.skipped
      outcome.skippedExamples += reader.examples.prefix(max(0, 3 - outcome.skippedExamples.count))
    }
    context.finishLoad()
    outcome.summaries = collected
    outcome.notes = context.notes
    return outcome
  }
}
