import Foundation
import JSON

/// A JSON object whose members are read from its bytes on demand, without building a
/// `JSONObject` (docs/design.md, Performance targets: hashing every key of every line was the cost of reading
/// OpenAI lines). Only the members asked for become `JSONValue`s.
///
/// The bytes must stay valid while the value is used, and must have been checked to be UTF-8
/// (`JSONFieldScanner` checks the syntax, not the text), so every member converts.
enum ScannedObject: MemberLookup {
  case scanned(UnsafeBufferPointer<UInt8>, [JSONFieldScanner.Field])
  /// An object stored as a JSON string, or one with escaped keys: parsed like any other.
  case parsed(JSONValue)

  /// The object in `bytes`, or nil when they hold another kind of value or are not JSON.
  init?(_ bytes: UnsafeBufferPointer<UInt8>) {
    // Usage and metadata objects have a handful of members; each is scanned once.
    var scanner = JSONFieldScanner(capacity: 8)
    guard (try? scanner.scan(bytes)) != nil, scanner.isObject else { return nil }
    self.init(bytes, scanner.fields)
  }

  /// The object whose top-level members `fields` were scanned from `bytes`.
  init?(_ bytes: UnsafeBufferPointer<UInt8>, _ fields: [JSONFieldScanner.Field]) {
    if fields.contains(where: \.keyEscaped) {
      guard let value = try? JSONParser().parse(bytes), case .object = value else { return nil }
      self = .parsed(value)
    } else {
      self = .scanned(bytes, fields)
    }
  }

  subscript(key: String) -> JSONValue? {
    switch self {
    case .parsed(let value): return value[key]
    case .scanned(let bytes, let fields):
      return field(key, bytes, fields).flatMap { JSONFieldScanner.value($0, in: bytes) }
    }
  }

  func contains(_ key: String) -> Bool {
    switch self {
    case .parsed(let value): return value[key] != nil
    case .scanned(let bytes, let fields): return field(key, bytes, fields) != nil
    }
  }

  func member(_ key: String) -> ScannedObject? {
    switch self {
    case .parsed(let value):
      return value.member(key).map(ScannedObject.parsed)
    case .scanned(let bytes, let fields):
      guard let field = field(key, bytes, fields), field.kind == .object, let base = bytes.baseAddress else {
        return nil
      }
      return ScannedObject(
        UnsafeBufferPointer(start: base + field.valueStart, count: field.valueEnd - field.valueStart))
    }
  }

  func object(_ key: String) -> ScannedObject? {
    switch self {
    case .parsed(let value):
      return value.object(key).map(ScannedObject.parsed)
    case .scanned(let bytes, let fields):
      guard let field = field(key, bytes, fields) else { return nil }
      if field.kind == .object, let base = bytes.baseAddress {
        return ScannedObject(
          UnsafeBufferPointer(start: base + field.valueStart, count: field.valueEnd - field.valueStart))
      }
      return JSONFieldScanner.value(field, in: bytes)?.embeddedJSON.flatMap {
        $0.objectValue == nil ? nil : .parsed($0)
      }
    }
  }

  /// The field named `key`; the last one when the key repeats, as in a full parse.
  private func field(_ key: String, _ bytes: UnsafeBufferPointer<UInt8>, _ fields: [JSONFieldScanner.Field])
    -> JSONFieldScanner.Field?
  {
    var key = key
    return key.withUTF8 { name in
      fields.last { field in
        guard field.keyEnd - field.keyStart == name.count else { return false }
        guard let base = bytes.baseAddress, let start = name.baseAddress else { return name.isEmpty }
        return memcmp(base + field.keyStart, start, name.count) == 0
      }
    }
  }
}
