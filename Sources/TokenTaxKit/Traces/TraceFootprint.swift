/// What reading one trace file (or piece of one) shares with reading the others: the span and
/// message ids it registered (a duplicate may sit in another file), the stream ids it met (a
/// late chunk may follow in another file), and whether it holds what only the others can
/// settle: aggregate spans, which wait for every file's spans, or a stream still open where a
/// piece ends.
///
/// Files whose footprints do not meet, and that wait for nothing, summarize apart exactly as
/// they summarize together, so they can be read on all cores (`TraceLoader.summarize`).
struct TraceFootprint: Sendable {
  var spans: Set<UInt64>
  var streams: Set<String>
  var waitsForOthers: Bool

  /// The footprints of files read so far, and whether each new one stays apart from them.
  struct Union {
    private var spans: Set<UInt64> = []
    private var streams: Set<String> = []

    /// Adds `footprint`; false when it meets an earlier one or waits for others.
    mutating func add(_ footprint: TraceFootprint) -> Bool {
      guard !footprint.waitsForOthers, spans.isDisjoint(with: footprint.spans),
        streams.isDisjoint(with: footprint.streams)
      else { return false }
      spans.formUnion(footprint.spans)
      streams.formUnion(footprint.streams)
      return true
    }
  }
}
