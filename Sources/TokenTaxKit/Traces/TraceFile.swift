import Foundation

/// A trace file to read: where it is, and how messages name it (the path the user typed).
/// Its bytes may come from git instead of the disk (`check` reads trace files at a revision).
public struct TraceFile: Sendable, Equatable {
  public var url: URL
  public var displayName: String
  /// The file's bytes when already in memory; nil reads `url`.
  public var contents: Data?
  /// A piece of a large JSON Lines file (`TracePieces`): the bytes to read, whole lines, and
  /// the number of the first.
  var piece: (bytes: Range<Int>, firstLine: Int, isLast: Bool)?

  public static func == (a: TraceFile, b: TraceFile) -> Bool {
    a.url == b.url && a.displayName == b.displayName && a.contents == b.contents
      && a.piece?.bytes == b.piece?.bytes && a.piece?.firstLine == b.piece?.firstLine
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
