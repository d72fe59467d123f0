import JSON
import Tokenizer

/// A `check` prompt part of `kind: request`: a whole API request body, counted as the provider
/// bills it (framing, tools, response format included), with template placeholders inside its
/// strings sized like a template's, by the feature's `variables`.
enum RequestPart {
  /// The model a request body names, if it parses and names one.
  static func model(in text: String) -> String? {
    (try? JSONParser().parse(text))?["model"]?.stringValue
  }

  /// Counts `file` as a request to `model`; `size` sizes a placeholder (and notes unknown ones).
  /// `hasPlaceholders` ends the cacheable prefix, as a placeholder does in a template.
  static func count(
    _ file: FeatureSnapshot.PromptFile, model: String, prices: PriceTable, size: (String) -> Int
  ) throws -> (count: RequestCount, hasPlaceholders: Bool) {
    let value: JSONValue
    do {
      value = try JSONParser().parse(file.text)
    } catch let error as JSONParseError {
      throw error.in(file.path)
    }
    var sizes: [String: Int] = [:]
    try collectPlaceholders(in: value, file: file, into: &sizes, size: size)
    let sizer = PlaceholderSizer(file: file.path, syntax: file.part.syntax, sizes: sizes)
    let count = try RequestCounter(prices: prices).count(
      json: Array(file.text.utf8), file: file.path, model: model, sizer: sizer)
    return (count, !sizes.isEmpty)
  }

  /// Parses every string of the body as a template (so a syntax error names the file) and
  /// sizes each placeholder once.
  private static func collectPlaceholders(
    in value: JSONValue, file: FeatureSnapshot.PromptFile, into sizes: inout [String: Int], size: (String) -> Int
  ) throws {
    switch value {
    case .string(let text):
      for case .placeholder(let name, _) in try PlaceholderSizer.pieces(text, file: file.path, syntax: file.part.syntax)
      where sizes[name] == nil {
        sizes[name] = size(name)
      }
    case .array(let items):
      for item in items { try collectPlaceholders(in: item, file: file, into: &sizes, size: size) }
    case .object(let members):
      for member in members.values { try collectPlaceholders(in: member, file: file, into: &sizes, size: size) }
    default:
      break
    }
  }
}

/// Counts a request's strings with their placeholders replaced by the sizes `check` gives them.
struct PlaceholderSizer: TextSizer {
  let file: String
  let syntax: PromptPart.Syntax
  let sizes: [String: Int]

  static func pieces(_ text: String, file: String, syntax: PromptPart.Syntax) throws -> [Template.Piece] {
    try TemplateParser.parse(text, file: file, syntax: syntax).messages.flatMap(\.pieces)
  }

  func tokens(in text: String, encoding: Encoding) -> Int {
    guard !sizes.isEmpty, text.contains("{"), let pieces = try? Self.pieces(text, file: file, syntax: syntax) else {
      return encoding.count(text)
    }
    return pieces.reduce(0) { total, piece in
      switch piece {
      case .text(let text, _): return total + encoding.count(text)
      case .placeholder(let name, _): return total + (sizes[name] ?? 0)
      }
    }
  }
}
