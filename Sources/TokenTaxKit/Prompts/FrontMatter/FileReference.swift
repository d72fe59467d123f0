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

  /// Every `${file:…}` value in a front matter's YAML, `firstLine` being the file line of its first line.
  static func all(in header: String, firstLine: Int) -> [FileReference] {
    var found: [FileReference] = []
    for (offset, line) in header.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var rest = line[...]
      while let open = rest.range(of: "${file:") {
        guard let close = rest[open.upperBound...].firstIndex(of: "}") else { break }
        let name = rest[open.upperBound..<close].trimmingCharacters(in: .whitespaces)
        if !name.isEmpty {
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
  /// Reads the files the snapshots' front matters name with `${file:…}`, in one batched read.
  static func attach(to snapshots: [FeatureSnapshot], from source: some FileSource) throws -> [FeatureSnapshot] {
    var result = snapshots
    var wanted: [(snapshot: Int, path: String, file: String, reference: FileReference)] = []
    for (index, snapshot) in snapshots.enumerated() {
      for file in snapshot.files where file.hasFrontMatter {
        for reference in FrontMatter(file.text).fileReferences {
          guard let path = path(of: reference.name, from: file.path) else {
            throw Failure.outsideRepository(
              file: file.path, line: reference.line, column: reference.column, name: reference.name)
          }
          wanted.append((index, path, file.path, reference))
        }
      }
    }
    guard !wanted.isEmpty else { return result }
    let contents = try source.read(Array(Set(wanted.map(\.path))).sorted())
    for item in wanted {
      guard let data = contents[item.path] else {
        throw Failure.missing(
          file: item.file, line: item.reference.line, column: item.reference.column, name: item.reference.name,
          looked: item.path, revision: FeatureSnapshot.label(source.revision))
      }
      result[item.snapshot].referencedFiles[item.path] = try FeatureSnapshot.text(of: data, file: item.path)
    }
    return result
  }
}
