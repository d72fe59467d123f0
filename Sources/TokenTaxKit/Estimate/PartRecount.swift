/// Counts other versions of a prompt file the way the estimate counted the file: same model,
/// tokenizer and placeholder sizes. `TopChanges` values a changed hunk as the file's count with
/// the hunk less its count with the hunk reverted, so a change is worth what the estimate says
/// it is: a line that adds `{{kb_articles}}` costs the placeholder's size, not the tokens of the
/// tag, and a tool definition added to a request body costs what the provider bills for it
/// (about 50 tokens), not its indented JSON (125).
struct PartRecount: Sendable {
  var file: FeatureSnapshot.PromptFile
  var model: String
  var prices: PriceTable
  var counter: TokenCounter
  var variables: [String: Int]
  var defaultSize: Int
  /// The feature's templates, rendered again with the edited text in place of the file's.
  var templates: FeatureTemplates?
  /// The prompt files whose render reads this file (itself, or those that include it).
  var entries: [String] = []

  /// The input tokens `text` adds to a call as this file; nil when it does not parse as one.
  func count(_ text: String) -> Int? {
    var edited = file
    edited.text = text
    let size = { (name: String) in Estimator.size(of: name, variables: variables) ?? defaultSize }
    switch file.part.kind {
    case .request:
      return (try? RequestPart.count(edited, model: model, prices: prices, size: size))?.count.inputTokens
    case .tools, .schema:
      return (try? JSONParser(relaxed: true).parse(text)).map { counter.count(JSONWriter.string($0, pretty: false)) }
    case .text, .examples:
      let rendered: [Template]?
      if let templates {
        rendered = (try? templates.render(only: entries, overriding: [file.id: text])).map {
          Array($0.templates.values)
        }
      } else {
        rendered = (try? TemplateParser.parse(text, file: file.path, syntax: file.part.syntax)).map { [$0] }
      }
      guard let rendered else { return nil }
      return rendered.flatMap(\.messages).filter { !$0.pieces.isEmpty }.reduce(0) { total, message in
        message.pieces.reduce(total + Estimator.tokensPerMessage) { sum, piece in
          switch piece {
          case .text(let text, _): sum + counter.count(text)
          case .placeholder(let name, _): sum + size(name)
          }
        }
      }
    }
  }
}
