/// A prompt file that cannot be read as the template it claims to be.
public enum PromptError: UserFacingError, Equatable {
  case syntax(file: String, line: Int, column: Int, reason: String)
  case notText(file: String, byteOffset: Int)
  case noFiles(feature: String, pattern: String, revision: String)
  /// An `include`, `extends`, `import` or partial whose name matches no file.
  case unresolved(file: String, line: Int, column: Int, kind: String, name: String, searched: [String])
  /// A file that includes itself, directly or through others.
  case cycle(file: String, line: Int, column: Int, chain: [String])

  public var description: String {
    switch self {
    case .syntax(let file, let line, let column, let reason):
      return "\(file):\(line):\(column): \(reason)"
    case .notText(let file, let offset):
      return "\(file): not UTF-8 text (invalid or binary byte at offset \(offset)); point the feature at a text file"
    case .noFiles(let feature, let pattern, let revision):
      return
        "feature '\(feature)': prompt file '\(pattern)' matches no file at \(revision); fix the path in tokentax.json"
    case .unresolved(let file, let line, let column, let kind, let name, let searched):
      guard !searched.isEmpty else {
        return
          "\(file):\(line):\(column): the \(kind) '\(name)' is computed at run time and cannot be counted; name the file literally"
      }
      let shown = searched.prefix(4).joined(separator: ", ") + (searched.count > 4 ? ", …" : "")
      return
        "\(file):\(line):\(column): \(kind) '\(name)' matches no file (looked for \(shown)); fix the name or add its folder to \"template_paths\" in tokentax.json"
    case .cycle(let file, let line, let column, let chain):
      return
        "\(file):\(line):\(column): templates include each other in a cycle (\(chain.joined(separator: " → "))); remove one of these includes"
    }
  }
}
