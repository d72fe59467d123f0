/// Features that only changed their id between base and head.
enum Renames {
  /// New id → old id: a feature that exists only at head with exactly the prompt files of one
  /// that exists only at base.
  static func find(base: [String: FeatureSnapshot], head: [String: FeatureSnapshot]) -> [String: String] {
    let removed = base.keys.filter { head[$0] == nil }.sorted()
    var taken = Set<String>()
    var result: [String: String] = [:]
    for id in head.keys.filter({ base[$0] == nil }).sorted() {
      guard let files = head[id]?.files.map(\.id), !files.isEmpty else { continue }
      if let old = removed.first(where: { !taken.contains($0) && base[$0]?.files.map(\.id) == files }) {
        taken.insert(old)
        result[id] = old
      }
    }
    return result
  }
}
