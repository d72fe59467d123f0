/// What reading one trace file shares with reading the others: the span and message ids it
/// registered (a duplicate may sit in another file), the stream ids it met (a late chunk may
/// follow in another file), and whether aggregate spans wait for spans of other files.
///
/// Files whose footprints do not meet, and hold no aggregate spans, summarize apart exactly as
/// they summarize together, so they can be read on all cores (`TraceLoader.summarize`).
struct TraceFootprint: Sendable {
  var spans: Set<UInt64>
  var streams: Set<String>
  var holdsAggregates: Bool

  /// The footprints of files read so far, and whether each new one stays apart from them.
  struct Union {
    private var spans: Set<UInt64> = []
    private var streams: Set<String> = []

    /// Adds `footprint`; false when it meets an earlier one or holds aggregate spans.
    mutating func add(_ footprint: TraceFootprint) -> Bool {
      guard !footprint.holdsAggregates, spans.isDisjoint(with: footprint.spans),
        streams.isDisjoint(with: footprint.streams)
      else { return false }
      spans.formUnion(footprint.spans)
      streams.formUnion(footprint.streams)
      return true
    }
  }
}
