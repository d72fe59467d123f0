/// One template file read into nodes, with what it declares for other files: the template it
/// extends, its blocks, macros and imports.
struct TemplateDocument: Equatable {
  var nodes: [TemplateNode] = []
  /// `{% extends "base.j2" %}`: the file's output is the parent's, with this file's blocks.
  var extends: TemplateReference?
  /// Every `{% block %}` body by name, nested ones included.
  var blocks: [String: [TemplateNode]] = [:]
  var macros: [String: TemplateMacro] = [:]
  var imports: [TemplateImport] = []
  /// Every other file the text names, in order: what loading a feature must also read.
  var references: [TemplateReference] = []
  /// Model named in dotprompt / prompty front matter.
  var model: String?

  private struct Reading: Hashable {
    var text: String
    var file: String
    var syntax: PromptPart.Syntax
  }

  /// Documents already parsed in this process: `check` reads each file at both revisions, and
  /// resolving includes and rendering both need the tree.
  private static let memo = TextMemo<Reading, TemplateDocument>()

  /// Reads `text` as the template `file` is, by `syntax` (`auto`: by extension and tags).
  static func parse(_ text: String, file: String, syntax: PromptPart.Syntax) throws -> TemplateDocument {
    try memo.value(for: Reading(text: text, file: file, syntax: syntax), bytes: text.utf8.count) {
      try read(text, file: file, syntax: syntax)
    }
  }

  private static func read(_ text: String, file: String, syntax declared: PromptPart.Syntax) throws -> TemplateDocument
  {
    let isDotprompt = file.hasSuffix(".prompt")
    let isPrompty = file.hasSuffix(".prompty")
    var body = text
    var firstLine = 1
    var model: String?
    if isDotprompt || isPrompty {
      let frontMatter = FrontMatter(text)
      body = frontMatter.body
      firstLine = frontMatter.bodyLine
      model = frontMatter.model
    }
    let syntax = declared == .auto ? TemplateParser.detect(file: file, text: body) : declared
    let tokens = try TemplateLexer.tokens(body, file: file, firstLine: firstLine, syntax: syntax, roleLines: isPrompty)
    var builder = TemplateTreeBuilder(file: file, syntax: syntax)
    for token in tokens { try builder.add(token) }
    var document = try builder.finish()
    document.model = model
    return document
  }
}
