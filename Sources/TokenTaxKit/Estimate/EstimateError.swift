/// A feature that cannot be estimated as configured.
public enum EstimateError: UserFacingError, Equatable {
  /// `runtimeModel` says which front matter gives a model filled in at run time.
  case noModel(feature: String, runtimeModel: String? = nil)
  case invalidJSONPart(file: String, reason: String)

  public var description: String {
    switch self {
    case .noModel(let feature, let runtimeModel):
      let why = runtimeModel.map { " (\($0), filled in at run time)" }
      return
        "feature '\(feature)' has no model\(why ?? ""); set \"model\" on it or \"defaults.model\" in tokentax.json"
    case .invalidJSONPart(let file, let reason):
      return "\(file): tools/schema parts must be JSON: \(reason)"
    }
  }
}
