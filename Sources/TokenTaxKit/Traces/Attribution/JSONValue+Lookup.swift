import JSON

extension JSONValue {
  /// The value at a dotted `path`. Keys may contain dots themselves (the longest key that
  /// exists wins), array elements are addressed by index, and a string holding a JSON object or
  /// array is parsed when the path goes on into it (exports often store metadata that way).
  func lookup(path: String) -> JSONValue? {
    let components = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    return lookup(components[...])
  }

  private func lookup(_ components: ArraySlice<String>) -> JSONValue? {
    guard let first = components.first else { return self }
    switch self {
    case .object(let members):
      var end = components.endIndex
      while end > components.startIndex {
        let key = components[components.startIndex..<end].joined(separator: ".")
        if let child = members[key], let found = child.lookup(components[end...]) { return found }
        end -= 1
      }
      return nil
    case .array(let items):
      guard let index = Int(first), items.indices.contains(index) else { return nil }
      return items[index].lookup(components.dropFirst())
    case .string:
      return embeddedJSON?.lookup(components)
    default:
      return nil
    }
  }

  /// The JSON document inside a string value (`"{\"feature\":\"x\"}"`), if it holds one.
  var embeddedJSON: JSONValue? {
    guard case .string(let text) = self, let first = text.utf8.first(where: { $0 != 0x20 }),
      first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    else { return nil }
    return try? JSONParser().parse(text)
  }

  /// The member `key` as an object, also when it is stored as a JSON string.
  func object(_ key: String) -> JSONValue? {
    guard let child = self[key] else { return nil }
    if case .object = child { return child }
    if case .object = child.embeddedJSON ?? .null { return child.embeddedJSON }
    return nil
  }
}
