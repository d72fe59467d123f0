/// A prompt file that cannot be read as the template it claims to be.
public enum PromptError: UserFacingError, Equatable {
  case syntax(file: String, line: Int, column: Int, reason: String)
  case notText(file: String, byteOffset: Int)
  case noFiles(feature: String, pattern: String, revision: String)

  public var description: String {
    switch self {
    case .syntax(let file, let line, let column, let reason):
      return "\(file):\(line):\(column): \(reason)"
    case .notText(let file, let offset):
      return "\(file): not UTF-8 text (invalid or binary byte at offset \(offset)); point the feature at a text file"
    case .noFiles(let feature, let pattern, let revision):
      return "feature '\(feature)': prompt file '\(pattern)' matches no file at \(revision); fix the path in tokentax.json"
    }
  }
}
