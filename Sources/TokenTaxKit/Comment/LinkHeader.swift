import Foundation

/// The RFC 8288 `Link` header both GitHub and GitLab paginate with.
enum LinkHeader {
  /// The `rel="next"` target, nil on the last page. A relative target is resolved against
  /// `page`, the address the header came with.
  static func next(_ header: String?, relativeTo page: URL? = nil) -> URL? {
    guard let header else { return nil }
    for link in header.split(separator: ",") {
      let parts = link.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      guard let target = parts.first, target.hasPrefix("<"), target.hasSuffix(">") else { continue }
      let isNext = parts.dropFirst().contains { parameter in
        let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard pair.count == 2, pair[0].lowercased() == "rel" else { return false }
        return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).split(separator: " ").contains("next")
      }
      if isNext { return URL(string: String(target.dropFirst().dropLast()), relativeTo: page)?.absoluteURL }
    }
    return nil
  }
}
