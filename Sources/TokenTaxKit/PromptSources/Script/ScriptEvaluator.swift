import Foundation

/// Evaluates a TypeScript / JavaScript string the way the language builds it: quoted strings and
/// template literals (escapes decoded), `+`, parentheses, `as const` / `satisfies`, `.trim()`,
/// `[…].join(sep)`, names of other top-level constants inlined, and a function or arrow function
/// whose body returns a string (several returns: the largest, and a note says so). Any other
/// `${expr}` stays a placeholder named by its source text.
struct ScriptEvaluator {
  let module: ScriptModule
  private var visiting: [String] = []

  init(module: ScriptModule) { self.module = module }

  func value(of symbol: String) throws -> (SourceString, notes: [String]) {
    let binding = try module.binding(symbol)
    guard !visiting.contains(symbol) else {
      throw PromptSourceError.cycle(file: module.file, names: visiting + [symbol])
    }
    var evaluator = self
    evaluator.visiting.append(symbol)
    var parser = ScriptExpression(tokens: module.tokens, index: binding.start, evaluator: evaluator, selector: symbol)
    if binding.isFunctionDeclaration {
      return try parser.functionValue(name: symbol, at: binding)
    }
    if let function = try parser.arrowOrFunction(name: symbol, at: binding) { return function }
    let value = try parser.sum()
    return (value, [])
  }

  /// The items of a top-level constant array literal; nil when `name` is not one.
  fileprivate func arrayConstant(_ name: String) throws -> [SourceString]? {
    guard let binding = module.bindings[name], !binding.isFunctionDeclaration,
      binding.start < module.tokens.count, module.tokens[binding.start].isPunctuator("[")
    else { return nil }
    guard !visiting.contains(name) else { throw PromptSourceError.cycle(file: module.file, names: visiting + [name]) }
    var evaluator = self
    evaluator.visiting.append(name)
    var parser = ScriptExpression(tokens: module.tokens, index: binding.start, evaluator: evaluator, selector: name)
    return try parser.arrayItems()
  }

  /// A name's value when it is a top-level string constant; nil for anything else.
  fileprivate func constant(_ name: String) throws -> SourceString? {
    guard let binding = module.bindings[name], !binding.isFunctionDeclaration else { return nil }
    var probe = ScriptExpression(tokens: module.tokens, index: binding.start, evaluator: self, selector: name)
    if probe.isFunction { return nil }
    return try? value(of: name).0
  }
}

/// Recursive descent from one token of the module.
private struct ScriptExpression {
  let tokens: [ScriptToken]
  var index: Int
  let evaluator: ScriptEvaluator
  let selector: String

  var file: String { evaluator.module.file }
  var peek: ScriptToken? { index < tokens.count ? tokens[index] : nil }

  func refuse(_ token: ScriptToken?, _ found: String) -> PromptSourceError {
    let at = token ?? tokens.last
    return .notAString(file: file, line: at?.line ?? 1, column: at?.column ?? 1, selector: selector, found: found)
  }

  mutating func take(_ punctuator: String) -> Bool {
    guard let token = peek, token.isPunctuator(punctuator) else { return false }
    index += 1
    return true
  }

  /// Whether the initializer here is an arrow function or a function expression.
  var isFunction: Bool {
    mutating get {
      let start = index
      defer { index = start }
      if peek?.isIdentifier("async") == true { index += 1 }
      if peek?.isIdentifier("function") == true { return true }
      if let token = peek, token.kind == .identifier, index + 1 < tokens.count, tokens[index + 1].isPunctuator("=>") {
        return true
      }
      guard take("(") else { return false }
      index = matching(from: index - 1)
      if take(":") { skipType() }
      return peek?.isPunctuator("=>") == true
    }
  }

  mutating func arrowOrFunction(name: String, at binding: ScriptModule.Binding) throws -> (
    SourceString, notes: [String]
  )? {
    guard isFunction else { return nil }
    if peek?.isIdentifier("async") == true { index += 1 }
    if peek?.isIdentifier("function") == true { return try functionValue(name: name, at: binding) }
    if let token = peek, token.kind == .identifier {
      index += 1
    } else {
      index = matching(from: index)
      if take(":") { skipType() }
    }
    guard take("=>") else { throw refuse(peek, "an arrow function without a body") }
    if peek?.isPunctuator("{") == true { return try returns(name: name, blockAt: index) }
    return (try sum(), [])
  }

  /// `function NAME(…) { … }` from the parameter list (or the name of a function expression).
  mutating func functionValue(name: String, at binding: ScriptModule.Binding) throws -> (SourceString, notes: [String])
  {
    while let token = peek, !token.isPunctuator("(") { index += 1 }
    index = matching(from: index)
    if take(":") { skipType() }
    guard peek?.isPunctuator("{") == true else { throw refuse(peek, "a function without a body") }
    return try returns(name: name, blockAt: index)
  }

  /// The string `return`s of the block at `start`: the largest one counts.
  mutating func returns(name: String, blockAt start: Int) throws -> (SourceString, notes: [String]) {
    let end = matching(from: start)
    var values: [SourceString] = []
    var position = start + 1
    while position < end {
      if tokens[position].isIdentifier("return") {
        var inner = ScriptExpression(tokens: tokens, index: position + 1, evaluator: evaluator, selector: selector)
        if let value = try? inner.sum(), inner.endsStatement(before: end) { values.append(value) }
      }
      position += 1
    }
    guard let largest = values.max(by: { $0.text.utf8.count < $1.text.utf8.count }) else {
      throw refuse(tokens[start], "a function with no return of a string or template literal")
    }
    let notes = values.count > 1 ? ["\(name): \(values.count) string returns, the largest counted"] : []
    return (largest, notes)
  }

  func endsStatement(before end: Int) -> Bool {
    guard index < end else { return true }
    let token = tokens[index]
    return token.isPunctuator(";") || token.isPunctuator("}") || token.line > tokens[index - 1].line
  }

  /// The index after the bracket that closes the one at `start`.
  func matching(from start: Int) -> Int {
    var depth = 0
    var position = start
    while position < tokens.count {
      let token = tokens[position]
      if token.kind == .punctuator {
        if ["(", "[", "{"].contains(token.text) { depth += 1 }
        if [")", "]", "}"].contains(token.text) {
          depth -= 1
          if depth == 0 { return position + 1 }
        }
      }
      position += 1
    }
    return tokens.count
  }

  /// Moves past a type: names, `.`, `|`, `&`, generics, `[]`, object and function types.
  mutating func skipType() {
    var depth = 0
    while let token = peek {
      if token.kind == .punctuator {
        if ["(", "[", "{", "<"].contains(token.text) {
          depth += 1
        } else if [")", "]", "}", ">"].contains(token.text) {
          if depth == 0 { return }
          depth -= 1
        } else if depth == 0, !["|", "&", ".", "?"].contains(token.text) {
          if token.text == "=>", index > 0, tokens[index - 1].isPunctuator(")") {
            index += 1
            continue
          }
          return
        }
      } else if depth == 0, index > 0, tokens[index - 1].kind == .identifier,
        !["keyof", "typeof", "readonly"].contains(tokens[index - 1].text)
      {
        return
      }
      index += 1
    }
  }

  mutating func sum() throws -> SourceString {
    var value = try postfixed()
    while take("+") { value.append(try postfixed()) }
    return value
  }

  mutating func postfixed() throws -> SourceString {
    var value = try primary()
    while let token = peek {
      if token.isIdentifier("as") || token.isIdentifier("satisfies") {
        index += 1
        if peek?.isIdentifier("const") == true { index += 1 } else { skipType() }
      } else if token.isPunctuator("!") {
        index += 1
      } else if token.isPunctuator("."), index + 1 < tokens.count, tokens[index + 1].kind == .identifier {
        let method = tokens[index + 1]
        guard ["trim", "trimStart", "trimEnd", "trimLeft", "trimRight"].contains(method.text) else { return value }
        index += 2
        guard take("("), take(")") else { throw refuse(method, "'.\(method.text)' with arguments") }
        value = TextDedent.strip(
          value, leading: !method.text.hasSuffix("End") && !method.text.hasSuffix("Right"),
          trailing: !method.text.hasSuffix("Start") && !method.text.hasSuffix("Left"))
      } else {
        return value
      }
    }
    return value
  }

  mutating func primary() throws -> SourceString {
    guard let token = peek else { throw refuse(nil, "an empty initializer") }
    switch token.kind {
    case .string:
      index += 1
      return ScriptLiteral.decode(quoted: token)
    case .template(let parts):
      index += 1
      return try template(parts, line: token.line)
    case .number:
      throw refuse(token, "a number")
    case .regex:
      throw refuse(token, "a regular expression")
    case .punctuator:
      if take("(") {
        let value = try sum()
        guard take(")") else { throw refuse(peek, "an expression with '\(peek?.text ?? "")'") }
        return value
      }
      if token.isPunctuator("[") { return try joinedArray() }
      if token.isPunctuator("{") { throw refuse(token, "an object literal") }
      throw refuse(token, "an expression starting with '\(token.text)'")
    case .identifier:
      if ["true", "false", "null", "undefined", "new", "await", "function", "class"].contains(token.text) {
        throw refuse(token, "'\(token.text)'")
      }
      index += 1
      if let next = peek, case .template(let parts) = next.kind {
        // A tagged template (`dedent\`…\``, `String.raw`): read as its text.
        index += 1
        let value = try template(parts, line: next.line)
        return ["dedent", "outdent", "stripIndent"].contains(token.text) ? ScriptLiteral.tagDedent(value) : value
      }
      if peek?.isPunctuator("(") == true { throw refuse(token, "a call to \(token.text)()") }
      if peek?.isPunctuator(".") == true, index + 1 < tokens.count, tokens[index + 1].isIdentifier("join"),
        let items = try evaluator.arrayConstant(token.text)
      {
        // `RULES.join("\n")` over a constant array of the file.
        index += 1
        return try joined(items, line: token.line)
      }
      if let constant = try evaluator.constant(token.text) { return constant }
      var value = SourceString(line: token.line)
      value.appendPlaceholder(token.text, line: token.line)
      return value
    }
  }

  /// `[a, b, …].join(sep)`.
  mutating func joinedArray() throws -> SourceString {
    let open = tokens[index]
    let items = try arrayItems()
    guard take("."), peek?.isIdentifier("join") == true else {
      throw refuse(open, "an array (only [...].join(separator) is read)")
    }
    return try joined(items, line: open.line)
  }

  /// The items of the array literal that starts here.
  mutating func arrayItems() throws -> [SourceString] {
    let open = tokens[index]
    index += 1
    var items: [SourceString] = []
    while !take("]") {
      guard peek != nil else { throw refuse(open, "an unclosed array") }
      items.append(try sum())
      if !take(","), peek?.isPunctuator("]") != true { throw refuse(peek, "an array with '\(peek?.text ?? "")'") }
    }
    return items
  }

  /// `join(sep)` from the `join` name on; without a separator JavaScript joins with commas.
  mutating func joined(_ items: [SourceString], line: Int) throws -> SourceString {
    index += 1
    guard take("(") else { throw refuse(peek, "a join without a call") }
    var separator = SourceString(",", line: line)
    if !take(")") {
      separator = try sum()
      guard take(")") else { throw refuse(peek, "a join with more than one argument") }
    }
    return SourceString.joined(items, separator: separator, line: line)
  }

  func template(_ parts: [ScriptToken.TemplatePart], line: Int) throws -> SourceString {
    var value = SourceString(line: line)
    for part in parts {
      switch part {
      case .chunk(let raw, let line):
        value.append(ScriptLiteral.decode(chunk: raw, line: line))
      case .expression(let inner, let source, let line):
        if inner.count == 1, inner[0].kind == .identifier, let constant = try evaluator.constant(inner[0].text) {
          value.append(constant)
        } else if inner.count == 1, case .template = inner[0].kind {
          var nested = ScriptExpression(tokens: inner, index: 0, evaluator: evaluator, selector: selector)
          value.append(try nested.primary())
        } else if inner.count == 1, inner[0].kind == .string {
          value.append(ScriptLiteral.decode(quoted: inner[0]))
        } else {
          value.appendPlaceholder(source, line: line)
        }
      }
    }
    return value
  }
}
