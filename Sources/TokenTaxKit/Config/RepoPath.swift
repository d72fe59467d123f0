/// Repo-relative path checks shared by config fields.
enum RepoPath {
  static func validate(_ path: String) throws -> String {
    var components: [Substring] = []
    if path.hasPrefix("/") || path.hasPrefix("~") { throw ConfigError.pathOutsideRepository(path) }
    for component in path.split(separator: "/") where component != "." && !component.isEmpty {
      if component == ".." {
        guard !components.isEmpty else { throw ConfigError.pathOutsideRepository(path) }
        components.removeLast()
      } else {
        components.append(component)
      }
    }
    return components.joined(separator: "/")
  }
}
