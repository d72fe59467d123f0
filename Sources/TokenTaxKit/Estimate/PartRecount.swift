/// Counts other versions of a prompt file the way the estimate counted the file, with the same
/// `PartCounter`. `TopChanges` values a changed hunk as the file's count with the hunk less its
/// count with the hunk reverted, so a change is worth what the estimate says it is: a line that
/// adds `{{kb_articles}}` costs the placeholder's size, not the tokens of the tag, and a tool
/// definition added to a request body costs what the provider bills for it (about 50 tokens),
/// not its indented JSON (125).
struct PartRecount: Sendable {
  var file: FeatureSnapshot.PromptFile
  var parts: PartCounter
  /// The feature's templates, rendered again with the edited text in place of the file's.
  var templates: FeatureTemplates?
  /// The prompt files whose render reads this file (itself, or those that include it).
  var entries: [String] = []
  /// For a dotprompt or prompty file and the files its front matter reads (`${file:…}`): the
  /// feature's input tokens estimated again with the edited text, since a front matter sizes
  /// placeholders and declares tools, which a render of the template alone does not see.
  var estimated: (@Sendable (String) -> Int?)?

  init(file: FeatureSnapshot.PromptFile, parts: PartCounter, templates: FeatureTemplates? = nil, entries: [String] = [])
  {
    self.file = file
    self.parts = parts
    self.templates = templates
    self.entries = entries
  }

  init(
    file: FeatureSnapshot.PromptFile, model: String, prices: PriceTable, counter: TokenCounter,
    variables: [String: Int], defaultSize: Int, templates: FeatureTemplates? = nil, entries: [String] = []
  ) {
    self.init(
      file: file,
      parts: PartCounter(
        model: model, prices: prices, counter: counter, variables: variables, defaultSize: defaultSize),
      templates: templates, entries: entries)
  }

  /// The tokenizer the estimate used.
  var counter: TokenCounter { parts.counter }

  /// The input tokens `text` adds to a call as this file; nil when it does not parse as one.
  func count(_ text: String) -> Int? {
    if let estimated { return estimated(text) }
    var edited = file
    edited.text = text
    // A recount only sizes: the prefix and the names it meets are the estimate's business.
    var prefix = CachePrefix()
    var names = Set<String>()
    var unknown = Set<String>()
    switch file.part.kind {
    case .request:
      return (try? parts.countRequest(edited, prefix: &prefix, names: &names, unknown: &unknown))?.inputTokens
    case .tools, .schema:
      return try? parts.countJSON(text)
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
      return parts.count(rendered, prefix: &prefix, unknown: &unknown).tokens
    }
  }
}
