import Foundation

/// Renders a prompt file the way its engine would, with placeholders for the values of a call:
/// includes, partials and parent templates inlined, macro calls replaced by their bodies, one
/// branch of each `if` (by the feature's rule), and each loop's body once per item.
struct TemplateRenderer {
  let library: TemplateLibrary
  let options: TemplateOptions
  let sizes: TemplateSizes

  /// Every file the renders read, prompt files included.
  private(set) var reached = Set<String>()
  /// Every placeholder name met in any branch, before loop items are folded into their list.
  private(set) var names = Set<String>()
  private var media = Set<String>()
  /// Branches chosen between differently sized alternatives, and loops without an item count.
  private(set) var assumptions: [Assumption] = []

  private var documents: [String: TemplateDocument] = [:]
  private var state = State()

  /// What the count assumed where the template alone does not say what is sent.
  enum Assumption: Equatable {
    case branch(file: String, line: Int)
    case loop(file: String, line: Int, iterable: String)
  }

  init(library: TemplateLibrary, options: TemplateOptions, sizes: TemplateSizes) {
    self.library = library
    self.options = options
    self.sizes = sizes
  }

  /// The template `path` renders to; `syntax` is the prompt part's.
  mutating func render(_ path: String, syntax: PromptPart.Syntax) throws -> Template {
    state = State(file: path, entry: path, stack: [path])
    let document = try self.document(path, syntax: syntax)
    let pieces = try renderFile(path, document: document)
    var messages = [Template.Message(pieces: [])]
    for piece in pieces {
      switch piece {
      case .role(let role): messages.append(Template.Message(role: role, pieces: []))
      case .text(let text, let line): messages[messages.count - 1].pieces.append(.text(text, line: line))
      case .placeholder(let name, let line): messages[messages.count - 1].pieces.append(.placeholder(name, line: line))
      }
    }
    return Template(
      model: document.model, messages: messages.filter { !$0.pieces.isEmpty || $0.role != nil }, media: media)
  }

  // MARK: - State

  private enum Piece {
    case text(String, line: Int)
    case placeholder(String, line: Int)
    case role(PromptPart.Role)
  }

  /// A macro parameter's value inside its body.
  private enum Binding {
    case text(String)
    case name(String)
    case empty
  }

  private struct LoopFrame {
    var loop: TemplateLoop
    /// The list's size was already counted in this loop: later item reads add nothing.
    var counted = false
  }

  private struct BlockDefinition {
    var body: [TemplateNode]
    var file: String
  }

  private struct State {
    var file = ""
    var entry = ""
    /// The files being rendered, outermost first, to catch cycles.
    var stack: [String] = []
    var loops: [LoopFrame] = []
    var bindings: [[String: Binding]] = []
    var callers: [(body: [TemplateNode], file: String)] = []
    /// Overriding block definitions of the extending templates, most derived first.
    var overrides: [[String: BlockDefinition]] = []
    /// The definitions `super()` renders inside the block being rendered.
    var superChain: [BlockDefinition] = []
  }

  // MARK: - Files

  private mutating func document(_ path: String, syntax: PromptPart.Syntax) throws -> TemplateDocument {
    let key = "\(syntax.rawValue):\(path)"
    if let cached = documents[key] { return cached }
    reached.insert(path)
    let document = try TemplateDocument.parse(library.texts[path] ?? "", file: path, syntax: syntax)
    documents[key] = document
    return document
  }

  private mutating func renderFile(_ path: String, document: TemplateDocument) throws -> [Piece] {
    guard let parent = document.extends else { return try render(document.nodes) }
    // A child template outputs its parent with its own blocks in place of the parent's.
    let target = try resolve(parent)
    let saved = state
    defer { state = saved }
    state.overrides.append(document.blocks.mapValues { BlockDefinition(body: $0, file: path) })
    state.file = target
    state.stack.append(target)
    return try renderFile(target, document: try self.document(target, syntax: .jinja))
  }

  /// The path `reference` names from the current file; a cycle or a missing file is an error.
  private func resolve(_ reference: TemplateReference) throws -> String {
    guard let path = library.resolve(reference, from: state.file, entry: state.entry) else {
      throw PromptError.unresolved(
        file: state.file, line: reference.position.line, column: reference.position.column,
        kind: reference.kind.rawValue,
        name: reference.names.first ?? reference.expression,
        searched: reference.names.isEmpty ? [] : library.candidates(reference, from: state.file, entry: state.entry))
    }
    if state.stack.contains(path) {
      throw PromptError.cycle(
        file: state.file, line: reference.position.line, column: reference.position.column, chain: state.stack + [path])
    }
    return path
  }

  // MARK: - Nodes

  private mutating func render(_ nodes: [TemplateNode]) throws -> [Piece] {
    var pieces: [Piece] = []
    for node in nodes { pieces += try render(node) }
    return pieces
  }

  private mutating func render(_ node: TemplateNode) throws -> [Piece] {
    switch node {
    case .text(let text, let line):
      return [.text(text, line: line)]
    case .role(let role):
      return [.role(role)]
    case .media(let name, let position):
      media.insert(name ?? "media")
      return placeholder(name ?? "media", line: position.line)
    case .output(let expression, let position):
      return try output(expression, position)
    case .branches(let branches, let position):
      return try choose(branches, position)
    case .loop(let loop):
      return try repeatBody(loop)
    case .include(let reference):
      if reference.ignoreMissing, library.resolve(reference, from: state.file, entry: state.entry) == nil { return [] }
      let target = try resolve(reference)
      let saved = state
      defer { state = saved }
      state.file = target
      state.stack.append(target)
      state.overrides = []
      return try renderFile(target, document: try document(target, syntax: TemplateLibrary.syntax(of: reference)))
    case .block(let name, _):
      let own = try document(state.file, syntax: .jinja).blocks[name].map {
        BlockDefinition(body: $0, file: state.file)
      }
      let chain = state.overrides.compactMap { $0[name] } + (own.map { [$0] } ?? [])
      return try renderBlock(chain)
    case .call(let callee, let body, let position):
      let saved = state.callers
      state.callers.append((body, state.file))
      defer { state.callers = saved }
      return try output(callee, position)
    }
  }

  private mutating func renderBlock(_ chain: [BlockDefinition]) throws -> [Piece] {
    guard let first = chain.first else { return [] }
    let saved = state
    defer { state = saved }
    state.file = first.file
    state.superChain = Array(chain.dropFirst())
    return try render(first.body)
  }

  /// `if`/`elif`/`else`: the branch the feature's rule picks (default: the most tokens).
  private mutating func choose(_ branches: [[TemplateNode]], _ position: TemplateToken.Position) throws -> [Piece] {
    let rule = options.branches ?? .largest
    if rule == .all { return try render(Array(branches.joined())) }
    let saved = state.loops
    var best: (pieces: [Piece], loops: [LoopFrame], size: Int)?
    var sizes = Set<Int>()
    for branch in branches {
      state.loops = saved
      let pieces = try render(branch)
      let size = measure(pieces)
      sizes.insert(size)
      if best == nil || (rule == .largest && size > (best?.size ?? 0)) { best = (pieces, state.loops, size) }
    }
    if options.branches == nil, sizes.count > 1 { assumptions.append(.branch(file: state.file, line: position.line)) }
    state.loops = best?.loops ?? saved
    return best?.pieces ?? []
  }

  /// A loop renders its body once per item (`loops` in the config, else once); the list's own
  /// size stands for what its items output unless `variables` sizes the item's fields.
  private mutating func repeatBody(_ loop: TemplateLoop) throws -> [Piece] {
    let configured = options.loops[loop.iterable] ?? options.loops[TemplateExpression.root(loop.iterable)]
    names.insert(loop.iterable)
    state.loops.append(LoopFrame(loop: loop))
    defer { state.loops.removeLast() }
    var pieces: [Piece] = []
    for _ in 0..<(configured ?? 1) { pieces += try render(loop.body) }
    let perItem = pieces.contains { piece in
      switch piece {
      case .text: true
      case .placeholder(let name, _): name != loop.iterable
      case .role: false
      }
    }
    if configured == nil, perItem {
      assumptions.append(.loop(file: state.file, line: loop.position.line, iterable: loop.iterable))
    }
    return pieces
  }

  // MARK: - Expressions

  private mutating func output(_ expression: String, _ position: TemplateToken.Position) throws -> [Piece] {
    let trimmed = expression.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed == "super()" {
      return try renderBlock(state.superChain)
    }
    if trimmed.hasPrefix("caller(") {
      guard let caller = state.callers.last else { return [] }
      let saved = state
      defer { state = saved }
      state.file = caller.file
      state.callers.removeLast()
      return try render(caller.body)
    }
    if let call = TemplateExpression.call(trimmed), let (macro, file) = try macro(named: call.callee) {
      return try expand(macro, from: file, arguments: call.arguments)
    }
    if let literal = TemplateExpression.literal(trimmed) { return [.text(literal, line: position.line)] }
    guard var name = TemplateExpression.variableName(trimmed) else { return [] }
    // A macro parameter is the argument the call passed.
    let root = TemplateExpression.root(name)
    if let binding = state.bindings.last?[root] {
      switch binding {
      case .text(let text): return [.text(text, line: position.line)]
      case .empty: return []
      case .name(let bound): name = bound + name.dropFirst(root.count)
      }
    }
    return placeholder(name, line: position.line)
  }

  private mutating func placeholder(_ name: String, line: Int) -> [Piece] {
    names.insert(name)
    // An item of a loop: its fields sized in `variables` count per item; otherwise the list's
    // size is the whole rendered list, counted once per loop.
    let item = name == "this" || name == "." || name.hasPrefix("this.")
    guard let index = state.loops.lastIndex(where: { Self.reads(name, item: $0.loop) }),
      item || sizes.placeholder(name) == nil
    else {
      return [.placeholder(name, line: line)]
    }
    if state.loops[index].counted { return [] }
    state.loops[index].counted = true
    let iterable = state.loops[index].loop.iterable
    names.insert(iterable)
    return [.placeholder(iterable, line: line)]
  }

  /// Whether `name` reads the loop's item (`doc`, `doc.text`; handlebars: `this`, `.`, `this.x`,
  /// or a bare field of the item, which is how `{{#each}}` bodies usually read it).
  static func reads(_ name: String, item loop: TemplateLoop) -> Bool {
    guard !loop.variables.isEmpty else {
      return !name.hasPrefix("@") && !name.hasPrefix("../") && !name.hasPrefix("loop.")
    }
    return loop.variables.contains(TemplateExpression.root(name))
  }

  /// The macro `callee` names from the current file: its own, or one it imports.
  private mutating func macro(named callee: String) throws -> (TemplateMacro, String)? {
    let document = try self.document(state.file, syntax: .jinja)
    let parts = callee.split(separator: ".").map(String.init)
    if parts.count == 1, let own = document.macros[callee] { return (own, state.file) }
    for binding in document.imports {
      switch binding {
      case .namespace(let reference, let alias) where parts.count == 2 && parts[0] == alias:
        let target = try resolve(reference)
        if let macro = try self.document(target, syntax: .jinja).macros[parts[1]] { return (macro, target) }
      case .names(let reference, let names) where parts.count == 1:
        guard let original = names.first(where: { $0.alias == callee })?.name else { continue }
        let target = try resolve(reference)
        if let macro = try self.document(target, syntax: .jinja).macros[original] { return (macro, target) }
      default:
        continue
      }
    }
    return nil
  }

  /// A macro call outputs the macro's body with its parameters bound to the call's arguments.
  private mutating func expand(_ macro: TemplateMacro, from file: String, arguments: [String]) throws -> [Piece] {
    var positional: [String] = []
    var keyword: [String: String] = [:]
    for argument in arguments {
      if let equals = argument.firstIndex(of: "="),
        argument[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
        argument.dropFirst(argument.distance(from: argument.startIndex, to: equals) + 1).first != "="
      {
        keyword[String(argument[..<equals])] = argument[argument.index(after: equals)...].trimmingCharacters(
          in: .whitespaces)
      } else {
        positional.append(argument)
      }
    }
    var bindings: [String: Binding] = [:]
    for (index, parameter) in macro.parameters.enumerated() {
      let expression = keyword[parameter.name] ?? (index < positional.count ? positional[index] : parameter.default)
      bindings[parameter.name] = bind(expression)
    }
    let saved = state
    defer { state = saved }
    state.file = file
    state.bindings.append(bindings)
    if !state.stack.contains(file) { state.stack.append(file) }
    return try render(macro.body)
  }

  private func bind(_ expression: String?) -> Binding {
    guard let expression, !expression.isEmpty, expression != "none", expression != "None" else { return .empty }
    if let literal = TemplateExpression.literal(expression) { return .text(literal) }
    if expression.first?.isNumber == true || expression == "true" || expression == "false" { return .text(expression) }
    guard let name = TemplateExpression.variableName(expression) else { return .empty }
    // A name bound by the calling macro passes its own binding on.
    return state.bindings.last?[TemplateExpression.root(name)] ?? .name(name)
  }

  private func measure(_ pieces: [Piece]) -> Int {
    pieces.reduce(0) { total, piece in
      switch piece {
      case .text(let text, _): total + sizes.text(text)
      case .placeholder(let name, _): total + (sizes.placeholder(name) ?? sizes.defaultSize)
      case .role: total
      }
    }
  }
}

/// How the renderer weighs branches: tokens of a text, the `variables` size of a placeholder.
struct TemplateSizes: Sendable {
  var text: @Sendable (String) -> Int
  /// Nil when `variables` does not size the name.
  var placeholder: @Sendable (String) -> Int?
  var defaultSize: Int

  /// Without a tokenizer at hand (`TemplateParser.parse`): about four bytes per token.
  static let rough = TemplateSizes(text: { ($0.utf8.count + 3) / 4 }, placeholder: { _ in nil }, defaultSize: 100)
}
