/// A price file (or `prices.overrides`) that cannot be read: the file, the field path and the fix.
public struct PriceFileError: UserFacingError, Equatable {
  public var file: String
  /// Where in the document, e.g. `models.acme-ft-1.input`; nil for the whole file.
  public var path: String?
  public var problem: String

  public init(file: String, path: String? = nil, problem: String) {
    self.file = file
    self.path = path
    self.problem = problem
  }

  public var description: String {
    "\(file): " + (path.map { "\($0): " } ?? "") + problem
  }
}
