import Foundation
import JSON

/// The YAML front matter of `.prompt` (dotprompt) and `.prompty` files.
///
/// Read with a line-based reader of nested block mappings: tokentax needs a few scalars (the
/// model, input defaults, the output limit), not YAML.
struct FrontMatter {
  var model: String?
  /// A model prompty fills in at run time, as written (`${env:AZURE_OPENAI_DEPLOYMENT}`).
  var runtimeModel: String?
  /// Every scalar of a block mapping by its dotted path (`input.default.tone`).
  var values: [String: String] = [:]
  /// The text after the closing `---`, and the line it starts on.
  var body: String
  var bodyLine: Int
  /// The YAML between the `---` lines, and the file line its first line is on.
  var header = ""
  var headerLine = 1
  /// prompty's `${file:name}` values, with the file line each is on (see `FileReference`).
  var fileReferences: [FileReference] = []
  /// The file's repo path, against whose folder `${file:…}` names resolve.
  var path = ""
  /// The texts of the files `fileReferences` name, by repo path, read at the file's revision.
  var referencedTexts: [String: String] = [:]

  /// dotprompt and prompty files open with front matter.
  static func applies(to file: String) -> Bool { file.hasSuffix(".prompt") || file.hasSuffix(".prompty") }

  init(_ text: String, path: String = "", referencedTexts: [String: String] = [:]) {
    model = nil
    self.path = path
    self.referencedTexts = referencedTexts
    body = text
    bodyLine = 1
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    // dotprompt allows comment lines (a license header) and blank lines before the front matter.
    guard
      let open = lines.firstIndex(where: { line in
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        return !trimmed.isEmpty && !trimmed.hasPrefix("#")
      }), lines[open].trimmingCharacters(in: .whitespacesAndNewlines) == "---"
    else { return }
    guard
      let close = lines[(open + 1)...].firstIndex(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "---" }
      )
    else { return }
    let header = lines[(open + 1)..<close]
    self.header = header.joined(separator: "\n")
    headerLine = open + 2
    (model, runtimeModel) = FrontMatter.model(in: header)
    values = FrontMatter.scalars(in: header)
    fileReferences = FileReference.all(in: self.header, firstLine: headerLine)
    body = lines[(close + 1)...].joined(separator: "\n")
    bodyLine = close + 2
  }

  /// dotprompt: `model: googleai/gemini-2.5-flash`; prompty: `model:` then an indented
  /// `configuration:` with `azure_deployment:`, `name:` or `model:`. A value prompty fills in at
  /// run time (`${env:AZURE_OPENAI_DEPLOYMENT}`) is not a model id: it is returned as `runtime`.
  private static func model(in lines: ArraySlice<Substring>) -> (model: String?, runtime: String?) {
    var inModelBlock = false
    var runtime: String?
    for raw in lines {
      let line = raw.replacingOccurrences(of: "\r", with: "")
      let indented = line.first == " " || line.first == "\t"
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard let colon = trimmed.firstIndex(of: ":") else { continue }
      let key = trimmed[..<colon]
      let value = unquote(trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces))
      let isModel =
        indented ? inModelBlock && ["azure_deployment", "name", "model", "deployment"].contains(key) : key == "model"
      if !indented { inModelBlock = key == "model" && value.isEmpty }
      guard isModel, !value.isEmpty else { continue }
      if value.hasPrefix("${") {
        runtime = runtime ?? value
      } else {
        return (stripProvider(value), nil)
      }
    }
    return (nil, runtime)
  }

  /// An example or default value of an input, and where the front matter gives it
  /// (`sample.question`, `sample in chat.json`).
  struct InputValue: Equatable {
    var text: String
    var source: String
  }

  /// Example or default values of the inputs, by placeholder name: dotprompt's
  /// `input.default.x`, prompty's `sample.x` (or a whole `sample: ${file:sample.json}`),
  /// `inputs.x.sample` and `inputs.x.default`, in that order of preference. A value prompty
  /// fills in at run time (`${env:…}`) sizes nothing.
  func inputValues() throws -> [String: InputValue] {
    var ranked: [String: (rank: Int, value: InputValue)] = [:]
    func offer(_ name: String, _ value: String, at path: String, rank: Int) throws {
      if let held = ranked[name], held.rank >= rank { return }
      let text = try referencedText(value)
      let source = text == nil ? path : "\(path) in \(referencedFile(value)?.path ?? "")"
      ranked[name] = (rank, InputValue(text: text ?? value, source: source))
    }
    if let sample = values["sample"], case .object(let members)? = try referencedJSON(sample) {
      let source = "sample in \(referencedFile(sample)?.path ?? "")"
      for (name, value) in members {
        ranked[name] = (2, InputValue(text: value.stringValue ?? JSONWriter.asWritten(value), source: source))
      }
    }
    for (path, value) in values where !value.hasPrefix("${env:") {
      let parts = path.split(separator: ".").map(String.init)
      switch (parts.count, parts.first, parts.last) {
      case (3, "input", _) where parts[1] == "default": try offer(parts[2], value, at: path, rank: 2)
      case (2, "sample", _): try offer(parts[1], value, at: path, rank: 2)
      case (3, "inputs", "sample"): try offer(parts[1], value, at: path, rank: 1)
      case (3, "inputs", "default"): try offer(parts[1], value, at: path, rank: 0)
      default: continue
      }
    }
    return ranked.mapValues(\.value)
  }

  /// The text of the file a `${file:…}` value names (a JSON string's value when the file holds
  /// one); nil for any other value.
  func referencedText(_ value: String) throws -> String? {
    guard let reference = referencedFile(value) else { return nil }
    guard reference.path.hasSuffix(".json") else { return reference.text }
    let json = try referencedJSON(value)
    return json?.stringValue ?? json.map(JSONWriter.asWritten)
  }

  /// The contents of the file a `${file:…}` value names, as the JSON prompty loads it; nil for
  /// any other value.
  func referencedJSON(_ value: String) throws -> JSONValue? {
    try referencedJSON(value, reading: [])
  }

  /// A string inside a referenced file that is itself `${file:…}` is that file's JSON, as prompty
  /// reads it (names resolve against the prompty file's folder there too); `reading` holds the
  /// files on the way, so a file that names itself stays a string.
  private func referencedJSON(_ value: String, reading: Set<String>) throws -> JSONValue? {
    guard let reference = referencedFile(value), !reading.contains(reference.path) else { return nil }
    let json: JSONValue
    do {
      json = try JSONParser().parse(reference.text)
    } catch let error as JSONParseError {
      throw FileReference.Failure.notJSON(error.in(reference.path), from: path)
    }
    return try resolved(json, reading: reading.union([reference.path]))
  }

  private func resolved(_ json: JSONValue, reading: Set<String>) throws -> JSONValue {
    switch json {
    case .string(let text): return try referencedJSON(text, reading: reading) ?? json
    case .array(let items): return .array(try items.map { try resolved($0, reading: reading) })
    case .object(let members): return .object(try members.mapValues { try resolved($0, reading: reading) })
    default: return json
    }
  }

  private func referencedFile(_ value: String) -> (path: String, text: String)? {
    guard let name = FileReference.name(in: value), let file = FileReference.path(of: name, from: path),
      let text = referencedTexts[file]
    else { return nil }
    return (file, text)
  }

  /// The output limit the file sets: prompty's `model.parameters.max_tokens`, dotprompt's
  /// `config.maxOutputTokens`.
  var maxOutputTokens: Int? {
    ["model.parameters.max_tokens", "config.maxOutputTokens", "model.parameters.max_completion_tokens"].lazy
      .compactMap { values[$0].flatMap { Int($0) } }.first
  }

  /// Scalars of nested block mappings by dotted path; `|` and `>` block scalars are joined.
  /// Lists and flow collections are skipped.
  private static func scalars(in lines: ArraySlice<Substring>) -> [String: String] {
    var result: [String: String] = [:]
    var parents: [(indent: Int, key: String)] = []
    var block: (path: String, indent: Int, folded: Bool, lines: [String])?
    func finishBlock() {
      if let open = block { result[open.path] = open.lines.joined(separator: open.folded ? " " : "\n") }
      block = nil
    }
    for raw in lines {
      let line = raw.replacingOccurrences(of: "\r", with: "")
      let indent = line.prefix { $0 == " " }.count
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if let open = block {
        if trimmed.isEmpty || indent > open.indent {
          block?.lines.append(String(line.dropFirst(min(indent, open.indent + 2))))
          continue
        }
        finishBlock()
      }
      guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.hasPrefix("-"), let colon = trimmed.firstIndex(of: ":")
      else { continue }
      while let last = parents.last, last.indent >= indent { parents.removeLast() }
      let key = String(trimmed[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
      let value = unquote(trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces))
      let path = (parents.map(\.key) + [key]).joined(separator: ".")
      if value.isEmpty {
        parents.append((indent, key))
      } else if let marker = value.first, marker == "|" || marker == ">", value.count <= 3 {
        block = (path, indent, marker == ">", [])
      } else if !value.hasPrefix("[") && !value.hasPrefix("{") {
        result[path] = value
      }
    }
    finishBlock()
    return result
  }

  private static func unquote(_ text: String) -> String {
    var value = text
    if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]) }
    value = value.trimmingCharacters(in: .whitespaces)
    if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
      value = String(value.dropFirst().dropLast())
    }
    return value
  }

  /// `googleai/gemini-2.5-flash` → `gemini-2.5-flash`: Genkit plugin prefixes are not model ids.
  private static func stripProvider(_ model: String) -> String {
    for prefix in ["googleai/", "vertexai/", "openai/", "anthropic/"] where model.hasPrefix(prefix) {
      return String(model.dropFirst(prefix.count))
    }
    return model
  }
}
