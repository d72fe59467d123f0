/// A template file's output, with its branches, loops and references to other files kept.
indirect enum TemplateNode: Equatable {
  case text(String, line: Int)
  /// An expression that outputs a value: a placeholder, a macro call, `super()`, `caller()`.
  case output(String, TemplateToken.Position)
  /// A message starts here (`{{role "user"}}`, prompty's `user:` line).
  case role(PromptPart.Role)
  /// dotprompt `{{media url=…}}`: an image part, sized by `name` when `variables` gives it.
  case media(name: String?, TemplateToken.Position)
  /// `if` / `elif` / `else` (and mustache sections): one list of nodes per branch; a block
  /// without `else` has an empty last branch.
  case branches([[TemplateNode]], TemplateToken.Position)
  case loop(TemplateLoop)
  /// `{% include %}` or a partial `{{> name}}`.
  case include(TemplateReference)
  /// `{% block name %}`: the body (or an extending template's override) is in the document's `blocks`.
  case block(String, TemplateToken.Position)
  /// `{% call macro(…) %}body{% endcall %}`: the macro, with `caller()` rendering the body.
  case call(String, body: [TemplateNode], TemplateToken.Position)
}

/// `{% for x in items %}` / `{{#each items}}`: the body is output once per item.
struct TemplateLoop: Equatable {
  /// The names that read the item (`doc`; `k`, `v`); empty for `{{#each}}`, whose body reads
  /// the item's fields by their bare names.
  var variables: [String]
  /// The placeholder the list comes from.
  var iterable: String
  var body: [TemplateNode]
  var position: TemplateToken.Position
}

/// Another file a template names: `include`, `extends`, `import`, `from … import`, `{{> partial}}`.
struct TemplateReference: Equatable {
  enum Kind: String, Equatable {
    case include, extends, `import`, partial
  }
  var kind: Kind
  /// Candidate names, the first that exists wins (Jinja's `include [a, b]`); empty when the
  /// name is computed at run time.
  var names: [String]
  /// The tag's expression, for messages about computed names.
  var expression: String
  var position: TemplateToken.Position
  /// `{% include … ignore missing %}`.
  var ignoreMissing = false
}

/// A `{% macro name(a, b="x") %}` definition.
struct TemplateMacro: Equatable {
  var name: String
  /// Parameter names with their default expressions.
  var parameters: [(name: String, default: String?)]
  var body: [TemplateNode]

  static func == (lhs: TemplateMacro, rhs: TemplateMacro) -> Bool {
    lhs.name == rhs.name && lhs.body == rhs.body && lhs.parameters.map(\.name) == rhs.parameters.map(\.name)
      && lhs.parameters.map(\.default) == rhs.parameters.map(\.default)
  }
}

/// `{% import "f" as ns %}` binds a namespace; `{% from "f" import a, b as c %}` binds names.
enum TemplateImport: Equatable {
  case namespace(TemplateReference, alias: String)
  case names(TemplateReference, [(name: String, alias: String)])

  var reference: TemplateReference {
    switch self {
    case .namespace(let reference, _), .names(let reference, _): reference
    }
  }

  static func == (lhs: TemplateImport, rhs: TemplateImport) -> Bool {
    switch (lhs, rhs) {
    case (.namespace(let a, let x), .namespace(let b, let y)): a == b && x == y
    case (.names(let a, let x), .names(let b, let y)):
      a == b && x.map(\.name) == y.map(\.name) && x.map(\.alias) == y.map(\.alias)
    default: false
    }
  }
}
