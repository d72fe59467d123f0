import Foundation

/// A prompt part's `symbol` or `key` that cannot be read as a string value (docs/prompt-sources.md).
public enum PromptSourceError: UserFacingError, Equatable {
  /// The source file does not parse where it must (an unclosed string, a YAML tab indentation).
  case syntax(file: String, line: Int, column: Int, reason: String)
  /// The name or path does not exist; `closest` are names that do, `revision` names the side.
  case notFound(file: String, selector: String, revision: String?, closest: [String])
  /// The name exists but is not a string (a function call, a dict, a number).
  case notAString(file: String, line: Int, column: Int, selector: String, found: String)
  /// A class that does not define the attribute itself but inherits it.
  case inherited(file: String, selector: String, baseClasses: [String])
  /// `symbol` on a file that is not code, `key` on a file that is not YAML or JSON.
  case unsupported(file: String, reason: String)
  /// Names that refer to each other (`A = B + "x"`, `B = A`).
  case cycle(file: String, names: [String])

  public var description: String {
    switch self {
    case .syntax(let file, let line, let column, let reason):
      return "\(file):\(line):\(column): \(reason)"
    case .notFound(let file, let selector, let revision, let closest):
      let side = revision.map { " at \($0)" } ?? ""
      let hint =
        closest.isEmpty ? "check the name in tokentax.json" : "names that exist: " + closest.joined(separator: ", ")
      return "\(file): '\(selector)' not found\(side); \(hint)"
    case .notAString(let file, let line, let column, let selector, let found):
      return
        "\(file):\(line):\(column): '\(selector)' is \(found), not a string; point the prompt part at a string constant or a function that returns a string literal"
    case .inherited(let file, let selector, let bases):
      let attribute = selector.split(separator: ".").last.map(String.init) ?? selector
      let targets = bases.map { "'\($0).\(attribute)'" }.joined(separator: " or ")
      return
        "\(file): '\(selector)' is not defined in its class but inherited from \(bases.joined(separator: ", ")); point the symbol at \(targets)"
    case .unsupported(let file, let reason):
      return "\(file): \(reason)"
    case .cycle(let file, let names):
      return "\(file): \(names.joined(separator: " → ")) refer to each other; a prompt constant cannot contain itself"
    }
  }

  /// The same error, naming the revision it was read at.
  func at(_ revision: String) -> PromptSourceError {
    if case .notFound(let file, let selector, nil, let closest) = self {
      return .notFound(file: file, selector: selector, revision: revision, closest: closest)
    }
    return self
  }
}
