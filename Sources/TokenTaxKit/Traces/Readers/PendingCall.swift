import JSON

/// A streamed call whose usage may still change: its template (feature, model, case) and the
/// provider's raw usage object merged so far (later events overwrite earlier keys, because
/// streamed counts are cumulative running totals: take the last, never add).
struct PendingCall {
  var call: TraceCall
  var usage: JSONObject
  var hasUsage: Bool { !usage.isEmpty }

  mutating func merge(_ update: JSONValue?) {
    guard case .object(let members)? = update else { return }
    for (key, value) in members where value != .null { usage[key] = value }
  }
}
