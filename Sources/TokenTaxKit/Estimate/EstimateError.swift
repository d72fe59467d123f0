/// A feature that cannot be estimated as configured.
public enum EstimateError: UserFacingError, Equatable {
  case noModel(feature: String)
  case invalidJSONPart(file: String, reason: String)

  public var description: String {
    switch self {
    case .noModel(let feature):
      return "feature '\(feature)' has no model; set \"model\" on it or \"defaults.model\" in tokentax.json"
    case .invalidJSONPart(let file, let reason):
      return "\(file): tools/schema parts must be JSON: \(reason)"
    }
  }
}
