import Foundation

/// Reads the structure of JSON text that `JSONFieldScanner` has already validated: the members
/// of a nested object and the elements of an array, as byte ranges, building nothing (docs/design.md, Performance targets:
/// an OTLP line is mostly values nobody reads). Nothing is checked twice, so on unvalidated
/// bytes the results are meaningless (but every read stays in bounds).
public struct ValidatedJSON {
  public let bytes: UnsafeBufferPointer<UInt8>
  /// Where every object or array opens, in order, and where it closes (just past it): found in
  /// one pass, so walking down nested values does not skip over the same bytes at every level.
  private var opens: [Int] = []
  private var closes: [Int] = []

  public init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    // An OTLP line holds a few dozen containers: grow once, not six times.
    var stack: [Int] = []
    stack.reserveCapacity(16)
    opens.reserveCapacity(64)
    closes.reserveCapacity(64)
    var index = 0
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\""):
        index = stringEnd(index)
        continue
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        stack.append(opens.count)
        opens.append(index)
        closes.append(bytes.count)
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        if let open = stack.popLast() { closes[open] = index + 1 }
      default: break
      }
      index += 1
    }
  }

  /// The members of the object whose `{` is at `start`, with offsets into `bytes` (the same
  /// shape `JSONFieldScanner` gives for the outermost object).
  public func members(ofObjectAt start: Int) -> [JSONFieldScanner.Field] {
    var fields: [JSONFieldScanner.Field] = []
    forEachMember(ofObjectAt: start) { fields.append($0) }
    return fields
  }

  /// Calls `body` with each member of the object whose `{` is at `start`, in order.
  public func forEachMember(ofObjectAt start: Int, _ body: (JSONFieldScanner.Field) -> Void) {
    var index = skipSpace(start + 1)
    while index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
      let keyEnd = stringEnd(index)
      let key = index + 1..<keyEnd - 1
      index = skipSpace(skipSpace(keyEnd) + 1)  // past the ':'
      let valueStart = index
      let kind = kind(at: valueStart)
      let valueEnd = end(ofValueAt: valueStart)
      let isString = kind == .string
      body(
        JSONFieldScanner.Field(
          keyStart: key.lowerBound, keyEnd: key.upperBound, keyEscaped: hasEscape(key), kind: kind,
          valueStart: isString ? valueStart + 1 : valueStart, valueEnd: isString ? valueEnd - 1 : valueEnd,
          valueEscaped: isString && hasEscape(valueStart + 1..<valueEnd - 1)))
      index = skipSpace(valueEnd)
      guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { break }
      index = skipSpace(index + 1)
    }
  }

  /// The offsets where the elements of the array whose `[` is at `start` begin.
  public func elements(ofArrayAt start: Int) -> [Int] {
    var starts: [Int] = []
    var index = skipSpace(start + 1)
    guard index < bytes.count, bytes[index] != UInt8(ascii: "]") else { return starts }
    while index < bytes.count {
      starts.append(index)
      index = skipSpace(end(ofValueAt: index))
      guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { break }
      index = skipSpace(index + 1)
    }
    return starts
  }

  /// The kind of the value starting at `start`.
  public func kind(at start: Int) -> JSONFieldScanner.Kind {
    guard start < bytes.count else { return .null }
    switch bytes[start] {
    case UInt8(ascii: "{"): return .object
    case UInt8(ascii: "["): return .array
    case UInt8(ascii: "\""): return .string
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
    case UInt8(ascii: "n"): return .null
    default: return .number
    }
  }

  /// The offset just past the value starting at `start`.
  public func end(ofValueAt start: Int) -> Int {
    guard start < bytes.count else { return bytes.count }
    switch bytes[start] {
    case UInt8(ascii: "\""):
      return stringEnd(start)
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      // The containers' opening offsets are sorted: binary search.
      var low = 0
      var high = opens.count
      while low < high {
        let middle = (low + high) / 2
        if opens[middle] < start { low = middle + 1 } else { high = middle }
      }
      return low < opens.count && opens[low] == start ? closes[low] : bytes.count
    default:
      var index = start
      while index < bytes.count {
        switch bytes[index] {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D: return index
        default: index += 1
        }
      }
      return index
    }
  }

  /// The offset just past the string whose opening quote is at `start`: the first quote not
  /// escaped by an odd run of backslashes, found with `memchr`.
  private func stringEnd(_ start: Int) -> Int {
    guard let base = bytes.baseAddress else { return bytes.count }
    var index = start + 1
    while index < bytes.count, let hit = memchr(base + index, Int32(UInt8(ascii: "\"")), bytes.count - index) {
      let quote = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
      var backslashes = 0
      while base[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
      if backslashes % 2 == 0 { return quote + 1 }
      index = quote + 1
    }
    return bytes.count
  }

  /// Whether the string contents in `range` hold a backslash escape.
  private func hasEscape(_ range: Range<Int>) -> Bool {
    guard let base = bytes.baseAddress else { return false }
    return memchr(base + range.lowerBound, Int32(UInt8(ascii: "\\")), range.count) != nil
  }

  private func skipSpace(_ start: Int) -> Int {
    var index = start
    while index < bytes.count,
      bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D
    {
      index += 1
    }
    return index
  }
}
