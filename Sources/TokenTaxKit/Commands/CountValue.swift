import Foundation

/// `count --symbol` / `--key`: the static text and the placeholders of the value a name selects
/// in a file, read as a prompt part with that `symbol` or `key` reads it.
struct CountValue {
  var texts: [String] = []
  var placeholders: [String] = []

  static func selector(_ arguments: ParsedArguments) throws -> PromptSource.Selector? {
    let symbol = arguments.value(CountCommand.Options.symbol)
    let key = arguments.value(CountCommand.Options.key)
    if symbol != nil, key != nil { throw UsageError("use either --symbol or --key, not both") }
    if (symbol ?? key) != nil, arguments.flag(CountCommand.Options.request) || arguments.flag(CountCommand.Options.ids)
    {
      throw UsageError("--symbol and --key count a value's text; they do not combine with --request or --ids")
    }
    return symbol.map(PromptSource.Selector.symbol) ?? key.map(PromptSource.Selector.key)
  }

  init(selector: PromptSource.Selector, file: String, _ invocation: Invocation) throws {
    let text = try CountInput.withBytes(file, invocation) { String(decoding: $0, as: UTF8.self) }
    let value = try PromptSource.value(of: selector, in: text, file: file, syntax: .auto)
    let template = try TemplateParser.parse(value.text, file: file, syntax: value.syntax)
    for piece in template.messages.flatMap(\.pieces) {
      switch piece {
      case .text(let text, _): texts.append(text)
      case .placeholder(let name, _): placeholders.append(name)
      }
    }
    placeholders = placeholders.uniqued()
  }
}
