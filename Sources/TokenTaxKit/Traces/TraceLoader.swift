import Foundation

/// Reads trace files, streaming, into calls or a summary (docs/traces.md).
///
/// A file is JSON Lines when its name ends in `.jsonl`/`.ndjson` or its first line is a whole
/// JSON value; otherwise it is a document (pretty-printed, or one big array, which streams
/// element by element). Every record's format is detected on its own, so mixed files work.
public enum TraceLoader {
  /// Reads `files` and summarises them per feature, priced with `prices`. Several files, and
  /// the pieces of a large JSON Lines file (`TracePieces`), are read on `options.jobs` cores
  /// when that gives the same summary as reading them in order (`TraceFootprint`); otherwise
  /// in order, on one.
  public static func summarize(_ files: [TraceFile], options: TraceLoadOptions = TraceLoadOptions(), prices: PriceTable)
    throws -> TraceSummary
  {
    let pieces = TracePieces.split(files, jobs: options.jobs, minimum: options.pieceMinimumBytes)
    if options.jobs > 1, pieces.count > 1, let summary = try summarizeApart(pieces, options: options, prices: prices) {
      return summary
    }
    return try unpriced(files, options: options, prices: prices, recordingFootprint: false).builder.finish()
  }

  /// The unpriced summary of `files`, and with `recordingFootprint` what reading them shared.
  private static func unpriced(
    _ files: [TraceFile], options: TraceLoadOptions, prices: PriceTable, recordingFootprint: Bool
  ) throws -> (builder: TraceSummaryBuilder, footprint: TraceFootprint?) {
    var builder = TraceSummaryBuilder(prices: prices, sampleCapacity: options.sampleCapacity)
    // Summaries merge as they are read: memory follows features × models, not the inputs.
    let outcome = try read(
      files, options: options, recordingFootprint: recordingFootprint, onSummary: { builder.merge($0) },
      onCall: { builder.add($0) })
    builder.add(outcome)
    return (builder, outcome.footprint)
  }

  /// Each file summarised on its own, `jobs` at a time, merged in file order; nil as soon as a
  /// file's footprint meets another's (a duplicate or a parent span in another file), since
  /// then only reading them together gives the right summary.
  static func summarizeApart(_ files: [TraceFile], options: TraceLoadOptions, prices: PriceTable) throws
    -> TraceSummary?
  {
    var builder = TraceSummaryBuilder(prices: prices, sampleCapacity: options.sampleCapacity)
    var union = TraceFootprint.Union()
    for start in stride(from: 0, to: files.count, by: options.jobs) {
      let batch = Array(files[start..<min(start + options.jobs, files.count)])
      let parts = try Parallel.map(batch) { file in
        try unpriced([file], options: options, prices: prices, recordingFootprint: true)
      }
      for (part, footprint) in parts {
        guard let footprint, union.add(footprint) else { return nil }
        builder.merge(part)
      }
    }
    return builder.finish()
  }

  /// What reading produced besides calls.
  public struct Outcome: Sendable {
    public var summaries: [TraceSummary] = []
    public var skippedLines = 0
    public var skippedExamples: [String] = []
    public var notes = TraceNotes()
    /// What the reading shared across files, when asked for.
    var footprint: TraceFootprint?
  }

  /// Reads `files` and hands every call to `onCall`, in file order. Summaries read as input go
  /// to `onSummary`, or without it into `Outcome.summaries`.
  public static func read(
    _ files: [TraceFile], options: TraceLoadOptions = TraceLoadOptions(), onSummary: ((TraceSummary) -> Void)? = nil,
    onCall: @escaping (TraceCall) -> Void
  ) throws -> Outcome {
    try read(files, options: options, recordingFootprint: false, onSummary: onSummary, onCall: onCall)
  }

  private static func read(
    _ files: [TraceFile], options: TraceLoadOptions, recordingFootprint: Bool, onSummary: ((TraceSummary) -> Void)?,
    onCall: @escaping (TraceCall) -> Void
  ) throws -> Outcome {
    var collected: [TraceSummary] = []
    let context = TraceReadContext(
      attributor: options.attributor, sink: onCall, onSummary: onSummary ?? { collected.append($0) })
    context.recordsFootprint = recordingFootprint
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
    if recordingFootprint { outcome.footprint = context.footprint }
    return outcome
  }
}
