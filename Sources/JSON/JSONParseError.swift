/// A syntax error in a JSON document, with its 1-based line and column.
public struct JSONParseError: Error, Equatable, CustomStringConvertible {
  /// The file the text came from, when known (set by the caller).
  public var file: String?
  public var line: Int
  public var column: Int
  public var reason: String

  public init(file: String? = nil, line: Int, column: Int, reason: String) {
    self.file = file
    self.line = line
    self.column = column
    self.reason = reason
  }

  public var description: String {
    "\(file ?? "<input>"):\(line):\(column): \(reason)"
  }

  /// The same error attributed to `file`.
  public func `in`(_ file: String) -> JSONParseError {
    var copy = self
    copy.file = file
    return copy
  }
}
