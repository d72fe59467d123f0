import Foundation

/// A trace file to read: where it is, and how messages name it (the path the user typed).
/// Its bytes may come from git instead of the disk (`check` reads trace files at a revision).
public struct TraceFile: Sendable, Equatable {
  public var url: URL
  public var displayName: String
  /// The file's bytes when already in memory; nil reads `url`.
  public var contents: Data?
  /// Set when only a piece of a large JSON Lines file is read (`TracePieces`).
  var piece: Piece?

  /// The bytes to read (whole lines), the number of the first line, and whether the piece ends
  /// the file.
  struct Piece: Sendable, Equatable {
    var bytes: Range<Int>
    var firstLine: Int
    var isLast: Bool
  }

  public init(url: URL, displayName: String) {
    self.url = url
    self.displayName = displayName
  }

  /// A file whose bytes are in memory, e.g. read from a git revision.
  public init(contents: Data, displayName: String) {
    url = URL(fileURLWithPath: displayName)
    self.displayName = displayName
    self.contents = contents
  }
}
