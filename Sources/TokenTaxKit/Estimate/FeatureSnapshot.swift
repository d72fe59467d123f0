import Foundation

/// One feature at one revision: its config and the text of every prompt file, in send order.
public struct FeatureSnapshot: Sendable {
  public var feature: FeatureConfig
  public var files: [PromptFile]

  public struct PromptFile: Sendable {
    public var part: PromptPart
    /// The repo-relative path (a glob in the config expands to several files).
    public var path: String
    public var text: String
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
    let contents = try source.read(Array(Set(expanded.values.joined())).sorted())
    var snapshots: [FeatureSnapshot] = []
    for feature in config.features {
      var files: [PromptFile] = []
      for part in feature.prompt {
        let matches = (expanded[part.file] ?? []).filter { !borrowed || contents[$0] != nil }
        if matches.isEmpty && !borrowed {
          guard Glob(part.file).isPattern else {
            throw PromptError.noFiles(feature: feature.id, pattern: part.file, revision: label(source.revision))
          }
          notes.append("feature '\(feature.id)': '\(part.file)' matches no file at \(label(source.revision)); counted as empty there")
        }
        for path in matches {
          guard let data = contents[path] else {
            throw PromptError.noFiles(feature: feature.id, pattern: path, revision: label(source.revision))
          }
          files.append(PromptFile(part: part, path: path, text: try text(of: data, file: path)))
        }
      }
      if borrowed && files.isEmpty && !feature.prompt.isEmpty { continue }
      snapshots.append(FeatureSnapshot(feature: feature, files: files))
    }
    return snapshots
  }

  /// Decodes a prompt file as UTF-8, naming the first bad byte.
  static func text(of data: Data, file: String) throws -> String {
    if let nul = data.firstIndex(of: 0) { throw PromptError.notText(file: file, byteOffset: nul - data.startIndex) }
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
