import Foundation
import JSON

/// `tokentax init`: finds prompt files and drafts a commented `tokentax.json` around them.
public enum StarterConfig {
  static let promptExtensions = [".prompt", ".prompty", ".hbs", ".handlebars", ".mustache", ".j2", ".jinja", ".jinja2"]

  /// Formats that template engines also render but that are not prompts (`Dockerfile.j2`,
  /// `page.html.j2`, `query.sql.jinja`).
  static let otherFormats = [
    "html", "htm", "xml", "sql", "yaml", "yml", "toml", "ini", "conf", "cfg", "sh", "py", "js", "ts", "css", "tf",
    "service",
  ]

  /// Whether `path` looks like a prompt file.
  public static func isPrompt(_ path: String) -> Bool {
    let lowered = path.lowercased()
    if promptExtensions.contains(where: lowered.hasSuffix) {
      let name = lowered.split(separator: "/").last.map(String.init) ?? lowered
      let inner = name.split(separator: ".").dropLast().dropFirst()
      return !name.hasPrefix("dockerfile") && !name.hasPrefix("makefile")
        && !inner.contains { otherFormats.contains(String($0)) }
    }
    let textual = [".md", ".txt", ".json"].contains(where: lowered.hasSuffix)
    return textual && (lowered.hasPrefix("prompts/") || lowered.contains("/prompts/"))
  }

  /// What the draft says of one prompt file, read from its name and text.
  public struct Part: Equatable, Sendable {
    public var file: String
    public var kind: PromptPart.Kind = .text
    public var role: PromptPart.Role?
    /// Placeholder names in the order they first appear.
    public var placeholders: [String] = []
    /// The model a dotprompt / prompty front matter or a request body names.
    public var model: String?
    /// The value of the file this part is (a prompt in code or config), and how to read it.
    public var selector: PromptSource.Selector?
    public var syntax: PromptPart.Syntax?
    /// Placeholders filled by another value of the same file.
    public var bound: [String: PromptSource.Selector] = [:]

    /// A value in code or config found by `CodePrompts`.
    init(
      file: String, selector: PromptSource.Selector, syntax: PromptPart.Syntax?, role: PromptPart.Role?,
      placeholders: [String], bound: [String: PromptSource.Selector]
    ) {
      self.file = file
      self.selector = selector
      self.syntax = syntax
      self.role = role
      self.placeholders = placeholders
      self.bound = bound
    }

    /// Reads `text` (nil when unreadable: the part is listed as plain text), with the files
    /// it includes from `library` when given, and the files a front matter names with
    /// `${file:…}` from `read`.
    public init(file: String, text: String?, library: TemplateLibrary? = nil, read: (String) -> String? = { _ in nil })
    {
      self.file = file
      let stem = file.split(separator: "/").last.map { String($0.prefix { $0 != "." }).lowercased() } ?? ""
      role = PromptPart.Role.allCases.first {
        stem == $0.rawValue || stem.hasPrefix($0.rawValue + "_") || stem.hasPrefix($0.rawValue + "-")
      }
      guard let text else { return }
      if file.lowercased().hasSuffix(".json") {
        // JSON is a definition or a whole request body: neither takes a role.
        role = nil
        let value = try? JSONParser(relaxed: true).parse(text)
        guard value?["messages"] != nil || value?["input"] != nil || value?["contents"] != nil else {
          kind = value?["properties"] != nil || value?["$schema"] != nil ? .schema : .tools
          return
        }
        kind = .request
        model = value?["model"]?.stringValue
      }
      let syntax: PromptPart.Syntax = kind == .request ? .mustache : .auto
      var renderer = library.map { TemplateRenderer(library: $0, options: TemplateOptions(), sizes: .rough) }
      let template =
        try? renderer?.render(file, syntax: syntax) ?? TemplateParser.parse(text, file: file, syntax: syntax)
      model = model ?? template?.model
      // Loop counters and the item itself are not values a caller passes.
      placeholders = (template?.messages ?? []).flatMap(\.pieces).compactMap { piece in
        if case .placeholder(let name, _) = piece { name } else { nil }
      }.filter { name in
        !name.hasPrefix("loop.") && !name.hasPrefix("@") && !name.hasPrefix("../") && name != "this" && name != "."
          && !name.contains("\"") && !name.contains("'")
      }.uniqued()
      // What the front matter's samples and defaults size needs no guess (a guess would win over them).
      if FrontMatter.applies(to: file) {
        var frontMatter = FrontMatter(text, path: file)
        for reference in frontMatter.fileReferences {
          guard let path = FileReference.path(of: reference.name, from: file), let referenced = read(path) else {
            continue
          }
          frontMatter.referencedTexts[path] = referenced
        }
        let sized = Set(((try? frontMatter.inputValues()) ?? [:]).keys)
        placeholders = placeholders.filter { !sized.contains($0) }
      }
    }

    /// Sort rank for the order parts are sent: system text first, the user's turn last.
    var rank: Int {
      switch role {
      case .system, .developer: 0
      case nil: kind == .text || kind == .examples ? 1 : 2
      case .assistant: 3
      case .user: 4
      }
    }
  }

  /// One feature per folder of prompt files, and one per dotprompt / prompty file (each is a
  /// whole call: alternatives side by side are separate features, never summed). Files another
  /// prompt includes, extends, imports or uses as a partial are left out: they count through
  /// the file that reaches them. `read` gives a file's text.
  public static func features(in files: [String], read: (String) -> String?) -> [(id: String, parts: [Part])] {
    let candidates = files.filter(isPrompt)
    let texts = Dictionary(uniqueKeysWithValues: candidates.map { ($0, read($0)) })
    let library = TemplateLibrary(texts: texts.compactMapValues { $0 })
    var reached = Set<String>()
    for file in candidates {
      guard let text = texts[file] ?? nil, let document = try? TemplateDocument.parse(text, file: file, syntax: .auto)
      else { continue }
      for reference in document.references {
        if let path = library.resolve(reference, from: file, entry: file), path != file { reached.insert(path) }
      }
    }
    var groups: [String: [String]] = [:]
    for file in candidates where !reached.contains(file) && !TemplateLibrary.folder(of: file).hasSuffix("partials") {
      let folder = TemplateLibrary.folder(of: file)
      groups[FrontMatter.applies(to: file) ? file : folder, default: []].append(file)
    }
    return groups.keys.sorted().map { key in
      let parts = (groups[key] ?? []).sorted().map {
        Part(file: $0, text: texts[$0] ?? nil, library: library, read: read)
      }
      let ordered = parts.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(
        \.element)
      return (id(for: key, isFile: FrontMatter.applies(to: key)), ordered)
    }
  }

  /// Names that say nothing about the prompt: the folder above says more.
  static let genericNames: Set<String> = [
    "prompts", "prompt", "main", "index", "default", "system", "user", "template", "templates", "",
  ]

  /// The prompt's own name: a file's stem, else its folder's, skipping generic names.
  static func id(for key: String, isFile: Bool) -> String {
    var components = key.split(separator: "/").map(String.init)
    if isFile, let last = components.popLast() {
      let stem = String(last.prefix { $0 != "." }).lowercased()
      if !genericNames.contains(stem.trimmingCharacters(in: CharacterSet(charactersIn: "_"))) { return stem }
    }
    while let last = components.popLast() {
      if !genericNames.contains(last.lowercased()) { return last }
    }
    return "main"
  }

  /// The size the draft gives every placeholder it finds, for the user to correct.
  static let guessedPlaceholderTokens = 100

  /// The text of the starter config: valid JSON with comments that say what to fill in.
  public static func render(features: [(id: String, parts: [Part])], model: String) -> String {
    var ids = Set<String>()
    let blocks = features.map { feature -> String in
      var id = feature.id
      var suffix = 2
      while !ids.insert(id).inserted {
        id = "\(feature.id)-\(suffix)"
        suffix += 1
      }
      let parts = feature.parts.map { part -> String in
        let kind = part.kind == .text ? "" : #", "kind": "\#(part.kind.rawValue)""#
        let role = part.role.map { #", "role": "\#($0.rawValue)""# } ?? ""
        let named = part.selector.map { Self.selector(in: $0) } ?? ""
        let syntax = part.syntax.map { #", "syntax": "\#($0.rawValue)""# } ?? ""
        return #"        { "file": \#(quoted(part.file))\#(named)\#(syntax)\#(role)\#(kind) }"#
      }.joined(separator: ",\n")
      // A model named in a file (front matter, request body) is the feature's: the config would override it.
      let modelLine = feature.parts.contains { $0.model != nil } ? "" : "\n      \"model\": \(quoted(model)),"
      let bound = feature.parts.reduce(into: [String: (String, PromptSource.Selector)]()) { all, part in
        for (name, selector) in part.bound { all[name] = (part.file, selector) }
      }
      let names = feature.parts.flatMap(\.placeholders).uniqued().filter { bound[$0] == nil }
      let bindings = bound.sorted { $0.key < $1.key }.map { name, target in
        #"\#(quoted(name)): { "file": \#(quoted(target.0))\#(selector(in: target.1)) }"#
      }
      let sizes = names.map { #"\#(quoted($0)): \#(guessedPlaceholderTokens)"# }
      let variables =
        names.isEmpty && bindings.isEmpty
        ? #""variables": {},              // tokens per placeholder, e.g. { "question": 60 }"#
        : #""variables": { "# + (bindings + sizes).joined(separator: ", ")
          + (names.isEmpty ? " }," : " },  // guessed: set each placeholder's typical size in tokens")
      return """
            {
              "id": \(quoted(id)),\(modelLine)
              "calls_per_day": 1000,        // traffic: set it to get a monthly cost
              "prompt": [                   // in the order they are sent; mark a stable prefix "cache": true
        \(parts)
              ],
              \(variables)
              "output_tokens": 300          // until canary traces say otherwise
            }
        """
    }
    return """
      // tokentax configuration: see the README (Configuration) and schema/tokentax.schema.json
      {
        "version": 1,
        "defaults": { "model": \(quoted(model)), "days_per_month": 30 },
        "features": [
      \(blocks.joined(separator: ",\n"))
        ],
        "thresholds": {
          "warn": { "cost_percent": 5 },
          "fail": { "cost_percent": 15, "output_tokens_percent": 30 }
        }
        // "budgets": { "monthly_usd": 5000, "warn_at_percent": 80 }   — or run 'tokentax budget init'
      }

      """
  }

  private static func selector(in selector: PromptSource.Selector) -> String {
    switch selector {
    case .symbol(let name): #", "symbol": \#(quoted(name))"#
    case .key(let path): #", "key": \#(quoted(path))"#
    }
  }

  /// A JSON string literal: file names and placeholder names may hold quotes or backslashes.
  private static func quoted(_ text: String) -> String { JSONWriter.string(.string(text), pretty: false) }
}
