import Foundation

/// How trace files are read.
public struct TraceLoadOptions: Sendable {
  /// Forces one format instead of detecting it per record.
  public var format: TraceFormat?
  /// Skip and count bad lines instead of stopping at the first.
  public var lenient: Bool
  public var attributor: FeatureAttributor
  public var sampleCapacity: Int
  /// How many files may be read at once (`TraceLoader.summarize`).
  public var jobs: Int
  /// Whether lines may take the fast paths that read fields straight from the bytes; off only in
  /// tests that check the fast paths give what the general path gives.
  var fastPaths = true
  /// The most one line or document value may take; tests lower it.
  var maximumRecordBytes = 64 << 20
  /// The size from which a JSON Lines file is read in pieces (`TracePieces`); tests lower it.
  var pieceMinimumBytes = TracePieces.minimumBytes

  public init(
    format: TraceFormat? = nil, lenient: Bool = false, attributor: FeatureAttributor = FeatureAttributor(),
    sampleCapacity: Int = CallReservoir.defaultCapacity, jobs: Int = ProcessInfo.processInfo.activeProcessorCount
  ) {
    self.jobs = max(1, jobs)
    self.format = format
    self.lenient = lenient
    self.attributor = attributor
    self.sampleCapacity = sampleCapacity
  }
}
