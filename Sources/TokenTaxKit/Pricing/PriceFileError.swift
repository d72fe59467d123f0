import JSON

/// A price file that cannot be used as a whole (unreadable, of no known format, imported twice),
/// with the fix; a field that is wrong is a `JSONFieldError`.
public struct PriceFileError: UserFacingError, Equatable {
  public var file: String
  public var problem: String

  public init(file: String, problem: String) {
    self.file = file
    self.problem = problem
  }

  public var description: String { "\(file): \(problem)" }
}
