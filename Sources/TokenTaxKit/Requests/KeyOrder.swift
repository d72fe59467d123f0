/// The order of the keys of every object in a request body.
///
/// `JSONValue` keeps objects as dictionaries, but providers render tool parameters and
/// re-serialize schemas in the order they were sent, and the order changes where tokens merge
/// (`,\n//` is one token). One extra scan of the bytes records it, by JSON path.
struct KeyOrder: Sendable {
  private var keys: [String: [String]] = [:]

  /// The path of member `key` of the object at `path`, and of element `index` of an array.
  static func child(_ path: String, _ key: String) -> String { path + "\u{1F}" + key }
  static func child(_ path: String, _ index: Int) -> String { path + "[\(index)]" }
  static let root = ""

  /// Scans JSON that `JSONParser` has already accepted (so the structure is known to be valid).
  static func scan(_ bytes: [UInt8]) -> KeyOrder {
    var order = KeyOrder()
    struct Frame {
      var path: String
      var isObject: Bool
      var index = 0
      var expectingKey = true
      var key = ""
    }
    var stack: [Frame] = []
    var position = 0
    func childPath(of frame: Frame) -> String {
      frame.isObject ? child(frame.path, frame.key) : child(frame.path, frame.index)
    }
    while position < bytes.count {
      let byte = bytes[position]
      switch byte {
      case UInt8(ascii: "\""):
        let start = position
        position += 1
        var escaped = false
        while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
          if bytes[position] == UInt8(ascii: "\\") {
            escaped = true
            position += 1
          }
          position += 1
        }
        if var top = stack.last, top.isObject, top.expectingKey {
          let raw = bytes[start...min(position, bytes.count - 1)]
          let key =
            escaped
            ? ((try? JSONParser().parse(raw))?.stringValue ?? "")
            : String(decoding: bytes[(start + 1)..<min(position, bytes.count)], as: UTF8.self)
          top.key = key
          top.expectingKey = false
          order.keys[top.path, default: []].append(key)
          stack[stack.count - 1] = top
        }
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        let path = stack.last.map(childPath) ?? root
        stack.append(Frame(path: path, isObject: byte == UInt8(ascii: "{")))
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        stack.removeLast()
      case UInt8(ascii: ","):
        if stack.last?.isObject == true {
          stack[stack.count - 1].expectingKey = true
        } else if !stack.isEmpty {
          stack[stack.count - 1].index += 1
        }
      default:
        break
      }
      position += 1
    }
    return order
  }

  /// The members of `object` (found at `path`) in the order they were written; keys the scan
  /// did not see (a body built in code) follow in sorted order.
  func members(_ object: [String: JSONValue], at path: String) -> [(key: String, value: JSONValue)] {
    let written = keys[path] ?? []
    var seen = Set<String>()
    var result: [(key: String, value: JSONValue)] = []
    for key in written where seen.insert(key).inserted {
      if let value = object[key] { result.append((key, value)) }
    }
    for key in object.keys.sorted() where !seen.contains(key) {
      if let value = object[key] { result.append((key, value)) }
    }
    return result
  }

  /// `value` (found at `path`) with its objects' members in their written order.
  func ordered(_ value: JSONValue, at path: String) -> OrderedJSON {
    switch value {
    case .null: return .null
    case .bool(let flag): return .bool(flag)
    case .number(let text): return .number(text)
    case .string(let text): return .string(text)
    case .array(let items):
      return .array(items.enumerated().map { ordered($0.element, at: KeyOrder.child(path, $0.offset)) })
    case .object(let object):
      return .object(members(object, at: path).map { ($0.key, ordered($0.value, at: KeyOrder.child(path, $0.key))) })
    }
  }

  /// Minified JSON of `value` with keys in their written order.
  func compact(_ value: JSONValue, at path: String) -> String {
    var out = ""
    write(value, at: path, into: &out)
    return out
  }

  private func write(_ value: JSONValue, at path: String, into out: inout String) {
    switch value {
    case .array(let items):
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += "," }
        write(item, at: KeyOrder.child(path, index), into: &out)
      }
      out += "]"
    case .object(let object):
      out += "{"
      for (offset, member) in members(object, at: path).enumerated() {
        if offset > 0 { out += "," }
        JSONWriter.escape(member.key, into: &out)
        out += ":"
        write(member.value, at: KeyOrder.child(path, member.key), into: &out)
      }
      out += "}"
    default:
      out += JSONWriter.string(value, pretty: false)
    }
  }

  /// JSON text without the whitespace between tokens (keys keep their order); text that is not
  /// JSON is returned as is. Providers store tool-call arguments re-serialized this way.
  /// `spaced` puts one space after every `,` and `:` instead, as Python's `json.dumps` does.
  static func minify(_ text: String, spaced: Bool = false) -> String {
    guard (try? JSONParser().parse(text)) != nil else { return text }
    var out: [UInt8] = []
    var string = JSONStringState()
    for byte in text.utf8 {
      if string.inString {
        out.append(byte)
        _ = string.closes(byte)
      } else if string.opens(byte) {
        out.append(byte)
      } else if ![0x20, 0x0A, 0x0D, 0x09].contains(byte) {
        out.append(byte)
        if spaced, byte == UInt8(ascii: ",") || byte == UInt8(ascii: ":") { out.append(0x20) }
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
