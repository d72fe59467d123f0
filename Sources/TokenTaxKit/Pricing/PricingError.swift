/// Why a model has no price.
public enum PricingError: UserFacingError, Equatable {
  case unknownModel(String, closest: [String])
  /// A host-prefixed id with no row of that host; `otherHost` is the row it must not borrow.
  case unpricedAtHost(String, host: String, closest: [String], otherHost: String?)

  public var description: String {
    switch self {
    case .unknownModel(let model, let closest):
      let hint = closest.isEmpty ? "" : " (closest: \(closest.joined(separator: ", ")))"
      return "unknown model '\(model)'\(hint); add it under prices.overrides in tokentax.json or pass --prices FILE"
    case .unpricedAtHost(let model, let host, let closest, let other):
      let rows =
        closest.isEmpty ? "no \(host) row is loaded" : "closest \(host) rows: \(closest.joined(separator: ", "))"
      let borrowed = other.map { "; '\($0)' is another host's price and is not used" } ?? ""
      return "model '\(model)' is served by \(host) at its own rates (\(rows)\(borrowed)); import \(host)'s prices "
        + "(a LiteLLM file with '\(host)/…' rows) through prices.files or --prices, or add '\(model)' under prices.overrides"
    }
  }
}
