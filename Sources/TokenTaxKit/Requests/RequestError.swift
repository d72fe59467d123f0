/// A request body tokentax cannot count, naming the file, the JSON path and what to change.
public enum RequestError: UserFacingError, Equatable {
  case notARequest(file: String)
  case noModel(file: String)
  case invalid(file: String, path: String, expected: String)

  public var description: String {
    switch self {
    case .notARequest(let file):
      return "\(file): not an API request body; expected an object with \"messages\" (OpenAI Chat, Anthropic), "
        + "\"input\" (OpenAI Responses) or \"contents\" (Gemini)"
    case .noModel(let file):
      return "\(file): the request names no model; add \"model\" to the body or pass --model"
    case .invalid(let file, let path, let expected):
      return "\(file): \(path): expected \(expected)"
    }
  }
}
