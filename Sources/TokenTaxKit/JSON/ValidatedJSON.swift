/// Reads the structure of JSON text that `JSONFieldScanner` has already validated: the members
/// of a nested object and the elements of an array, as byte ranges, building nothing (SPEC §9:
/// an OTLP line is mostly values nobody reads). Nothing is checked twice, so on unvalidated
/// bytes the results are meaningless (but every read stays in bounds).
struct ValidatedJSON {
  let bytes: UnsafeBufferPointer<UInt8>
  /// Where every object or array opens, in order, and where it closes (just past it): found in
  /// one pass, so walking down nested values does not skip over the same bytes at every level.
  private var opens: [Int] = []
  private var closes: [Int] = []

  init(bytes: UnsafeBufferPointer<UInt8>) {
    self.bytes = bytes
    var stack: [Int] = []
    var index = 0
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\""):
        index = stringEnd(index).end
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
  func members(ofObjectAt start: Int) -> [JSONFieldScanner.Field] {
    var fields: [JSONFieldScanner.Field] = []
    var index = skipSpace(start + 1)
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return fields }
    while index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
      let keyQuote = index
      let (keyEnd, keyEscaped) = stringEnd(keyQuote)
      index = skipSpace(skipSpace(keyEnd) + 1)  // past the ':'
      let valueStart = index
      let kind = kind(at: valueStart)
      let valueEnd = end(ofValueAt: valueStart)
      let isString = kind == .string
      let escaped = isString && stringEnd(valueStart).escaped
      fields.append(
        JSONFieldScanner.Field(
          keyStart: keyQuote + 1, keyEnd: keyEnd - 1, keyEscaped: keyEscaped, kind: kind,
          valueStart: isString ? valueStart + 1 : valueStart, valueEnd: isString ? valueEnd - 1 : valueEnd,
          valueEscaped: escaped))
      index = skipSpace(valueEnd)
      guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { break }
      index = skipSpace(index + 1)
    }
    return fields
  }

  /// The offsets where the elements of the array whose `[` is at `start` begin.
  func elements(ofArrayAt start: Int) -> [Int] {
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
  func kind(at start: Int) -> JSONFieldScanner.Kind {
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
  func end(ofValueAt start: Int) -> Int {
    guard start < bytes.count else { return bytes.count }
    switch bytes[start] {
    case UInt8(ascii: "\""):
      return stringEnd(start).end
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

  /// The offset just past the string whose opening quote is at `start`, and whether it has escapes.
  private func stringEnd(_ start: Int) -> (end: Int, escaped: Bool) {
    var index = start + 1
    var escaped = false
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\""): return (index + 1, escaped)
      case UInt8(ascii: "\\"):
        escaped = true
        index += 2
      default: index += 1
      }
    }
    return (bytes.count, escaped)
  }

  private func skipSpace(_ start: Int) -> Int {
    var index = start
    while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
      index += 1
    }
    return index
  }
}
