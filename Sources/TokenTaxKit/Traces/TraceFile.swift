import Foundation

/// A trace file to read: where it is, and how messages name it (the path the user typed).
public struct TraceFile: Sendable, Equatable {
  public var url: URL
  public var displayName: String

  public init(url: URL, displayName: String) {
    self.url = url
    self.displayName = displayName
  }
}
