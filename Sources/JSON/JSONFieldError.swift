/// A JSON document that parsed but does not hold what its reader needs, naming the field:
/// `tokentax.json: features[2].calls_per_day must be a number from 0 to 100000000000, not the string "10"`.
///
/// Config files, price files and saved reports all fail with this one error through `JSONNode`.
public struct JSONFieldError: Error, Equatable, CustomStringConvertible {
  public var file: String
  /// Where in the document, e.g. `features[2].head.input_tokens`; empty for the document itself.
  public var path: String
  /// What is wrong, as the rest of a sentence whose subject is the path: "is missing",
  /// "must be a string, not a number".
  public var problem: String
  /// What to do about it, when the problem alone does not say.
  public var remedy: String?

  public init(file: String, path: String, problem: String, remedy: String? = nil) {
    self.file = file
    self.path = path
    self.problem = problem
    self.remedy = remedy
  }

  public var description: String {
    "\(file): \(path.isEmpty ? "the document" : path) \(problem)" + (remedy.map { "; \($0)" } ?? "")
  }
}
