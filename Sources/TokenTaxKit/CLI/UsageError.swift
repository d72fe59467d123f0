/// Bad command-line usage (unknown flag, missing value, conflicting options).
public struct UsageError: UserFacingError, Equatable {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
