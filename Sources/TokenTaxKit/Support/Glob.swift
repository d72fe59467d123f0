/// Path globs for config `file` entries: `*` and `?` within a segment, `**` across segments.
public struct Glob: Sendable, Equatable {
  public let pattern: String
  private let segments: [Substring]

  public init(_ pattern: String) {
    self.pattern = pattern
    self.segments = pattern.split(separator: "/", omittingEmptySubsequences: true)
  }

  /// Whether the pattern has any wildcard (a plain path must exist, a glob may match nothing).
  public var isPattern: Bool { pattern.contains(where: { "*?[".contains($0) }) }

  public func matches(_ path: String) -> Bool {
    Glob.match(segments[...], path.split(separator: "/")[...])
  }

  /// The matching paths among `paths`, sorted so the prompt order is stable.
  public func filter(_ paths: [String]) -> [String] {
    isPattern ? paths.filter(matches).sorted() : paths.filter { $0 == pattern }
  }

  private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
    guard let head = pattern.first else { return path.isEmpty }
    if head == "**" {
      var rest = path
      while true {
        if match(pattern.dropFirst(), rest) { return true }
        if rest.isEmpty { return false }
        rest = rest.dropFirst()
      }
    }
    guard let segment = path.first, matchSegment(Array(head.utf8)[...], Array(segment.utf8)[...]) else { return false }
    return match(pattern.dropFirst(), path.dropFirst())
  }

  private static func matchSegment(_ pattern: ArraySlice<UInt8>, _ name: ArraySlice<UInt8>) -> Bool {
    guard let first = pattern.first else { return name.isEmpty }
    switch first {
    case UInt8(ascii: "*"):
      var rest = name
      while true {
        if matchSegment(pattern.dropFirst(), rest) { return true }
        if rest.isEmpty { return false }
        rest = rest.dropFirst()
      }
    case UInt8(ascii: "?"):
      return !name.isEmpty && matchSegment(pattern.dropFirst(), name.dropFirst())
    default:
      return name.first == first && matchSegment(pattern.dropFirst(), name.dropFirst())
    }
  }
}
