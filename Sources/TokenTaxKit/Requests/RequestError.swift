/// A request body tokentax cannot count at all; a field of the wrong shape is a `JSONFieldError`.
public enum RequestError: UserFacingError, Equatable {
  case notARequest(file: String)
  case noModel(file: String)

  public var description: String {
    switch self {
    case .notARequest(let file):
      return "\(file): not an API request body; expected an object with \"messages\" (OpenAI Chat, Anthropic), "
        + "\"input\" (OpenAI Responses) or \"contents\" (Gemini)"
    case .noModel(let file):
      return "\(file): the request names no model; add \"model\" to the body or pass --model"
    }
  }
}
