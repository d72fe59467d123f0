import Foundation

/// A feature's template prompt files rendered with everything they reach, counted with the
/// feature's tokenizer and placeholder sizes (branches are weighed with them).
struct FeatureTemplates: Sendable {
  var files: [FeatureSnapshot.PromptFile]
  var library: TemplateLibrary
  var options: TemplateOptions
  var sizes: TemplateSizes

  init(snapshot: FeatureSnapshot, defaults: TemplateOptions, sizes: TemplateSizes) {
    files = snapshot.files.filter { $0.part.kind == .text || $0.part.kind == .examples }
    library = snapshot.library
    for file in files where library.texts[file.id] == nil { library.texts[file.id] = file.text }
    options = snapshot.feature.templates.over(defaults)
    self.sizes = sizes
  }

  /// Every template prompt file rendered, and what the renders met on the way.
  struct Rendering {
    var templates: [String: Template] = [:]
    /// Prompt file → every file its render read (itself included).
    var reached: [String: Set<String>] = [:]
    var names = Set<String>()
    var assumptions: [TemplateRenderer.Assumption] = []
  }

  /// Renders `only` (all prompt files when nil) with `overriding` texts in place of the library's.
  func render(only: [String]? = nil, overriding: [String: String] = [:]) throws -> Rendering {
    var library = self.library
    for (path, text) in overriding { library.texts[path] = text }
    var rendering = Rendering()
    for file in files where only?.contains(file.id) ?? true {
      var renderer = TemplateRenderer(library: library, options: options, sizes: sizes)
      rendering.templates[file.id] = try renderer.render(file.id, syntax: file.part.syntax)
      rendering.reached[file.id] = renderer.reached
      rendering.names.formUnion(renderer.names)
      for assumption in renderer.assumptions where !rendering.assumptions.contains(assumption) {
        rendering.assumptions.append(assumption)
      }
    }
    return rendering
  }

  /// The prompt files whose render read `path`.
  func files(reaching path: String, in rendering: Rendering) -> [FeatureSnapshot.PromptFile] {
    files.filter { rendering.reached[$0.id]?.contains(path) ?? false }
  }

  /// The report's sentences on what the count assumed, and on `variables` no placeholder uses.
  static func warnings(feature: FeatureConfig, rendering: Rendering, otherNames: Set<String>) -> [String] {
    var warnings: [String] = []
    let branches = rendering.assumptions.compactMap {
      if case .branch(let file, let line) = $0 { "\(file):\(line)" } else { nil }
    }
    if !branches.isEmpty {
      let shown = branches.prefix(3).joined(separator: ", ") + (branches.count > 3 ? ", …" : "")
      warnings.append(
        "feature '\(feature.id)': \(branches.count) if/else block(s) counted by their largest branch (\(shown)); set \"branches\": \"all\" or \"first\" to count otherwise"
      )
    }
    for case .loop(let file, let line, let iterable) in rendering.assumptions {
      warnings.append(
        "feature '\(feature.id)': the loop over '\(iterable)' (\(file):\(line)) is counted as one item, '\(iterable)' sized as the whole list; set \"loops\": { \"\(iterable)\": N } for N items"
      )
    }
    let used = Set(rendering.names.union(otherNames).map(TemplateExpression.root)).union(rendering.names).union(
      otherNames)
    for name in feature.variables.keys.sorted() where !used.contains(name) {
      warnings.append(
        "feature '\(feature.id)': variables gives '\(name)' a size but no placeholder of its prompt uses it; remove it or fix the name"
      )
    }
    return warnings
  }
}
