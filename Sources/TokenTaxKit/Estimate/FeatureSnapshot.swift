import Foundation

/// One feature at one revision: its config and the text of every prompt file, in send order.
public struct FeatureSnapshot: Sendable {
  public var feature: FeatureConfig
  public var files: [PromptFile]
  /// The values bound to placeholders (`variables` naming a source), by placeholder; an error
  /// is kept and raised only if the placeholder occurs.
  public var bound: [String: Result<PromptFile, PromptSourceError>] = [:]
  /// The template files `files` reach through includes, parents, imports and partials.
  public var library = TemplateLibrary()
  /// The texts of the files front matters name with `${file:…}`, by repo path.
  public var referencedFiles: [String: String] = [:]

  public struct PromptFile: Sendable {
    public var part: PromptPart
    /// The repo-relative path (a glob in the config expands to several files).
    public var path: String
    /// The prompt text: the whole file, or the value the part's `symbol` / `key` names in it,
    /// as template text of `part.syntax`.
    public var text: String
    /// For a value inside a file: the file line each line of `text` starts on.
    public var lineOrigins: [Int]?
    /// What reading the value assumed (several returns: the largest).
    public var notes: [String] = []

    /// A whole dotprompt or prompty file, read as a template: its front matter is the feature's.
    var hasFrontMatter: Bool {
      (part.kind == .text || part.kind == .examples) && part.selector == nil && FrontMatter.applies(to: path)
    }

    /// Names this prompt text among a feature's: the path, and the value's name in it.
    public var id: String { part.selector.map { path + "#" + $0.name } ?? path }

    /// The file line of line `line` (1-based) of `text`.
    public func sourceLine(_ line: Int) -> Int {
      guard let origins = lineOrigins, !origins.isEmpty else { return line }
      return origins[min(max(line, 1), origins.count) - 1]
    }

    /// The value a selector names in `data`, or the whole file's text.
    static func read(part: PromptPart, path: String, data: Data, revision: String) throws -> PromptFile {
      let whole = try FeatureSnapshot.text(of: data, file: path)
      guard let selector = part.selector else { return PromptFile(part: part, path: path, text: whole) }
      do {
        let value = try PromptSource.value(of: selector, in: whole, file: path, syntax: part.syntax)
        var read = part
        read.syntax = value.syntax
        return PromptFile(part: read, path: path, text: value.text, lineOrigins: value.lineOrigins, notes: value.notes)
      } catch let error as PromptSourceError {
        throw error.at(label(revision))
      }
    }
  }

  /// Reads every feature of `config` from `source` with one batched read.
  public static func load(config: Config, from source: some FileSource) throws -> [FeatureSnapshot] {
    var notes: [String] = []
    return try load(config: config, from: source, borrowed: false, notes: &notes)
  }

  /// Reads every feature of `config` from `source`. A glob that matches nothing is an empty
  /// part, stated in `notes`; a plain path that is missing is an error (most likely a typo).
  /// With a `borrowed` config (another side's), a missing file did not exist at this side yet,
  /// and a feature none of whose files exist is left out.
  static func load(config: Config, from source: some FileSource, borrowed: Bool, notes: inout [String]) throws
    -> [FeatureSnapshot]
  {
    let expanded = try source.expand(config.features.flatMap { $0.prompt.map(\.file) })
    let boundPaths = config.features.flatMap { $0.boundVariables.values.map(\.file) }
    let contents = try source.read(Array(Set(expanded.values.joined()).union(boundPaths)).sorted())
    var snapshots: [FeatureSnapshot] = []
    for feature in config.features {
      var files: [PromptFile] = []
      for part in feature.prompt {
        let matches = (expanded[part.file] ?? []).filter { !borrowed || contents[$0] != nil }
        if matches.isEmpty && !borrowed {
          guard Glob(part.file).isPattern else {
            throw PromptError.noFiles(feature: feature.id, pattern: part.file, revision: label(source.revision))
          }
          notes.append(
            "feature '\(feature.id)': '\(part.file)' matches no file at \(label(source.revision)); counted as empty there"
          )
        }
        for path in matches {
          guard let data = contents[path] else {
            throw PromptError.noFiles(feature: feature.id, pattern: path, revision: label(source.revision))
          }
          do {
            files.append(try PromptFile.read(part: part, path: path, data: data, revision: source.revision))
          } catch PromptSourceError.notFound where borrowed {
            // With another side's config, a value that does not exist here yet is not part of this side.
            continue
          }
        }
      }
      if borrowed && files.isEmpty && !feature.prompt.isEmpty { continue }
      var snapshot = FeatureSnapshot(feature: feature, files: files)
      for (name, bound) in feature.boundVariables {
        let part = PromptPart(file: bound.file, syntax: bound.syntax, selector: bound.selector)
        guard let data = contents[bound.file] else {
          snapshot.bound[name] = .failure(
            .notFound(
              file: bound.file, selector: bound.selector?.name ?? "the file", revision: label(source.revision),
              closest: []))
          continue
        }
        do {
          snapshot.bound[name] = .success(
            try PromptFile.read(part: part, path: bound.file, data: data, revision: source.revision))
        } catch let error as PromptSourceError {
          snapshot.bound[name] = .failure(error)
        }
      }
      snapshots.append(snapshot)
    }
    let reached = try TemplateLibrary.attach(to: snapshots, defaults: config.defaults.templates, from: source)
    return try FileReference.attach(to: reached, from: source)
  }

  /// Decodes a prompt file as UTF-8, naming the first bad byte.
  static func text(of data: Data, file: String) throws -> String {
    let nul: Int? = data.withUnsafeBytes { bytes in
      guard let base = bytes.baseAddress, let hit = memchr(base, 0, bytes.count) else { return nil }
      return UnsafeRawPointer(hit) - base
    }
    if let nul { throw PromptError.notText(file: file, byteOffset: nul) }
    if let text = String(validating: data, as: UTF8.self) { return text }
    var offset = 0
    let bytes = Array(data)
    // Find the first offset where decoding breaks, for the message.
    while offset < bytes.count {
      let lead = bytes[offset]
      let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
      guard length > 0, offset + length <= bytes.count,
        String(validating: bytes[offset..<(offset + length)], as: UTF8.self) != nil
      else { break }
      offset += length
    }
    throw PromptError.notText(file: file, byteOffset: offset)
  }

  static func label(_ revision: String) -> String {
    revision.count == 40 ? "commit \(revision.prefix(12))" : "the \(revision == "index" ? "index" : "working tree")"
  }
}
