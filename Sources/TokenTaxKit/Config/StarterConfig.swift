/// `tokentax init`: finds prompt files and drafts a commented `tokentax.json` around them.
public enum StarterConfig {
  static let promptExtensions = [".prompt", ".prompty", ".hbs", ".handlebars", ".mustache", ".j2", ".jinja", ".jinja2"]

  /// Whether `path` looks like a prompt file.
  public static func isPrompt(_ path: String) -> Bool {
    let lowered = path.lowercased()
    if promptExtensions.contains(where: lowered.hasSuffix) { return true }
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

    /// Reads `text` (nil when unreadable: the part is listed as plain text).
    public init(file: String, text: String?) {
      self.file = file
      let stem = file.split(separator: "/").last.map { String($0.prefix { $0 != "." }).lowercased() } ?? ""
      role = PromptPart.Role.allCases.first { stem == $0.rawValue || stem.hasPrefix($0.rawValue + "_") || stem.hasPrefix($0.rawValue + "-") }
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
      let template = try? TemplateParser.parse(text, file: file, syntax: kind == .request ? .mustache : .auto)
      model = model ?? template?.model
      placeholders = (template?.messages ?? []).flatMap(\.pieces).compactMap { piece in
        if case .placeholder(let name, _) = piece { name } else { nil }
      }.uniqued()
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

  /// One feature per folder of prompt files, ids from the folder names; `read` gives a file's text.
  public static func features(in files: [String], read: (String) -> String?) -> [(id: String, parts: [Part])] {
    var groups: [String: [String]] = [:]
    for file in files where isPrompt(file) {
      let folder = file.split(separator: "/").dropLast().joined(separator: "/")
      groups[folder, default: []].append(file)
    }
    return groups.keys.sorted().map { folder in
      let name = folder.split(separator: "/").last.map(String.init) ?? "prompts"
      let id = name == "prompts" || name.isEmpty ? "main" : name
      let parts = (groups[folder] ?? []).sorted().map { Part(file: $0, text: read($0)) }
      return (id, parts.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element))
    }
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
        return #"        { "file": "\#(part.file)"\#(role)\#(kind) }"#
      }.joined(separator: ",\n")
      // A model named in a file (front matter, request body) is the feature's: the config would override it.
      let modelLine = feature.parts.contains { $0.model != nil } ? "" : "\n      \"model\": \"\(model)\","
      let names = feature.parts.flatMap(\.placeholders).uniqued()
      let variables =
        names.isEmpty
        ? #""variables": {},              // tokens per placeholder, e.g. { "question": 60 }"#
        : #""variables": { "# + names.map { #""\#($0)": \#(guessedPlaceholderTokens)"# }.joined(separator: ", ")
          + " },  // guessed: set each placeholder's typical size in tokens"
      return """
            {
              "id": "\(id)",\(modelLine)
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
        "defaults": { "model": "\(model)", "days_per_month": 30 },
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
}
