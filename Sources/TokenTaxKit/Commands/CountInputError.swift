/// A `tokentax count` input that cannot be counted: missing, not a regular file, not UTF-8 text, or empty.
public struct CountInputError: UserFacingError, Equatable {
  public enum Problem: Equatable, Sendable {
    case missing
    case directory
    case unreadable
    /// A named pipe, device or socket: reading it could block or never end.
    case notRegular(String)
    /// A JSON Lines file of request bodies with no line in it.
    case noRequests
    case binary(byteOffset: Int)
    case invalidUTF8(byteOffset: Int)
  }

  public var file: String
  public var problem: Problem

  public var description: String {
    switch problem {
    case .missing:
      return "\(file): no such file; check the path (use - to read stdin)"
    case .directory:
      return "\(file): is a directory; pass the files inside it, e.g. '\(file)/*.md'"
    case .unreadable:
      return "\(file): cannot be read; check its permissions"
    case .notRegular(let reason):
      return "\(file): \(reason); pass a file, or pipe it to stdin with -"
    case .noRequests:
      return "\(file): holds no requests; a batch file has one JSON request body per line"
    case .binary(let offset):
      return
        "\(file): looks binary (NUL byte at byte offset \(offset)); count text files only, or convert UTF-16 text to UTF-8"
    case .invalidUTF8(let offset):
      return "\(file): invalid UTF-8 at byte offset \(offset); convert the file to UTF-8 (e.g. iconv -t UTF-8)"
    }
  }
}
