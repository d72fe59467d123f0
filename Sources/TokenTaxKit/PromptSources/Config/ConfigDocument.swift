import Foundation
import JSON

/// A YAML or JSON file read for the string at a key path: `agent.templates.system_template`,
/// `prompts[2].text`, `["key.with.dots"]` (docs/prompt-sources.md).
struct ConfigDocument {
  let file: String
  let documents: [YAMLNode]

  init(_ text: String, file: String, json: Bool) throws {
    self.file = file
    var parser = YAMLParser(text, file: file)
    if json {
      var reader = YAMLParser.FlowReader(parser: parser, offset: text.hasPrefix("\u{FEFF}") ? 1 : 0)
      let root = try reader.node()
      reader.skipSpace()
      if reader.offset < text.unicodeScalars.count {
        throw parser.error(reader.offset, "unexpected text after the JSON value")
      }
      documents = [root]
    } else {
      documents = try parser.documents()
    }
  }

  /// One step of a key path.
  enum Step: Equatable {
    case key(String)
    case index(Int)
  }

  static func steps(_ path: String) -> [Step] {
    var steps: [Step] = []
    var current = ""
    var characters = Array(path)[...]
    while let character = characters.first {
      characters = characters.dropFirst()
      switch character {
      case ".":
        if !current.isEmpty { steps.append(.key(current)) }
        current = ""
      case "[":
        if !current.isEmpty { steps.append(.key(current)) }
        current = ""
        let inside = characters.prefix { $0 != "]" }
        characters = characters.dropFirst(inside.count + 1)
        let text = String(inside)
        if let index = Int(text) {
          steps.append(.index(index))
        } else {
          steps.append(.key(text.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))))
        }
      default:
        current.append(character)
      }
    }
    if !current.isEmpty { steps.append(.key(current)) }
    return steps
  }

  /// The string at `path` in the first document that has it.
  func string(at path: String) throws -> SourceString {
    let steps = Self.steps(path)
    for document in documents {
      guard let node = Self.follow(steps, from: document) else { continue }
      guard case .scalar(let value, let plain) = node.content, !(plain && ["", "~", "null"].contains(value.text)) else {
        throw PromptSourceError.notAString(
          file: file, line: node.line, column: node.column, selector: path, found: node.kind)
      }
      return value
    }
    throw PromptSourceError.notFound(
      file: file, selector: path, revision: nil, closest: closest(to: path, steps: steps))
  }

  static func follow(_ steps: [Step], from root: YAMLNode) -> YAMLNode? {
    var node = root
    for step in steps {
      switch step {
      case .key(let key):
        guard let next = node.child(key) else { return nil }
        node = next
      case .index(let index):
        guard let next = node.item(index) else { return nil }
        node = next
      }
    }
    return node
  }

  /// Paths that exist near `path`: the children of the longest prefix that resolves.
  private func closest(to path: String, steps: [Step]) -> [String] {
    var candidates: [String] = []
    for document in documents {
      var prefix = steps
      while !prefix.isEmpty, Self.follow(prefix, from: document) == nil { prefix.removeLast() }
      guard let node = Self.follow(prefix, from: document) else { continue }
      let base = Self.render(prefix)
      switch node.content {
      case .mapping(let entries): candidates += entries.map { base.isEmpty ? $0.key : base + "." + $0.key }
      case .sequence(let items): candidates += items.indices.map { base + "[\($0)]" }
      case .scalar: candidates.append(base)
      }
    }
    let close = Suggestion.closest(to: path, in: candidates)
    return close.isEmpty ? Array(candidates.prefix(5)) : close
  }

  static func render(_ steps: [Step]) -> String {
    steps.enumerated().map { offset, step in
      switch step {
      case .key(let key): offset == 0 ? key : "." + key
      case .index(let index): "[\(index)]"
      }
    }.joined()
  }

  /// Every string value's key path, for `init`.
  var stringPaths: [(path: String, value: SourceString)] {
    var result: [(String, SourceString)] = []
    func walk(_ node: YAMLNode, _ steps: [Step]) {
      switch node.content {
      case .scalar(let value, _): if !steps.isEmpty { result.append((Self.render(steps), value)) }
      case .mapping(let entries): for entry in entries { walk(entry.value, steps + [.key(entry.key)]) }
      case .sequence(let items): for (index, item) in items.enumerated() { walk(item, steps + [.index(index)]) }
      }
    }
    if let first = documents.first { walk(first, []) }
    return result
  }
}
