/// Why a trace file could not be read. Each names the file (and line:column) and the fix.
public enum TraceError: UserFacingError, Equatable {
  /// A line or value that is not valid JSON, or holds an impossible field.
  case badRecord(file: String, line: Int, column: Int, reason: String)
  /// A valid JSON record that no reader recognises.
  case unknownRecord(file: String, line: Int, keys: [String])
  case unreadable(file: String, reason: String)
  /// One line, or one value of a document, larger than a record may be.
  case recordTooLarge(file: String, line: Int, limit: Int)
  /// A config `traces` path or glob that names no file at the revision checked.
  case noMatch(pattern: String, feature: String, revision: String)

  public var description: String {
    switch self {
    case .badRecord(let file, let line, let column, let reason):
      return "\(file):\(line):\(column): \(reason); fix the record or pass --lenient to skip and count bad lines"
    case .unknownRecord(let file, let line, let keys):
      let shown = keys.prefix(6).joined(separator: ", ")
      return "\(file):\(line):1: record matches no trace format (keys: \(shown)); "
        + "pass --format (one of \(TraceFormat.allCases.map(\.rawValue).joined(separator: ", "))) or --lenient to skip it"
    case .unreadable(let file, let reason):
      return "cannot read trace file '\(file)': \(reason); check the path and its permissions"
    case .recordTooLarge(let file, let line, let limit):
      return "\(file):\(line): a single record is larger than \(limit >> 20) MB; write one call per line (JSON Lines) "
        + "or one per element of a top-level array"
    case .noMatch(let pattern, let feature, let revision):
      return
        "trace path '\(pattern)' of feature '\(feature)' matches no file at \(revision); fix traces in tokentax.json"
    }
  }
}

/// A field-level problem found by a reader: the caller adds the file and line.
struct TraceRecordError: Error, Equatable {
  var reason: String
  /// The byte offset of the offending value in the line, when known.
  var offset: Int?

  init(_ reason: String, offset: Int? = nil) {
    self.reason = reason
    self.offset = offset
  }
}
