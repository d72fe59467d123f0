import Testing

@testable import TokenTaxKit

/// Includes, inheritance, macros, partials, branches and loops rendered as their engines do.
@Suite struct TemplateResolutionTests {
  typealias Piece = Template.Piece

  /// Renders `entry` among `files`; text is weighed by its length, placeholders by `sizes`.
  func render(
    _ entry: String, _ files: [String: String], paths: [String] = [], branches: TemplateOptions.BranchRule? = nil,
    loops: [String: Int] = [:], sizes: [String: Int] = [:]
  ) throws -> (pieces: [Piece], renderer: TemplateRenderer) {
    let measured = TemplateSizes(text: { $0.count }, placeholder: { sizes[$0] }, defaultSize: 10)
    var renderer = TemplateRenderer(
      library: TemplateLibrary(texts: files, searchPaths: paths),
      options: TemplateOptions(paths: paths, branches: branches, loops: loops),
      sizes: measured)
    let template = try renderer.render(entry, syntax: .auto)
    return (template.messages.flatMap(\.pieces), renderer)
  }

  func text(_ pieces: [Piece]) -> String {
    pieces.map { piece in
      switch piece {
      case .text(let text, _): text
      case .placeholder(let name, _): "<\(name)>"
      }
    }.joined()
  }

  @Test func includeInlinesTheFileRelativeToTheIncluder() throws {
    let files = ["p/main.j2": "A {% include \"part.j2\" %} C", "p/part.j2": "B {{ x }}"]
    let (pieces, renderer) = try render("p/main.j2", files)
    #expect(text(pieces) == "A B <x> C")
    #expect(renderer.reached == ["p/main.j2", "p/part.j2"])
  }

  @Test func includeFallsBackToTemplatePathsAndIgnoreMissing() throws {
    let files = [
      "app/main.j2": "{% include 'shared/a.j2' %}{% include 'gone.j2' ignore missing %}", "lib/shared/a.j2": "shared",
    ]
    #expect(text(try render("app/main.j2", files, paths: ["lib"]).pieces) == "shared")
  }

  @Test func extendsRendersTheParentWithOverriddenBlocksAndSuper() throws {
    let files = [
      "base.j2": "Head {% block body %}base body{% endblock %} {% block foot %}foot{% endblock %}",
      "child.j2": "{% extends \"base.j2\" %}ignored{% block body %}child, then {{ super() }}{% endblock %}",
    ]
    #expect(text(try render("child.j2", files).pieces) == "Head child, then base body foot")
  }

  @Test func importedMacrosRenderTheirBodyWithArguments() throws {
    let files = [
      "m.j2": "{% macro field(label, value, sep=\": \") %}{{ label }}{{ sep }}{{ value }}\n{% endmacro %}",
      "main.j2":
        "{% import 'm.j2' as forms %}{% from 'm.j2' import field as f %}{{ forms.field('Name', user.name) }}{{ f(\"Plan\", plan, sep=\"=\") }}",
    ]
    #expect(text(try render("main.j2", files).pieces) == "Name: <user.name>\nPlan=<plan>\n")
  }

  @Test func callBlocksRenderTheCallerBody() throws {
    let files = ["main.j2": "{% macro box() %}[{{ caller() }}]{% endmacro %}{% call box() %}in {{ x }}{% endcall %}"]
    #expect(text(try render("main.j2", files).pieces) == "[in <x>]")
  }

  @Test func partialsUseDotpromptsUnderscoreConvention() throws {
    let files = [
      "prompts/a.prompt": "---\nmodel: gpt-5\n---\nHi {{> style}} {{> other tone=x}}", "prompts/_style.prompt": "brief",
      "prompts/other.hbs": "{{y}}",
    ]
    #expect(text(try render("prompts/a.prompt", files).pieces) == "Hi brief <y>")
  }

  @Test func cyclesAndMissingNamesAreErrorsAtTheTag() {
    #expect(throws: PromptError.cycle(file: "b.j2", line: 2, column: 1, chain: ["a.j2", "b.j2", "a.j2"])) {
      try render("a.j2", ["a.j2": "{% include 'b.j2' %}", "b.j2": "x\n{% include 'a.j2' %}"])
    }
    #expect(
      throws: PromptError.unresolved(
        file: "d/a.j2", line: 1, column: 3, kind: "include", name: "nope.j2", searched: ["d/nope.j2", "nope.j2"])
    ) {
      try render("d/a.j2", ["d/a.j2": "x {% include 'nope.j2' %}"])
    }
  }

  @Test func branchesFollowTheRule() throws {
    let files = ["a.j2": "{% if x %}short{% elif y %}the longest one{% else %}mid {{ big }}{% endif %}!"]
    #expect(text(try render("a.j2", files, sizes: ["big": 50]).pieces) == "mid <big>!")
    #expect(text(try render("a.j2", files).pieces) == "the longest one!")
    #expect(text(try render("a.j2", files, branches: .first).pieces) == "short!")
    #expect(text(try render("a.j2", files, branches: .all).pieces) == "shortthe longest onemid <big>!")
    #expect(try render("a.j2", files).renderer.assumptions == [.branch(file: "a.j2", line: 1)])
    #expect(try render("a.j2", files, branches: .largest).renderer.assumptions.isEmpty)
    // dotprompt's helpers are ordinary values in other handlebars files.
    #expect(text(try render("h.hbs", ["h.hbs": "{{history}}"]).pieces) == "<history>")
    let mustache = ["a.hbs": "{{#if x}}yes {{x}}{{else}}no{{/if}}{{^y}}none{{/y}}"]
    #expect(text(try render("a.hbs", mustache).pieces) == "yes <x>none")
  }

  @Test func loopsRepeatTheirBodyAndSizeItemsByTheList() throws {
    let files = ["a.j2": "{% for d in docs %}- {{ d.title }}: {{ d.text }} ({{ q }})\n{% endfor %}"]
    // Items not sized: the list's size once, the body's text and other placeholders per item.
    #expect(text(try render("a.j2", files, loops: ["docs": 2]).pieces) == "- <docs>:  (<q>)\n- :  (<q>)\n")
    // Item fields sized in variables count per item.
    #expect(
      text(try render("a.j2", files, loops: ["docs": 2], sizes: ["d.title": 8, "d.text": 90]).pieces)
        == "- <d.title>: <d.text> (<q>)\n- <d.title>: <d.text> (<q>)\n")
    #expect(try render("a.j2", files).renderer.assumptions == [.loop(file: "a.j2", line: 1, iterable: "docs")])
    #expect(try render("a.j2", files).renderer.names == ["d.title", "d.text", "docs", "q"])
  }

  @Test func whitespaceControlAndRawBlocks() throws {
    let files = ["a.j2": "A  {%- if x -%}  B  {%- endif %}\n{% raw %}{{ kept }}{% endraw %}"]
    #expect(text(try render("a.j2", files).pieces) == "AB\n{{ kept }}")
  }

  @Test func unclosedBlocksNameTheirTag() {
    #expect(
      throws: PromptError.syntax(
        file: "a.j2", line: 2, column: 1, reason: "this block is never closed; add '{% endif %}'")
    ) {
      try render("a.j2", ["a.j2": "x\n{% if y %}z"])
    }
    #expect(
      throws: PromptError.syntax(
        file: "a.hbs", line: 1, column: 10, reason: "'{{/each}}' closes the block opened at line 1 that needs '{{/if}}'"
      )
    ) {
      try render("a.hbs", ["a.hbs": "{{#if x}}{{/each}}"])
    }
  }
}
