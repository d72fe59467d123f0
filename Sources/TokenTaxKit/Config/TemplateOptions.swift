import JSON

/// How a feature's templates are read: where included files are looked up, which branch of an
/// `if` is counted, and how many items each loop renders (README, "Branches and loops").
public struct TemplateOptions: Sendable, Equatable {
  /// Folders searched for `include`, `extends`, `import` and partial names after the
  /// including file's own folder (`template_paths`).
  public var paths: [String] = []
  /// Nil: the defaults' rule, else `largest`.
  public var branches: BranchRule?
  /// Items per loop, by the name of the list it iterates (`loops`); a loop not named renders once.
  public var loops: [String: Int] = [:]

  public init(paths: [String] = [], branches: BranchRule? = nil, loops: [String: Int] = [:]) {
    self.paths = paths
    self.branches = branches
    self.loops = loops
  }

  /// Which branches of an `if`/`elif`/`else` (or a mustache section) a call is assumed to send.
  public enum BranchRule: String, Sendable, CaseIterable {
    /// The branch that costs the most tokens: the upper bound of one call.
    case largest
    /// Every branch, as if all were sent.
    case all
    /// The first branch, the `if` itself.
    case first
  }

  /// A feature's options over the config's defaults: paths of both, the feature's rule first.
  func over(_ defaults: TemplateOptions) -> TemplateOptions {
    TemplateOptions(
      paths: paths + defaults.paths.filter { !paths.contains($0) }, branches: branches ?? defaults.branches,
      loops: loops)
  }

  static let featureKeys = ["template_paths", "branches", "loops"]
  static let defaultsKeys = ["template_paths", "branches"]

  /// Reads the keys of `featureKeys` (or `defaultsKeys`) present in `reader`.
  static func decode(_ reader: JSONNode) throws -> TemplateOptions {
    var options = TemplateOptions()
    if let paths = try reader.member("template_paths")?.array() {
      options.paths = try paths.map { item in
        guard let path = item.value.stringValue else { throw item.invalid("a folder path string") }
        return try RepoPath.validate(path)
      }
    }
    options.branches = try reader.member("branches")?.choice(BranchRule.self)
    if let loops = reader.value["loops"] {
      guard let members = loops.objectValue else {
        throw reader.invalid("loops", "an object of list name → items per call")
      }
      for (name, value) in members {
        guard case .number = value, let items = value.intValue, items >= 0, items <= 100_000 else {
          throw reader.invalid("loops.\(name)", "a whole number of items from 0 to 100000")
        }
        options.loops[name] = items
      }
    }
    return options
  }
}
