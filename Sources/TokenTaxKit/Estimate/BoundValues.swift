/// The placeholders a feature binds to other prompt sources (`"variables": { "tip": { "file": …,
/// "symbol": … } }`), sized by counting the bound value where its placeholder occurs, the way
/// `.format()`, f-strings and `${}` compose a prompt out of constants (docs/prompt-sources.md).
/// A bound source that a template never names is not read, so its errors cannot stop a check.
struct BoundValues {
  /// Tokens per bound placeholder that occurs.
  private(set) var sizes: [String: Int] = [:]
  /// The bound values counted, for top changes.
  private(set) var files: [FeatureSnapshot.PromptFile] = []

  init(snapshot: FeatureSnapshot, templates: [Template], counter: TokenCounter, defaultSize: Int) throws {
    guard !snapshot.bound.isEmpty else { return }
    var visiting: [String] = []
    func names(in template: Template) -> [String] {
      template.messages.flatMap(\.pieces).compactMap {
        if case .placeholder(let name, _) = $0 { return name } else { return nil }
      }
    }
    func boundName(_ placeholder: String) -> String? {
      if snapshot.bound[placeholder] != nil { return placeholder }
      let root = String(placeholder.prefix { $0 != "." && $0 != "[" })
      return snapshot.bound[root] != nil ? root : nil
    }
    func size(_ name: String) throws -> Int {
      if let known = sizes[name] { return known }
      guard let result = snapshot.bound[name] else { return 0 }
      let file = try result.get()
      guard !visiting.contains(name) else {
        throw PromptSourceError.cycle(file: file.path, names: visiting + [name])
      }
      visiting.append(name)
      defer { visiting.removeLast() }
      let template = try TemplateParser.parse(file.text, file: file.path, syntax: file.part.syntax)
      var total = 0
      for piece in template.messages.flatMap(\.pieces) {
        switch piece {
        case .text(let text, _): total += counter.count(text)
        case .placeholder(let inner, _):
          if let nested = boundName(inner) {
            total += try size(nested)
          } else {
            total += PartCounter.size(of: inner, variables: snapshot.feature.variables) ?? defaultSize
          }
        }
      }
      sizes[name] = total
      files.append(file)
      return total
    }
    for name in Set(templates.flatMap(names)).compactMap(boundName).sorted() {
      _ = try size(name)
    }
  }
}
