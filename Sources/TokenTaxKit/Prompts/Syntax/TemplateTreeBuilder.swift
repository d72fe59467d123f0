import Foundation

/// Matches a file's block tags (`if`/`endif`, `{{#each}}`/`{{/each}}` …) into `TemplateNode`s.
struct TemplateTreeBuilder {
  let file: String
  let syntax: PromptPart.Syntax
  private var document = TemplateDocument()
  /// Open blocks, innermost last; the root is the first.
  private var frames: [Frame] = [Frame(kind: .root, closer: "", position: .init(line: 1, column: 1))]

  init(file: String, syntax: PromptPart.Syntax) {
    self.file = file
    self.syntax = syntax
  }

  private struct Frame {
    enum Kind {
      case root
      case branches
      case loop(variables: [String], iterable: String)
      case block(String)
      case macro(String, parameters: [(name: String, default: String?)])
      case call(String)
      /// Output inline (`with`, `filter`, `{{#with}}`, `{{#role}}` after its role marker).
      case inline
      /// Evaluated but not output (`{% set x %}…{% endset %}`, handlebars inline partials).
      case discarded
      /// `{{#> layout}}…{{/layout}}`: the partial is output, the body is its fallback.
      case partialBlock(TemplateReference)
    }
    var kind: Kind
    /// The tag that closes it: `endif`, `/each`.
    var closer: String
    var position: TemplateToken.Position
    /// One list per branch (loops: the body, then the `else` body).
    var branches: [[TemplateNode]] = [[]]

    mutating func append(_ node: TemplateNode) { branches[branches.count - 1].append(node) }
  }

  mutating func add(_ token: TemplateToken) throws {
    switch token {
    case .text(let text, let line):
      append(.text(text, line: line))
    case .roleLine(let role, _):
      append(.role(role))
    case .comment:
      break
    case .output(let expression, let position):
      output(expression, position)
    case .statement(let content, let position):
      if syntax == .jinja { try jinja(content, position) } else { try mustache(content, position) }
    }
  }

  mutating func finish() throws -> TemplateDocument {
    if frames.count > 1, let open = frames.last {
      throw syntaxError(open.position, "this block is never closed; add '\(closerTag(open.closer))'")
    }
    document.nodes = frames[0].branches[0]
    return document
  }

  // MARK: - Output

  private mutating func append(_ node: TemplateNode) { frames[frames.count - 1].append(node) }

  private mutating func output(_ expression: String, _ position: TemplateToken.Position) {
    guard syntax == .mustache else { return append(.output(expression, position)) }
    let words = TemplateExpression.words(expression)
    switch words.first {
    case "role":
      // dotprompt names the assistant turn `model`.
      if let role = TemplateExpression.role(words.dropFirst().first) { append(.role(role)) }
    case "history" where file.hasSuffix(".prompt"), "section" where file.hasSuffix(".prompt"):
      // dotprompt: conversation history is sized by the feature's `history`; a section only
      // marks a place. In other handlebars files these are ordinary values.
      break
    case "media" where file.hasSuffix(".prompt"):
      let url = words.first { $0.hasPrefix("url=") }.map { String($0.dropFirst(4)) }
      append(.media(name: url.flatMap(TemplateExpression.literal) == nil ? url : nil, position))
    default:
      append(.output(expression, position))
    }
  }

  // MARK: - Jinja

  private mutating func jinja(_ content: String, _ position: TemplateToken.Position) throws {
    let keyword = String(content.prefix { !$0.isWhitespace && $0 != "(" })
    let rest = content.dropFirst(keyword.count).trimmingCharacters(in: .whitespacesAndNewlines)
    switch keyword {
    case "if":
      open(.branches, closer: "endif", position)
    case "elif", "else":
      try separate(position, keyword: keyword)
    case "for":
      let (variables, iterable) = TemplateExpression.forLoop(rest)
      open(.loop(variables: variables, iterable: iterable), closer: "endfor", position)
    case "block":
      let name = String(rest.prefix { !$0.isWhitespace })
      open(.block(name), closer: "endblock", position)
    case "macro":
      let (name, parameters) = TemplateExpression.signature(rest)
      open(.macro(name, parameters: parameters), closer: "endmacro", position)
    case "call":
      // `call(args) macro(…)`: the caller's own arguments come first in parentheses.
      let callee = rest.hasPrefix("(") ? TemplateExpression.afterParenthesis(rest) : rest
      open(.call(callee.trimmingCharacters(in: .whitespaces)), closer: "endcall", position)
    case "set":
      // `{% set x = … %}` outputs nothing; `{% set x %}…{% endset %}` captures its body.
      if !rest.contains("=") { open(.discarded, closer: "endset", position) }
    case "filter", "with", "autoescape", "trans", "spaceless":
      open(.inline, closer: "end" + keyword, position)
    case "include":
      let reference = TemplateExpression.reference(.include, rest, position)
      document.references.append(reference)
      append(.include(reference))
    case "extends":
      let reference = TemplateExpression.reference(.extends, rest, position)
      document.references.append(reference)
      document.extends = reference
    case "import", "from":
      guard let (reference, binding) = TemplateExpression.importStatement(keyword, rest, position) else { return }
      document.references.append(reference)
      document.imports.append(binding)
    default:
      if keyword.hasPrefix("end") { try close(keyword, position) }
    // Other statements (`do`, `break`, `continue`, extensions' tags) output nothing.
    }
  }

  // MARK: - Mustache / handlebars

  private mutating func mustache(_ content: String, _ position: TemplateToken.Position) throws {
    if content == "else" || content == "^" || content.hasPrefix("else ") {
      return try separate(position, keyword: "else")
    }
    guard let sigil = content.first else { return }
    let body = content.dropFirst().trimmingCharacters(in: .whitespaces)
    let words = TemplateExpression.words(body)
    let helper = words.first ?? ""
    switch sigil {
    case ">":
      let reference = TemplateExpression.partial(body, position)
      document.references.append(reference)
      append(.include(reference))
    case "/":
      try close("/" + helper, position)
    case "^":
      open(.branches, closer: "/" + helper, position)
    case "#" where helper.hasPrefix(">"):
      let reference = TemplateExpression.partial(String(body.dropFirst()), position)
      document.references.append(reference)
      let name = String(helper.dropFirst()).trimmingCharacters(in: .whitespaces)
      open(.partialBlock(reference), closer: "/" + (name.isEmpty ? words.dropFirst().first ?? "" : name), position)
    case "#" where helper.hasPrefix("*"):
      open(.discarded, closer: "/" + helper.dropFirst(), position)
    case "#":
      switch helper {
      case "each":
        let (variables, iterable) = TemplateExpression.eachLoop(Array(words.dropFirst()))
        open(.loop(variables: variables, iterable: iterable), closer: "/each", position)
      case "with", "let":
        open(.inline, closer: "/" + helper, position)
      case "role":
        open(.inline, closer: "/role", position)
        if let role = TemplateExpression.role(words.dropFirst().first) { append(.role(role)) }
      default:
        // `if`, `unless`, dotprompt's `ifEquals`, and plain mustache sections (a value that
        // is truthy or a list): output or not.
        open(.branches, closer: "/" + helper, position)
      }
    default:
      break
    }
  }

  // MARK: - Frames

  private mutating func open(_ kind: Frame.Kind, closer: String, _ position: TemplateToken.Position) {
    frames.append(Frame(kind: kind, closer: closer, position: position))
  }

  /// `elif` / `else` / `{{else}}`: a new branch of the innermost `if` or the `else` of a loop.
  private mutating func separate(_ position: TemplateToken.Position, keyword: String) throws {
    guard frames.count > 1, let frame = frames.last else {
      throw syntaxError(position, "'\(keyword)' outside any block; remove it or open the block it belongs to")
    }
    switch frame.kind {
    case .branches, .loop: frames[frames.count - 1].branches.append([])
    default: throw syntaxError(position, "'\(keyword)' inside a block that takes none; close the block first")
    }
  }

  private mutating func close(_ closer: String, _ position: TemplateToken.Position) throws {
    guard frames.count > 1, let frame = frames.last else {
      throw syntaxError(position, "'\(closerTag(closer))' closes no open block; remove it")
    }
    // Jinja allows `{% endblock name %}`; handlebars closes `{{#if}}` with `{{/if}}` only.
    guard frame.closer == closer else {
      throw syntaxError(
        position,
        "'\(closerTag(closer))' closes the block opened at line \(frame.position.line) that needs '\(closerTag(frame.closer))'"
      )
    }
    frames.removeLast()
    switch frame.kind {
    case .root, .discarded:
      break
    case .branches:
      var branches = frame.branches
      if branches.count == 1 { branches.append([]) }
      append(.branches(branches, frame.position))
    case .loop(let variables, let iterable):
      append(
        .loop(TemplateLoop(variables: variables, iterable: iterable, body: frame.branches[0], position: frame.position))
      )
    case .block(let name):
      if document.blocks[name] == nil { document.blocks[name] = frame.branches[0] }
      append(.block(name, frame.position))
    case .macro(let name, let parameters):
      document.macros[name] = TemplateMacro(name: name, parameters: parameters, body: frame.branches[0])
    case .call(let callee):
      append(.call(callee, body: frame.branches[0], frame.position))
    case .inline:
      for node in frame.branches.joined() { append(node) }
    case .partialBlock(let reference):
      append(.include(reference))
    }
  }

  private func closerTag(_ closer: String) -> String {
    syntax == .jinja ? "{% \(closer) %}" : "{{\(closer)}}"
  }

  private func syntaxError(_ position: TemplateToken.Position, _ reason: String) -> PromptError {
    PromptError.syntax(file: file, line: position.line, column: position.column, reason: reason)
  }
}
