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

  /// One feature per folder of prompt files, ids from the folder names.
  public static func features(in files: [String]) -> [(id: String, files: [String])] {
    var groups: [String: [String]] = [:]
    for file in files where isPrompt(file) {
      let folder = file.split(separator: "/").dropLast().joined(separator: "/")
      groups[folder, default: []].append(file)
    }
    return groups.keys.sorted().map { folder in
      let name = folder.split(separator: "/").last.map(String.init) ?? "prompts"
      let id = name == "prompts" || name.isEmpty ? "main" : name
      return (id, (groups[folder] ?? []).sorted())
    }
  }

  /// The text of the starter config: valid JSON with comments that say what to fill in.
  public static func render(features: [(id: String, files: [String])], model: String) -> String {
    var ids = Set<String>()
    let blocks = features.map { feature -> String in
      var id = feature.id
      var suffix = 2
      while !ids.insert(id).inserted {
        id = "\(feature.id)-\(suffix)"
        suffix += 1
      }
      let parts = feature.files.map { file -> String in
        let kind = file.hasSuffix(".json") ? #", "kind": "tools""# : ""
        return #"        { "file": "\#(file)"\#(kind) }"#
      }.joined(separator: ",\n")
      return """
            {
              "id": "\(id)",
              "model": "\(model)",
              "calls_per_day": 1000,        // traffic: set it to get a monthly cost
              "prompt": [                   // in the order they are sent; add "role" and "cache": true
        \(parts)
              ],
              "variables": {},              // tokens per placeholder, e.g. { "question": 60 }
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
