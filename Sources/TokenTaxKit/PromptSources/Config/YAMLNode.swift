import Foundation

/// A node of a YAML (or JSON) document, with the position it starts at.
struct YAMLNode: Sendable {
  enum Content: Sendable {
    /// A scalar; `plain` is false for quoted and block scalars (always strings).
    case scalar(SourceString, plain: Bool)
    case mapping([(key: String, value: YAMLNode)])
    case sequence([YAMLNode])
  }

  var content: Content
  var line: Int
  var column: Int

  /// What the node is, for messages.
  var kind: String {
    switch content {
    case .scalar(let value, let plain):
      if plain, value.text.isEmpty || value.text == "~" || value.text == "null" { return "empty (null)" }
      return "a scalar"
    case .mapping(let entries):
      let keys = entries.prefix(5).map(\.key).joined(separator: ", ")
      return "a mapping (keys: \(keys)\(entries.count > 5 ? ", …" : ""))"
    case .sequence(let items):
      return "a list of \(items.count) item\(items.count == 1 ? "" : "s")"
    }
  }

  func child(_ key: String) -> YAMLNode? {
    guard case .mapping(let entries) = content else { return nil }
    return entries.last { $0.key == key }?.value
  }

  func item(_ index: Int) -> YAMLNode? {
    guard case .sequence(let items) = content, items.indices.contains(index) else { return nil }
    return items[index]
  }
}
