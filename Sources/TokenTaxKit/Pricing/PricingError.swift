/// Why a model has no price.
public enum PricingError: UserFacingError, Equatable {
  case unknownModel(String, closest: [String])

  public var description: String {
    switch self {
    case .unknownModel(let model, let closest):
      let hint = closest.isEmpty ? "" : " (closest: \(closest.joined(separator: ", ")))"
      return "unknown model '\(model)'\(hint); add it under prices.overrides in tokentax.json or pass --prices FILE"
    }
  }
}
