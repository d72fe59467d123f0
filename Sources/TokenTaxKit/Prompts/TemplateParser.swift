/// Reads a prompt file as a template of its syntax (the README's Templates section): tags are not counted, comments
/// are dropped, each placeholder becomes a `.placeholder` piece sized later by `variables`.
public enum TemplateParser {
  /// Parses `text` on its own; `file` (repo-relative) names the file in errors and picks `auto`
  /// syntax. Branches are weighed by a rough size; a feature's files are rendered with its
  /// tokenizer and the files they include by `TemplateRenderer`.
  public static func parse(_ text: String, file: String, syntax declared: PromptPart.Syntax) throws -> Template {
    var renderer = TemplateRenderer(
      library: TemplateLibrary(texts: [file: text]), options: TemplateOptions(), sizes: .rough)
    return try renderer.render(file, syntax: declared)
  }

  /// `auto`: by extension, then by the tags the text uses. Python `{x}` and JS `${x}` are only
  /// honoured when declared, because braces are common in ordinary prompt text (JSON examples).
  public static func detect(file: String, text: String) -> PromptPart.Syntax {
    let lowered = file.lowercased()
    if [".hbs", ".handlebars", ".mustache", ".prompt"].contains(where: lowered.hasSuffix) { return .mustache }
    if [".j2", ".jinja", ".jinja2", ".prompty"].contains(where: lowered.hasSuffix) { return .jinja }
    // A byte scan: Foundation's `contains` on String is far slower on large prompts.
    var sawMustache = false
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if previous == UInt8(ascii: "{") {
        if byte == UInt8(ascii: "%") || byte == UInt8(ascii: "#") { return .jinja }
        if byte == UInt8(ascii: "{") { sawMustache = true }
      }
      previous = byte
    }
    return sawMustache ? .mustache : .none
  }
}
