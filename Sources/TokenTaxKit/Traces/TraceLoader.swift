import Foundation

/// Reads trace files, streaming, into calls or a summary (SPEC §7).
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
    let outcome = try read(files, options: options) { builder.add($0) }
    for summary in outcome.summaries { builder.merge(summary) }
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

  /// Reads `files` and hands every call to `onCall`, in file order.
  public static func read(_ files: [TraceFile], options: TraceLoadOptions = TraceLoadOptions(), onCall: @escaping (TraceCall) -> Void)
    throws -> Outcome
  {
    let context = TraceReadContext(attributor: options.attributor, sink: onCall)
    var outcome = Outcome()
    for file in files {
      var reader = FileRecordReader(file: file, options: options, context: context)
      try reader.run()
      outcome.skippedLines += reader.skipped
      outcome.skippedExamples += reader.examples.prefix(max(0, 3 - outcome.skippedExamples.count))
    }
    context.finishLoad()
    outcome.summaries = context.summaries
    outcome.notes = context.notes
    return outcome
  }
}
