/// The bytes of one top-level member's value in a JSON object, as written, so a request
/// embedded in a trace line keeps its key order (`KeyOrder`) when it is counted.
enum RawMember {
  /// The value of `key` in the object `bytes` holds (valid JSON), or nil.
  static func value(of key: String, in bytes: [UInt8]) -> ArraySlice<UInt8>? {
    let wanted = Array("\"\(key)\"".utf8)
    var depth = 0
    var index = 0
    var valueStart: Int?
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""):
        let start = index
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
          index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        if depth == 1, valueStart == nil, bytes[start...min(index, bytes.count - 1)].elementsEqual(wanted) {
          // Skip to the colon; the value starts after it.
          var colon = index + 1
          while colon < bytes.count, bytes[colon] != UInt8(ascii: ":") { colon += 1 }
          valueStart = colon + 1
          index = colon
        }
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        if depth == 0, let start = valueStart { return trimmed(bytes[start..<index]) }
      case UInt8(ascii: ","):
        if depth == 1, let start = valueStart { return trimmed(bytes[start..<index]) }
      default:
        break
      }
      index += 1
    }
    return nil
  }

  private static func trimmed(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    let space: Set<UInt8> = [0x20, 0x0A, 0x0D, 0x09]
    var slice = slice
    while let first = slice.first, space.contains(first) { slice = slice.dropFirst() }
    while let last = slice.last, space.contains(last) { slice = slice.dropLast() }
    return slice
  }
}
