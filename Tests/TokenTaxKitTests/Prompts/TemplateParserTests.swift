import Testing

@testable import TokenTaxKit

@Suite struct TemplateParserTests {
  typealias Piece = Template.Piece

  func pieces(_ text: String, _ file: String = "p.txt", _ syntax: PromptPart.Syntax = .auto) throws -> [Piece] {
    try TemplateParser.parse(text, file: file, syntax: syntax).messages.flatMap(\.pieces)
  }

  @Test func mustacheDropsCommentsAndSectionsKeepsPlaceholders() throws {
    let result = try pieces("{{! note }}Hi {{name}},\n{{#each docs}}- {{{this}}}\n{{/each}}bye", "a.hbs")
    #expect(
      result == [
        .text("Hi ", line: 1), .placeholder("name", line: 1), .text(",\n", line: 1), .text("- ", line: 2),
        .placeholder("docs", line: 2), .text("\n", line: 2), .text("bye", line: 3),
      ])
  }

  @Test func jinjaDropsTagsAndCommentsAndReadsFilters() throws {
    let result = try pieces("{# c #}A {{ user.name | upper }}{% if x %}B{% endif %}", "a.j2")
    #expect(result == [.text("A ", line: 1), .placeholder("user.name", line: 1), .text("B", line: 1)])
  }

  @Test func loopItemsAreTheIterableCountedOnce() throws {
    let jinja = try pieces(
      "{% for doc in documents %}[{{ loop.index }}] {{ doc.title }}\n{{ doc.text }}{% endfor %}{{ q }}", "a.j2")
    #expect(
      jinja.filter { if case .placeholder = $0 { true } else { false } } == [
        .placeholder("loop.index", line: 1), .placeholder("documents", line: 1), .placeholder("q", line: 2),
      ])
    let mustache = try pieces("{{#each kb}}{{title}} {{body}}{{/each}}{{ask}}", "a.hbs")
    #expect(mustache == [.placeholder("kb", line: 1), .text(" ", line: 1), .placeholder("ask", line: 1)])
  }

  @Test func pythonOnlyWhenDeclaredAndBracesEscape() throws {
    #expect(try pieces("{x} {{y}}", "a.txt", .python) == [.placeholder("x", line: 1), .text(" {y}", line: 1)])
    #expect(try pieces("{\"json\": 1}", "a.txt") == [.text("{\"json\": 1}", line: 1)])
  }

  @Test func jsTemplateLiterals() throws {
    #expect(
      try pieces("Hi ${user}! \\${literal}", "a.txt", .js) == [
        .text("Hi ", line: 1), .placeholder("user", line: 1), .text("! ${literal}", line: 1),
      ])
  }

  @Test func dotpromptReadsModelAndRoles() throws {
    let template = try TemplateParser.parse(
      "---\nmodel: googleai/gemini-2.5-pro\n---\n{{role \"system\"}}\nBe brief.\n{{role \"user\"}}\n{{question}}\n",
      file: "a.prompt",
      syntax: .auto)
    #expect(template.model == "gemini-2.5-pro")
    #expect(template.messages.map(\.role) == [.system, .user])
    #expect(template.messages[1].pieces.contains(.placeholder("question", line: 7)))
  }

  @Test func promptyReadsDeploymentAndRoleLines() throws {
    let text =
      "---\nname: x\nmodel:\n  api: chat\n  configuration:\n    type: azure_openai\n    azure_deployment: gpt-4o\n---\nsystem:\nYou help.\n\nuser:\n{{question}}\n"
    let template = try TemplateParser.parse(text, file: "a.prompty", syntax: .auto)
    #expect(template.model == "gpt-4o")
    #expect(template.messages.map(\.role) == [.system, .user])
  }

  @Test func unclosedTagNamesLineAndColumn() {
    #expect(
      throws: PromptError.syntax(
        file: "a.hbs", line: 2, column: 4,
        reason:
          "unclosed '{{'; close it with '}}', or set \"syntax\": \"none\" on this prompt part if the braces are literal text"
      )
    ) {
      try TemplateParser.parse("ok\nhi {{name\n", file: "a.hbs", syntax: .auto)
    }
  }

  /// Handlebars drops a line that holds only a block tag, a comment or a partial: what it
  /// renders is "Rules:\n- …\nExtra.\nEnd.\n", not a blank line per tag. A tag beside text keeps
  /// its line; Jinja keeps the newline after a block tag (its `trim_blocks` is off by default).
  @Test func handlebarsStandaloneLinesAreNotOutput() throws {
    let text =
      "Rules:\n{{#each rules}}\n- {{this}}\n{{/each}}\n{{#if extra}}\nExtra.\n{{else}}\nNone.\n{{/if}}\n"
      + "  {{! note }}\nEnd. {{#if x}}\nX{{/if}}\n"
    let template = try TemplateParser.parse(text, file: "a.hbs", syntax: .auto)
    #expect(
      template.messages[0].pieces == [
        .text("Rules:\n", line: 1), .text("- ", line: 3), .placeholder("rules", line: 3), .text("\n", line: 3),
        .text("Extra.\n", line: 6), .text("End. ", line: 11), .text("\nX", line: 11), .text("\n", line: 12),
      ])
    let jinja = try TemplateParser.parse("A\n{% if x %}\nB\n{% endif %}\n", file: "a.j2", syntax: .auto)
    #expect(jinja.messages[0].pieces == [.text("A\n", line: 1), .text("\nB\n", line: 2), .text("\n", line: 4)])
  }
}
