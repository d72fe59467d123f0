/// The per-feature result of reading one side's trace files: what `traces summarize` prints
/// and what `traces diff` and `check` compare. Summaries merge, and their JSON form is
/// accepted as trace input.
public struct TraceSummary: Sendable, Equatable {
  public internal(set) var features: [String: FeatureTraceStats]
  /// Bad lines skipped under `--lenient`.
  public internal(set) var skippedLines: Int
  /// Where the first skipped lines were (`file:line:column: reason`), for the warning.
  public internal(set) var skippedExamples: [String]
  public internal(set) var notes: TraceNotes
  /// Models the price table does not know, sorted: their cost is unknown.
  public internal(set) var unknownModels: [String]

  public init(
    features: [String: FeatureTraceStats] = [:], skippedLines: Int = 0, skippedExamples: [String] = [],
    notes: TraceNotes = TraceNotes(), unknownModels: [String] = []
  ) {
    self.features = features
    self.skippedLines = skippedLines
    self.skippedExamples = skippedExamples
    self.notes = notes
    self.unknownModels = unknownModels
  }

  /// Feature ids in output order.
  public var featureIDs: [String] { features.keys.sorted() }

  public var totalCalls: Int { features.values.reduce(0) { $0 + $1.calls } }

  /// The warnings a command prints: skipped lines, left-out records, unknown prices.
  public var warnings: [String] { readingWarnings + pricingWarnings }

  /// Skipped bad lines and records left out on purpose.
  public var readingWarnings: [String] {
    var lines: [String] = []
    if skippedLines > 0 {
      let examples = skippedExamples.isEmpty ? "" : " (first: \(skippedExamples.joined(separator: "; ")))"
      lines.append("skipped \(skippedLines) bad line(s)\(examples)")
    }
    return lines + notes.messages
  }

  /// Models without a price, whose cost is unknown.
  public var pricingWarnings: [String] {
    unknownModels.map {
      "model '\($0)' is not in the price table; its cost is unknown (add it under prices.overrides or pass --prices FILE)"
    }
  }
}

/// Builds a `TraceSummary` call by call (and summary by summary), then prices it.
public struct TraceSummaryBuilder: Sendable {
  private var pricer: TracePricer
  private var features: [String: FeatureTraceStats] = [:]
  private let sampleCapacity: Int
  var skippedLines = 0
  var skippedExamples: [String] = []
  var notes = TraceNotes()

  public init(prices: PriceTable, sampleCapacity: Int = CallReservoir.defaultCapacity) {
    pricer = TracePricer(table: prices)
    self.sampleCapacity = sampleCapacity
  }

  public mutating func add(_ call: TraceCall) {
    features[call.feature, default: FeatureTraceStats(sampleCapacity: sampleCapacity)].add(call, pricer: &pricer)
  }

  public mutating func merge(_ summary: TraceSummary) {
    for (id, stats) in summary.features {
      features[id, default: FeatureTraceStats(sampleCapacity: sampleCapacity)].merge(stats, pricer: &pricer)
    }
    add(skipped: summary.skippedLines, examples: summary.skippedExamples, notes: summary.notes)
  }

  /// Adds another builder's calls and summaries, as if they had come after this one's.
  mutating func merge(_ other: TraceSummaryBuilder) {
    for (id, stats) in other.features {
      features[id, default: FeatureTraceStats(sampleCapacity: sampleCapacity)].merge(stats, pricer: &pricer)
    }
    add(skipped: other.skippedLines, examples: other.skippedExamples, notes: other.notes)
  }

  /// Adds what reading found besides calls.
  mutating func add(_ outcome: TraceLoader.Outcome) {
    add(skipped: outcome.skippedLines, examples: outcome.skippedExamples, notes: outcome.notes)
  }

  private mutating func add(skipped: Int, examples: [String], notes: TraceNotes) {
    skippedLines += skipped
    skippedExamples += examples.prefix(max(0, 3 - skippedExamples.count))
    self.notes.add(notes)
  }

  /// Prices every row and returns the summary.
  public func finish() -> TraceSummary {
    var priced = features
    for id in priced.keys { priced[id]?.price(with: pricer) }
    return TraceSummary(
      features: priced, skippedLines: skippedLines, skippedExamples: skippedExamples, notes: notes,
      unknownModels: pricer.unknownModels.sorted())
  }
}
