import Foundation

/// Reads the one value a prompt part names inside a source file (`symbol` in Python,
/// TypeScript or JavaScript, `key` in YAML or JSON) as template text the part's syntax reads,
/// with the source line each line of it came from (docs/prompt-sources.md).
public enum PromptSource {
  /// What a selector names: a code symbol or a config key path.
  public enum Selector: Sendable, Equatable, Hashable {
    case symbol(String)
    case key(String)

    public var name: String {
      switch self {
      case .symbol(let name), .key(let name): name
      }
    }
  }

  /// The languages a selector can read.
  public enum Language: Sendable, Equatable {
    case python, script, yaml, json

    public init?(file: String) {
      let lowered = file.lowercased()
      if lowered.hasSuffix(".py") || lowered.hasSuffix(".pyi") {
        self = .python
      } else if [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"].contains(where: lowered.hasSuffix) {
        self = .script
      } else if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") {
        self = .yaml
      } else if lowered.hasSuffix(".json") || lowered.hasSuffix(".jsonc") {
        self = .json
      } else {
        return nil
      }
    }

    /// The syntax a value of this language is read with when the part says `auto`.
    var defaultSyntax: PromptPart.Syntax {
      switch self {
      case .python: .python
      case .script: .js
      case .yaml, .json: .none
      }
    }

    var usesKeys: Bool { self == .yaml || self == .json }
  }

  /// The value, ready for the template reader.
  public struct Value: Sendable, Equatable {
    /// Template text of `syntax`.
    public var text: String
    public var syntax: PromptPart.Syntax
    /// The source line each line of `text` starts on.
    public var lineOrigins: [Int]
    /// What the count assumed, for the report (several returns: the largest).
    public var notes: [String]
  }

  private struct Reading: Hashable {
    var selector: Selector
    var text: String
    var file: String
    var syntax: PromptPart.Syntax
  }

  /// Values already read in this process: `check` reads each module at both revisions.
  private static let memo = TextMemo<Reading, Value>()

  /// The value `selector` names in `text` (the contents of `file`), read with `syntax`.
  public static func value(of selector: Selector, in text: String, file: String, syntax: PromptPart.Syntax) throws
    -> Value
  {
    try memo.value(for: Reading(selector: selector, text: text, file: file, syntax: syntax), bytes: text.utf8.count) {
      try read(selector, in: text, file: file, syntax: syntax)
    }
  }

  private static func read(_ selector: Selector, in text: String, file: String, syntax: PromptPart.Syntax) throws
    -> Value
  {
    guard let language = Language(file: file) else {
      throw PromptSourceError.unsupported(
        file: file,
        reason:
          "'symbol' and 'key' read Python, TypeScript/JavaScript, YAML and JSON files; remove it to count the whole file"
      )
    }
    switch (selector, language.usesKeys) {
    case (.symbol, true):
      throw PromptSourceError.unsupported(
        file: file, reason: "a YAML or JSON value is named with \"key\" (a dotted path), not \"symbol\"")
    case (.key, false):
      throw PromptSourceError.unsupported(
        file: file, reason: "a value in code is named with \"symbol\" (NAME or Class.attr), not \"key\"")
    default:
      break
    }
    let effective = syntax == .auto ? language.defaultSyntax : syntax
    var notes: [String] = []
    let string: SourceString
    switch language {
    case .python:
      let module = try PythonModule(text, file: file)
      string = try PythonEvaluator(module: module, formatFields: effective == .python).value(of: selector.name)
    case .script:
      let module = try ScriptModule(text, file: file)
      (string, notes) = try ScriptEvaluator(module: module).value(of: selector.name)
    case .yaml, .json:
      string = try ConfigDocument(text, file: file, json: language == .json).string(at: selector.name)
    }
    let (rendered, readAs) = string.rendered(as: effective)
    return Value(text: rendered, syntax: readAs, lineOrigins: string.lineOrigins, notes: notes)
  }
}
