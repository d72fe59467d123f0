import Foundation

/// The template files a feature reaches from its prompt files through `include`, `extends`,
/// `import` and partials, read at one revision, and how names resolve to them.
///
/// A name is looked up relative to the including file's folder, then in each of the feature's
/// `template_paths`, then in the folder of the prompt file the chain started from, then at the
/// repository root; a partial `{{> name}}` also as dotprompt's `_name.prompt` and as
/// `name.hbs`, `name.handlebars`, `name.mustache`, `name.prompt`.
public struct TemplateLibrary: Sendable {
  /// The text of every file reached, prompt files included, by repo-relative path.
  public var texts: [String: String] = [:]
  /// The folders searched after the including file's (`template_paths`).
  public var searchPaths: [String] = []

  public init(texts: [String: String] = [:], searchPaths: [String] = []) {
    self.texts = texts
    self.searchPaths = searchPaths
  }

  /// The file `reference` names from `file` (in the chain started at `entry`); nil when none
  /// of the candidates exists.
  func resolve(_ reference: TemplateReference, from file: String, entry: String) -> String? {
    candidates(reference, from: file, entry: entry).first { texts[$0] != nil }
  }

  /// Where `reference` may be, in lookup order.
  func candidates(_ reference: TemplateReference, from file: String, entry: String) -> [String] {
    let folders = [Self.folder(of: file)] + searchPaths + [Self.folder(of: entry), ""]
    var result: [String] = []
    for name in reference.names {
      let trimmed = name.hasPrefix("/") ? String(name.dropFirst()) : name
      for folder in folders {
        for variant in Self.variants(of: trimmed, kind: reference.kind) {
          guard let path = try? RepoPath.validate(folder.isEmpty ? variant : folder + "/" + variant), !path.isEmpty
          else { continue }
          if !result.contains(path) { result.append(path) }
        }
      }
    }
    return result
  }

  /// Jinja names are file names; a partial's name is its file's without the extension.
  private static func variants(of name: String, kind: TemplateReference.Kind) -> [String] {
    guard kind == .partial else { return [name] }
    let slash = name.lastIndex(of: "/").map { name.index(after: $0) } ?? name.startIndex
    let folder = name[..<slash]
    let stem = name[slash...]
    return [
      "\(folder)_\(stem).prompt", "\(name).prompt", "\(name).hbs", "\(name).handlebars", "\(name).mustache", name,
    ]
  }

  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return String(path[..<slash])
  }

  /// The syntax a reached file is read with: its engine's, whatever its extension.
  static func syntax(of reference: TemplateReference) -> PromptPart.Syntax {
    reference.kind == .partial ? .mustache : .jinja
  }
}

extension TemplateLibrary {
  /// Reads every file the snapshots' template prompt files reach, a level of references per
  /// batched read. A name that resolves to no file is an error naming the file, line and column.
  static func attach(to snapshots: [FeatureSnapshot], defaults: TemplateOptions, from source: some FileSource) throws
    -> [FeatureSnapshot]
  {
    var known: [String: String?] = [:]  // path → text, nil when the path does not exist
    var result = snapshots
    for index in result.indices {
      for file in result[index].files { known[file.id] = .some(file.text) }
    }
    // Per feature: the files still to scan, with the prompt file their chain started from.
    var pending: [[(path: String, syntax: PromptPart.Syntax, entry: String)]] = result.map { snapshot in
      snapshot.files.filter { $0.part.kind == .text || $0.part.kind == .examples }.map {
        ($0.id, $0.part.syntax, $0.id)
      }
    }
    for index in result.indices {
      result[index].library.searchPaths = result[index].feature.templates.over(defaults).paths
    }
    var scanned: [Set<String>] = Array(repeating: [], count: result.count)
    while pending.contains(where: { !$0.isEmpty }) {
      var found: [[(TemplateReference, from: String, entry: String)]] = Array(repeating: [], count: result.count)
      var wanted = Set<String>()
      for index in result.indices {
        for item in pending[index] where scanned[index].insert(item.path).inserted {
          guard let text = known[item.path] ?? nil else { continue }
          let document = try TemplateDocument.parse(text, file: item.path, syntax: item.syntax)
          for reference in document.references {
            found[index].append((reference, item.path, item.entry))
            for candidate in result[index].library.candidates(reference, from: item.path, entry: item.entry)
            where known[candidate] == nil {
              wanted.insert(candidate)
            }
          }
        }
        pending[index] = []
      }
      if !wanted.isEmpty {
        let contents = try source.read(Array(wanted))
        for path in wanted {
          known[path] = try contents[path].map { try FeatureSnapshot.text(of: $0, file: path) }
        }
      }
      for index in result.indices {
        for (reference, from, entry) in found[index] {
          let library = result[index].library
          let candidates = library.candidates(reference, from: from, entry: entry)
          guard let path = candidates.first(where: { (known[$0] ?? nil) != nil }), let text = known[path] ?? nil else {
            if reference.ignoreMissing { continue }
            throw PromptError.unresolved(
              file: from, line: reference.position.line, column: reference.position.column,
              kind: reference.kind.rawValue,
              name: reference.names.first ?? reference.expression, searched: reference.names.isEmpty ? [] : candidates)
          }
          result[index].library.texts[path] = text
          pending[index].append((path, syntax(of: reference), entry))
        }
      }
    }
    for index in result.indices {
      for file in result[index].files { result[index].library.texts[file.path] = file.text }
    }
    return result
  }
}
