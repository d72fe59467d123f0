/// A JSON object's members in the order they were written.
///
/// Order matters outside reports: a provider renders a tool's parameters and re-serializes a
/// schema in the order it receives them, and the order changes where tokens merge (`,\n//` is one
/// token), so a request body or a front matter must keep it. Reports sort their keys when they are
/// written (`JSONWriter`), not here. A repeated key keeps its first place and its last value, as
/// a dictionary built in reading order would keep the value. Equality ignores order, as JSON does.
public struct JSONObject: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral {
  public typealias Member = (key: String, value: JSONValue)

  public private(set) var members: [Member] = []
  /// Positions by key, kept once an object is large enough for a scan to cost more than a hash.
  private var positions: [String: Int]?
  private static let indexedCount = 12

  public init() {}

  /// The members in order; a repeated key keeps its first place and its last value.
  public init(_ members: some Sequence<Member>) {
    for member in members { self[member.key] = member.value }
  }

  /// A dictionary's members, sorted by key so the order is the same on every run.
  public init(_ dictionary: [String: JSONValue]) {
    self.init(dictionary.sorted { $0.key < $1.key })
  }

  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self.init(elements.lazy.map { (key: $0.0, value: $0.1) })
  }

  /// Members as a list, `[("type", .string("object"))]`, for objects built in code.
  public init(arrayLiteral elements: Member...) {
    self.init(elements)
  }

  public var count: Int { members.count }
  public var first: Member? { members.first }
  public var isEmpty: Bool { members.isEmpty }
  public var keys: [String] { members.map(\.key) }
  public var values: [JSONValue] { members.map(\.value) }

  /// The members sorted by key, the order reports are written in.
  public var sortedMembers: [Member] { members.sorted { $0.key < $1.key } }

  public subscript(key: String) -> JSONValue? {
    get { position(of: key).map { members[$0].value } }
    set {
      switch (position(of: key), newValue) {
      case (let index?, let value?): members[index].value = value
      case (let index?, nil):
        members.remove(at: index)
        positions = nil
        reindex()
      case (nil, let value?):
        members.append((key, value))
        if positions != nil {
          positions?[key] = members.count - 1
        } else {
          reindex()
        }
      case (nil, nil): break
      }
    }
  }

  public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }

  public mutating func reserveCapacity(_ capacity: Int) { members.reserveCapacity(capacity) }

  /// This object with `other`'s members added, `other`'s value winning where both have a key.
  public func merging(_ other: JSONObject) -> JSONObject {
    var result = self
    for (key, value) in other { result[key] = value }
    return result
  }

  public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
    var result = self
    for index in result.members.indices { result.members[index].value = try transform(result.members[index].value) }
    return result
  }

  public static func == (a: JSONObject, b: JSONObject) -> Bool {
    a.count == b.count && a.members.allSatisfy { b[$0.key] == $0.value }
  }

  private func position(of key: String) -> Int? {
    if let positions { return positions[key] }
    return members.firstIndex { $0.key == key }
  }

  private mutating func reindex() {
    guard members.count > Self.indexedCount, positions == nil else { return }
    var index = [String: Int](minimumCapacity: members.count * 2)
    for (offset, member) in members.enumerated() { index[member.key] = offset }
    positions = index
  }
}
