import Foundation

/// Evaluates the string expression of a Python constant the way Python would build it:
/// literals and their implicit concatenation, `+`, parentheses, names of other constants of the
/// file, `textwrap.dedent` / `inspect.cleandoc`, `.strip()`, `str.join` and `.format(name=…)`.
/// What only run time knows (a name the file does not define, an f-string expression) stays a
/// placeholder, sized by the feature's `variables`.
struct PythonEvaluator {
  let module: PythonModule
  /// Plain strings are `str.format` templates (the default for Python values).
  let formatFields: Bool
  private var visiting: [String] = []

  init(module: PythonModule, formatFields: Bool) {
    self.module = module
    self.formatFields = formatFields
  }

  /// The value of `symbol` (`NAME` or `Class.attr`); with `formatFields`, its `{field}`s read
  /// as `str.format` reads the built string.
  func value(of symbol: String) throws -> SourceString {
    let value = try rawValue(of: symbol)
    guard formatFields else { return value }
    let binding = try module.binding(symbol).0
    return try PythonStringLiteral.formatTemplate(value, file: module.file, column: binding.column)
  }

  /// The string Python builds for `symbol`, before any `.format()`.
  func rawValue(of symbol: String) throws -> SourceString {
    let (binding, classPath) = try module.binding(symbol)
    var evaluator = self
    let key = (classPath.map { $0 + "." } ?? "") + (symbol.split(separator: ".").last.map(String.init) ?? symbol)
    guard !visiting.contains(key) else { throw PromptSourceError.cycle(file: module.file, names: visiting + [key]) }
    evaluator.visiting.append(key)
    var value = try evaluator.evaluate(binding.tokens, classPath: classPath, selector: symbol, at: binding)
    for addition in binding.additions {
      value.append(try evaluator.evaluate(addition, classPath: classPath, selector: symbol, at: binding))
    }
    return value
  }

  private func evaluate(_ tokens: [PythonToken], classPath: String?, selector: String, at binding: PythonModule.Binding)
    throws
    -> SourceString
  {
    var parser = ExpressionParser(tokens: tokens, evaluator: self, classPath: classPath, selector: selector)
    let value = try parser.sum()
    if let extra = parser.peek {
      throw PromptSourceError.notAString(
        file: module.file, line: extra.line, column: extra.column, selector: selector,
        found:
          "an expression with '\(extra.text)' (only string literals, +, names of constants, dedent/cleandoc, .strip(), .join() and .format() are read)"
      )
    }
    return value
  }

  /// Where `name` is bound seen from `classPath`: the class's attributes first (then its outer
  /// classes'), then the module's; the owner is the class path, nil for a module constant.
  private func scopedBinding(_ name: String, classPath: String?) -> (PythonModule.Binding, owner: String?)? {
    var scope = classPath
    while let path = scope {
      if let binding = module.classes[path]?.attributes[name] { return (binding, path) }
      scope = path.contains(".") ? String(path[..<(path.lastIndex(of: ".") ?? path.endIndex)]) : nil
    }
    return module.constants[name].map { ($0, nil) }
  }

  /// A name's value seen from `classPath`.
  fileprivate func lookup(_ name: String, classPath: String?) throws -> SourceString? {
    guard let (_, owner) = scopedBinding(name, classPath: classPath) else { return nil }
    return try rawValue(of: owner.map { $0 + "." + name } ?? name)
  }

  /// The items of a list or tuple constant `name` seen from `classPath`; nil when it is not one.
  fileprivate func listItems(of name: String, classPath: String?) throws -> [SourceString]? {
    guard let (binding, owner) = scopedBinding(name, classPath: classPath), binding.additions.isEmpty,
      let first = binding.tokens.first,
      first.text == "[" || first.text == "("
    else { return nil }
    let key = (owner.map { $0 + "." } ?? "") + name
    guard !visiting.contains(key) else { throw PromptSourceError.cycle(file: module.file, names: visiting + [key]) }
    var evaluator = self
    evaluator.visiting.append(key)
    var parser = ExpressionParser(tokens: binding.tokens, evaluator: evaluator, classPath: owner, selector: name)
    let items = try parser.listItems()
    return parser.peek == nil ? items : nil
  }

  fileprivate func literal(_ token: PythonToken, classPath: String?) throws -> SourceString {
    try PythonStringLiteral(
      token: token, file: module.file,
      resolve: { name in try self.lookup(name, classPath: classPath) }
    ).decode()
  }
}

/// Recursive descent over one expression's tokens.
private struct ExpressionParser {
  let tokens: [PythonToken]
  let evaluator: PythonEvaluator
  let classPath: String?
  let selector: String
  var index = 0

  init(tokens: [PythonToken], evaluator: PythonEvaluator, classPath: String?, selector: String) {
    self.tokens = tokens
    self.evaluator = evaluator
    self.classPath = classPath
    self.selector = selector
  }

  var peek: PythonToken? { index < tokens.count ? tokens[index] : nil }
  var file: String { evaluator.module.file }

  mutating func take(_ text: String) -> Bool {
    guard let token = peek, token.kind == .op || token.kind == .name, token.text == text else { return false }
    index += 1
    return true
  }

  func refuse(_ token: PythonToken?, _ found: String) -> PromptSourceError {
    let at = token ?? tokens.last
    return .notAString(file: file, line: at?.line ?? 1, column: at?.column ?? 1, selector: selector, found: found)
  }

  mutating func sum() throws -> SourceString {
    var value = try postfixed()
    while take("+") { value.append(try postfixed()) }
    return value
  }

  mutating func postfixed() throws -> SourceString {
    var value = try primary()
    while let dot = peek, dot.text == ".", index + 1 < tokens.count, tokens[index + 1].kind == .name {
      let method = tokens[index + 1]
      index += 2
      guard take("(") else { throw refuse(method, "an attribute '.\(method.text)' of a string") }
      switch method.text {
      case "strip", "lstrip", "rstrip":
        guard take(")") else { throw refuse(method, "'.\(method.text)(…)' with arguments") }
        value = TextDedent.strip(value, leading: method.text != "rstrip", trailing: method.text != "lstrip")
      case "join":
        value = try joined(separator: value, at: method)
      case "format":
        value = try formatted(value)
      default:
        throw refuse(method, "a call to '.\(method.text)()'")
      }
    }
    return value
  }

  mutating func primary() throws -> SourceString {
    guard let token = peek else { throw refuse(nil, "an empty expression") }
    switch token.kind {
    case .string:
      var value = SourceString(line: token.line)
      while let next = peek, next.kind == .string {
        value.append(try evaluator.literal(next, classPath: classPath))
        index += 1
      }
      return value
    case .number:
      throw refuse(token, "a number")
    case .op:
      if take("(") {
        let value = try sum()
        if peek?.text == "," { throw refuse(peek, "a tuple") }
        guard take(")") else { throw refuse(peek, "an expression with '\(peek?.text ?? "")'") }
        return value
      }
      if token.text == "{" { throw refuse(token, "a dict or set") }
      if token.text == "[" { throw refuse(token, "a list") }
      throw refuse(token, "an expression starting with '\(token.text)'")
    case .name:
      if ["lambda", "None", "True", "False", "not", "await"].contains(token.text) {
        throw refuse(token, token.text == "lambda" ? "a lambda" : "'\(token.text)'")
      }
      var name = token.text
      index += 1
      while let dot = peek, dot.text == ".", index + 1 < tokens.count, tokens[index + 1].kind == .name,
        !(index + 2 < tokens.count && tokens[index + 2].text == "("
          && !Self.callees.contains(name + "." + tokens[index + 1].text))
      {
        name += "." + tokens[index + 1].text
        index += 2
      }
      if take("(") {
        guard Self.callees.contains(name) else { throw refuse(token, "a call to \(name)()") }
        let argument = try sum()
        _ = take(",")
        guard take(")") else { throw refuse(peek, "a call to \(name)() with more than one argument") }
        if name.hasSuffix("dedent") { return TextDedent.pythonDedent(argument) }
        if name.hasSuffix("cleandoc") { return TextDedent.pythonCleandoc(argument) }
        return argument
      }
      if !name.contains("."), let constant = try evaluator.lookup(name, classPath: classPath) { return constant }
      if name.contains("."), (try? evaluator.module.binding(name)) != nil { return try evaluator.rawValue(of: name) }
      // A name the file does not define (an import, a parameter): a placeholder `variables` can size or bind.
      var value = SourceString(line: token.line)
      value.appendPlaceholder(name, line: token.line)
      return value
    }
  }

  static let callees: Set<String> = ["textwrap.dedent", "dedent", "inspect.cleandoc", "cleandoc", "str"]

  /// `sep.join([a, b, …])`, `sep.join((a, b))` or `sep.join(NAME)` of a list constant of the file.
  mutating func joined(separator: SourceString, at method: PythonToken) throws -> SourceString {
    let items: [SourceString]
    if let name = peek, name.kind == .name, index + 1 < tokens.count, tokens[index + 1].text == ")",
      let constant = try evaluator.listItems(of: name.text, classPath: classPath)
    {
      index += 1
      items = constant
    } else {
      guard let open = peek, open.text == "[" || open.text == "(" else {
        throw refuse(method, "a join of something other than a list")
      }
      items = try listItems()
    }
    guard take(")") else { throw refuse(peek, "a join with more than one argument") }
    return SourceString.joined(items, separator: separator, line: method.line)
  }

  /// The items of the list or tuple literal that starts here.
  mutating func listItems() throws -> [SourceString] {
    let close = peek?.text == "[" ? "]" : ")"
    index += 1
    var items: [SourceString] = []
    while !take(close) {
      guard peek != nil else { throw refuse(nil, "an unclosed list") }
      items.append(try sum())
      if !take(","), peek?.text != close { throw refuse(peek, "a list with '\(peek?.text ?? "")'") }
    }
    return items
  }

  /// `.format(a, name=value, …)`: the fields given a value the file knows are filled in, the
  /// others stay placeholders.
  mutating func formatted(_ template: SourceString) throws -> SourceString {
    var values: [String: SourceString] = [:]
    var position = 0
    while !take(")") {
      guard peek != nil else { throw refuse(nil, "an unclosed .format(") }
      if peek?.text == "**" || peek?.text == "*" {
        skipArgument()
        continue
      }
      var name = String(position)
      if let token = peek, token.kind == .name, index + 1 < tokens.count, tokens[index + 1].text == "=" {
        name = token.text
        index += 2
      } else {
        position += 1
      }
      let start = index
      if let value = try? sum(), peek?.text == "," || peek?.text == ")" {
        values[name] = value
      } else {
        index = start
        skipArgument()
        continue
      }
      _ = take(",")
    }
    let fields = try PythonStringLiteral.formatTemplate(template, file: file, column: tokens.first?.column ?? 1)
    return fields.substituting(values)
  }

  /// Moves past one call argument whose value is not a string the file holds.
  mutating func skipArgument() {
    var depth = 0
    while let token = peek {
      if depth == 0, token.text == "," {
        index += 1
        return
      }
      if depth == 0, token.text == ")" { return }
      if ["(", "[", "{"].contains(token.text) { depth += 1 }
      if [")", "]", "}"].contains(token.text) { depth -= 1 }
      index += 1
    }
  }
}
