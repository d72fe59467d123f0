import Foundation
import JSON

extension OTelReader {
  /// Attribute keys `readSpan` reads, as bytes: without attribution rules (which may name any
  /// attribute) only these are built, and prompt or completion attributes are skipped unread.
  private static let readKeys: [[UInt8]] =
    (Keys.input + Keys.output + Keys.cacheRead + Keys.cacheWrite + Keys.reasoning + Keys.model + Keys.span).map {
      Array($0.utf8)
    }
  private static let resourceKeys: [[UInt8]] = Keys.resource.map { Array($0.utf8) }

  /// One span gathered from a line, ready for `readSpan`.
  private struct GatheredSpan {
    var span: ScannedObject
    var attributes: JSONObject
    var resource: JSONObject
  }

  /// The hot path for a `resourceSpans` line (docs/design.md, Performance targets): the same result as `read` on the whole
  /// line, walking the already validated bytes to the spans and building only the attributes
  /// `readSpan` reads. Returns false, having done nothing, for any other line (Tempo
  /// `batches`, Jaeger `result`, an escaped key on the way): the general path reads it.
  /// - Precondition: `bytes` were scanned into `fields` and checked to be UTF-8.
  static func fastRead(
    _ bytes: UnsafeBufferPointer<UInt8>, _ fields: [JSONFieldScanner.Field], _ context: TraceReadContext
  )
    throws(TraceRecordError) -> Bool
  {
    // `TraceFormat.detect` tests a summary first.
    guard !fields.contains(where: { $0.keyEscaped || JSONFieldScanner.key($0, in: bytes, is: "schema_version") }),
      let groups = last("resourceSpans", fields, bytes) ?? last("resource_spans", fields, bytes),
      let spans = gather(groups, ValidatedJSON(bytes: bytes), keepAll: !context.attributor.rules.isEmpty)
    else { return false }
    for gathered in spans {
      try readSpan(gathered.span, attributes: gathered.attributes, resource: gathered.resource, context)
    }
    return true
  }

  /// Every span under `groups` (`resourceSpans[].scopeSpans[].spans[]`), or nil at an escaped key.
  private static func gather(_ groups: JSONFieldScanner.Field, _ json: ValidatedJSON, keepAll: Bool) -> [GatheredSpan]?
  {
    var spans: [GatheredSpan] = []
    for groupStart in elements(groups, json) where json.kind(at: groupStart) == .object {
      let group = json.members(ofObjectAt: groupStart)
      guard !group.contains(where: \.keyEscaped) else { return nil }
      var resource: JSONObject = [:]
      if let field = last("resource", group, json.bytes), field.kind == .object {
        let members = json.members(ofObjectAt: field.valueStart)
        guard !members.contains(where: \.keyEscaped) else { return nil }
        if let raw = last("attributes", members, json.bytes) {
          guard let read = attributes(raw, json, keys: keepAll ? nil : resourceKeys) else { return nil }
          resource = read
        }
      }
      let scopes =
        last("scopeSpans", group, json.bytes) ?? last("scope_spans", group, json.bytes)
        ?? last("instrumentationLibrarySpans", group, json.bytes)
      for scopeStart in scopes.map({ elements($0, json) }) ?? [] where json.kind(at: scopeStart) == .object {
        let scope = json.members(ofObjectAt: scopeStart)
        guard !scope.contains(where: \.keyEscaped) else { return nil }
        for spanStart in last("spans", scope, json.bytes).map({ elements($0, json) }) ?? [] {
          guard json.kind(at: spanStart) == .object else { continue }
          let span = json.members(ofObjectAt: spanStart)
          guard !span.contains(where: \.keyEscaped) else { return nil }
          var read: JSONObject = [:]
          if let raw = last("attributes", span, json.bytes) {
            guard let attributes = attributes(raw, json, keys: keepAll ? nil : readKeys) else { return nil }
            read = attributes
          }
          spans.append(GatheredSpan(span: .scanned(json.bytes, span), attributes: read, resource: resource))
        }
      }
    }
    return spans
  }

  /// `attributes(_:)` of the value in `field`, keeping only `keys` (all when nil); nil at an escaped key.
  private static func attributes(_ field: JSONFieldScanner.Field, _ json: ValidatedJSON, keys: [[UInt8]]?)
    -> JSONObject?
  {
    var result: JSONObject = [:]
    result.reserveCapacity(8)
    switch field.kind {
    case .array:
      for itemStart in json.elements(ofArrayAt: field.valueStart) where json.kind(at: itemStart) == .object {
        var keyField: JSONFieldScanner.Field?
        var valueField: JSONFieldScanner.Field?
        var escapedKey = false
        json.forEachMember(ofObjectAt: itemStart) { member in
          escapedKey = escapedKey || member.keyEscaped
          if JSONFieldScanner.key(member, in: json.bytes, is: "key") { keyField = member }
          if JSONFieldScanner.key(member, in: json.bytes, is: "value") { valueField = member }
        }
        guard !escapedKey else { return nil }
        guard let keyField, keyField.kind == .string,
          isRead(keyField, json.bytes, keys, keyRange: false),
          let key = JSONFieldScanner.string(keyField, in: json.bytes)
        else { continue }
        result[key] = valueField.map { anyValue($0, json) } ?? .null
      }
    case .object:
      let members = json.members(ofObjectAt: field.valueStart)
      guard !members.contains(where: \.keyEscaped) else { return nil }
      for member in members where isRead(member, json.bytes, keys, keyRange: true) {
        let key = String(
          decoding: UnsafeBufferPointer(rebasing: json.bytes[member.keyStart..<member.keyEnd]), as: UTF8.self)
        result[key] = JSONFieldScanner.value(member, in: json.bytes)
      }
    default:
      break
    }
    return result
  }

  /// `anyValue(_:)` of the value in `field`; a one-member scalar `AnyValue` is read without parsing the object.
  private static func anyValue(_ field: JSONFieldScanner.Field, _ json: ValidatedJSON) -> JSONValue {
    if field.kind == .object {
      var count = 0
      var only: JSONFieldScanner.Field?
      json.forEachMember(ofObjectAt: field.valueStart) { member in
        count += 1
        only = member
      }
      if count == 1, let inner = only, let value = JSONFieldScanner.value(inner, in: json.bytes) {
        let bytes = json.bytes
        for kind: StaticString in ["stringValue", "boolValue", "doubleValue", "bytesValue"]
        where JSONFieldScanner.key(inner, in: bytes, is: kind) {
          return value
        }
        if JSONFieldScanner.key(inner, in: bytes, is: "intValue") {
          if case .string(let text) = value { return .number(text) }
          return value
        }
      }
    }
    return anyValue(JSONFieldScanner.value(field, in: json.bytes) ?? .null)
  }

  /// Whether the key in `field` (its key, or its string value) is one of `keys`; an escaped
  /// string value is decoded and compared.
  private static func isRead(
    _ field: JSONFieldScanner.Field, _ bytes: UnsafeBufferPointer<UInt8>, _ keys: [[UInt8]]?, keyRange: Bool
  ) -> Bool {
    guard let keys, let base = bytes.baseAddress else { return true }
    if !keyRange, field.valueEscaped {
      guard let text = JSONFieldScanner.string(field, in: bytes) else { return false }
      return keys.contains(Array(text.utf8))
    }
    let start = keyRange ? field.keyStart : field.valueStart
    let count = (keyRange ? field.keyEnd : field.valueEnd) - start
    return keys.contains { key in
      key.count == count
        && key.withUnsafeBufferPointer { key in key.baseAddress.map { memcmp(base + start, $0, count) == 0 } ?? false }
    }
  }

  /// The elements of an array field; none for another kind.
  private static func elements(_ field: JSONFieldScanner.Field, _ json: ValidatedJSON) -> [Int] {
    field.kind == .array ? json.elements(ofArrayAt: field.valueStart) : []
  }

  /// The last member named `key`, as a full parse keeps it.
  private static func last(_ key: StaticString, _ fields: [JSONFieldScanner.Field], _ bytes: UnsafeBufferPointer<UInt8>)
    -> JSONFieldScanner.Field?
  {
    fields.last { JSONFieldScanner.key($0, in: bytes, is: key) }
  }
}
