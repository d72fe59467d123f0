import Foundation
import JSON

/// A prompty front-matter value written as `${file:name}`: the contents of another file, which
/// prompty loads as JSON, relative to the prompty file's folder. tokentax reads the named file at
/// the same revision, so its edits change the feature's count.
struct FileReference: Equatable, Sendable {
  /// The name as written between `${file:` and `}`.
  var name: String
  /// The file line the value is on.
  var line: Int
  var column: Int

  /// What goes wrong with a reference, said naming the prompty file's line.
  enum Failure: UserFacingError, Equatable {
    case missing(file: String, line: Int, column: Int, name: String, looked: String, revision: String)
    case outsideRepository(file: String, line: Int, column: Int, name: String)
    case notJSON(JSONParseError, from: String)

    var description: String {
      switch self {
      case .missing(let file, let line, let column, let name, let looked, let revision):
        return
          "\(file):\(line):\(column): '${file:\(SafeText.quoted(name, limit: 200))}' names no file at \(revision) "
          + "(looked for \(looked)); add the file or fix the name"
      case .outsideRepository(let file, let line, let column, let name):
        return
          "\(file):\(line):\(column): '${file:\(SafeText.quoted(name, limit: 200))}' points outside the repository; "
          + "keep referenced files in the repository"
      case .notJSON(let error, let from):
        return "\(error.description) (read as JSON for a '${file:…}' value in \(from); prompty loads it as JSON)"
      }
    }
  }

  /// The name in `value` when the whole value is one `${file:…}` reference.
  static func name(in value: String) -> String? {
    guard value.hasPrefix("${file:"), value.hasSuffix("}"), value.count > 8 else { return nil }
    let name = value.dropFirst(7).dropLast().trimmingCharacters(in: .whitespaces)
    return name.isEmpty || name.contains("}") ? nil : name
  }

  /// The repo path `name` resolves to from `file`; nil when it leaves the repository.
  static func path(of name: String, from file: String) -> String? {
    let folder = TemplateLibrary.folder(of: file)
    return try? RepoPath.validate(folder.isEmpty ? name : folder + "/" + name)
  }

  /// Every `${file:…}` value in a front matter's YAML or a referenced file's JSON, `firstLine`
  /// being the file line of the text's first line. Only a whole value is a reference, as prompty
  /// reads it: `${file:x}` inside a sentence is text.
  static func all(in header: String, firstLine: Int) -> [FileReference] {
    var found: [FileReference] = []
    for (offset, line) in header.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var rest = line[...]
      while let open = rest.range(of: "${file:") {
        guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
        let name = rest[open.upperBound..<close].trimmingCharacters(in: .whitespaces)
        let before = line[..<open.lowerBound].trimmingCharacters(in: .whitespaces)
        let after = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
        let opensValue = before.isEmpty || [":", "-", "\"", "'", "[", ","].contains { before.hasSuffix($0) }
        let closesValue = after.isEmpty || ["#", "\"", "'", ",", "]", "}"].contains { after.hasPrefix($0) }
        if !name.isEmpty, opensValue, closesValue {
          let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
          found.append(FileReference(name: name, line: firstLine + offset, column: column))
        }
        rest = rest[rest.index(after: close)...]
      }
    }
    return found
  }
}

extension FileReference {
  /// A name to read: where it was written (for errors) and the prompty file it resolves against.
  private struct Wanted {
    var snapshot: Int
    var path: String
    var writtenIn: String
    var prompty: String
    var reference: FileReference
  }

  /// Reads the files the snapshots' front matters name with `${file:…}`, and the files those
  /// name the same way, a level of names per batched read.
  static func attach(to snapshots: [FeatureSnapshot], from source: some FileSource) throws -> [FeatureSnapshot] {
    func wanted(_ references: [FileReference], in file: String, prompty: String, snapshot: Int) throws -> [Wanted] {
      try references.map { reference in
        guard let path = path(of: reference.name, from: prompty) else {
          throw Failure.outsideRepository(
            file: file, line: reference.line, column: reference.column, name: reference.name)
        }
        return Wanted(snapshot: snapshot, path: path, writtenIn: file, prompty: prompty, reference: reference)
      }
    }
    var result = snapshots
    var pending: [Wanted] = []
    for (index, snapshot) in snapshots.enumerated() {
      for file in snapshot.files where file.hasFrontMatter {
        pending += try wanted(FrontMatter(file.text).fileReferences, in: file.path, prompty: file.path, snapshot: index)
      }
    }
    var known: [String: Data] = [:]
    while !pending.isEmpty {
      let unread = Set(pending.map(\.path)).subtracting(known.keys)
      known.merge(try source.read(unread.sorted())) { first, _ in first }
      var next: [Wanted] = []
      for item in pending where result[item.snapshot].referencedFiles[item.path] == nil {
        guard let data = known[item.path] else {
          throw Failure.missing(
            file: item.writtenIn, line: item.reference.line, column: item.reference.column, name: item.reference.name,
            looked: item.path, revision: FeatureSnapshot.label(source.revision))
        }
        let text = try FeatureSnapshot.text(of: data, file: item.path)
        result[item.snapshot].referencedFiles[item.path] = text
        // prompty resolves names inside a referenced file against the prompty file's folder too.
        next += try wanted(all(in: text, firstLine: 1), in: item.path, prompty: item.prompty, snapshot: item.snapshot)
      }
      pending = next
    }
    return result
  }
}
