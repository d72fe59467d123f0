/// A base/head pair of anything.
public struct Pair<Value: Sendable & Equatable>: Sendable, Equatable {
  public var base: Value
  public var head: Value
  public init(base: Value, head: Value) {
    self.base = base
    self.head = head
  }
}
