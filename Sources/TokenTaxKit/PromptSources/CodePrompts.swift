import Foundation

/// Finds the prompts that live in code and config for `init`: string values of Python,
/// TypeScript/JavaScript and YAML files that are prompts by name (prompt, system, instruction,
/// template, message…) or by content (long natural-language text, template tags). Each becomes a
/// feature of its own; a placeholder naming another value of the same file is bound to it, and a
/// value bound that way is not a feature itself (docs/prompt-sources.md).
public enum CodePrompts {
  static let promptWords = [
    "prompt", "system", "instruction", "template", "message", "persona", "preamble", "reminder", "directive",
  ]
  static let skippedFolders = [
    "node_modules/", ".venv/", "venv/", "site-packages/", "dist/", "build/", ".next/", "vendor/", "__pycache__/",
  ]

  /// Features of one part each, ids from the file and the value's name.
  public static func features(in files: [String], read: (String) -> String?) -> [(
    id: String, parts: [StarterConfig.Part]
  )] {
    var result: [(id: String, parts: [StarterConfig.Part])] = []
    for file in files where !skippedFolders.contains(where: { file.hasPrefix($0) || file.contains("/" + $0) }) {
      guard let language = PromptSource.Language(file: file), language != .json, let text = read(file),
        text.utf8.count < 2_000_000
      else {
        continue
      }
      let candidates: [(name: String, selector: PromptSource.Selector)]
      switch language {
      case .python:
        guard let module = try? PythonModule(text, file: file) else { continue }
        candidates = module.symbols.map { ($0, .symbol($0)) }
      case .script:
        guard let module = try? ScriptModule(text, file: file) else { continue }
        candidates = module.symbols.map { ($0, .symbol($0)) }
      case .yaml:
        guard let document = try? ConfigDocument(text, file: file, json: false) else { continue }
        candidates = document.stringPaths.filter { isPrompt(name: $0.path, text: $0.value.text) }.map {
          ($0.path, .key($0.path))
        }
      case .json:
        continue
      }
      var found: [(name: String, part: StarterConfig.Part)] = []
      let names = Set(candidates.map(\.name))
      for candidate in candidates {
        guard let (value, syntax) = Self.value(candidate.selector, in: text, file: file, language: language),
          isPrompt(name: candidate.name, text: value.text)
        else { continue }
        let placeholders = TemplatePlaceholders.names(in: value, file: file)
        var bound: [String: PromptSource.Selector] = [:]
        for placeholder in placeholders {
          // `{go_ahead_tip}` in `Class.attr` binds to `Class.go_ahead_tip`, else a module constant.
          let scope = candidate.name.split(separator: ".").dropLast().joined(separator: ".")
          let sibling = scope.isEmpty ? placeholder : scope + "." + placeholder
          if language != .yaml, names.contains(sibling), sibling != candidate.name {
            bound[placeholder] = .symbol(sibling)
          } else if language != .yaml, names.contains(placeholder), placeholder != candidate.name {
            bound[placeholder] = .symbol(placeholder)
          }
        }
        let lowered = candidate.name.lowercased()
        let role: PromptPart.Role? =
          lowered.contains("system")
          ? .system
          : (lowered.contains("user") || lowered.contains("instance") || lowered.contains("human")) ? .user : nil
        found.append(
          (
            candidate.name,
            StarterConfig.Part(
              file: file, selector: candidate.selector, syntax: syntax, role: role,
              placeholders: placeholders.filter { bound[$0] == nil }, bound: bound)
          ))
      }
      // A value another prompt binds, or inlines (`${regularPrompt}`), is a piece of that prompt.
      let boundNames = Set(found.flatMap { $0.part.bound.values.map(\.name) })
      let inlined = Set(found.map(\.name).filter { language == .script && text.contains("${" + $0 + "}") })
      for entry in found where !boundNames.contains(entry.name) && !inlined.contains(entry.name) {
        result.append((id(file: file, name: entry.name), [entry.part]))
      }
    }
    return result
  }

  /// The value, and the syntax the draft should name (nil: the language's default).
  static func value(_ selector: PromptSource.Selector, in text: String, file: String, language: PromptSource.Language)
    -> (PromptSource.Value, PromptPart.Syntax?)?
  {
    if language == .yaml {
      guard let plain = try? PromptSource.value(of: selector, in: text, file: file, syntax: .none) else { return nil }
      let tagged = plain.text.contains("{{") || plain.text.contains("{%")
      guard tagged, let jinja = try? PromptSource.value(of: selector, in: text, file: file, syntax: .jinja),
        (try? TemplateParser.parse(jinja.text, file: file, syntax: .jinja)) != nil
      else { return (plain, nil) }
      return (jinja, .jinja)
    }
    if let value = try? PromptSource.value(of: selector, in: text, file: file, syntax: .auto),
      (try? TemplateParser.parse(value.text, file: file, syntax: value.syntax)) != nil
    {
      return (value, nil)
    }
    // Braces that are not format fields (a JSON example in a string never formatted).
    guard let plain = try? PromptSource.value(of: selector, in: text, file: file, syntax: .none) else { return nil }
    return (plain, PromptPart.Syntax.none)
  }

  /// A prompt by name (a prompt word and some text) or by content (long prose, template tags).
  static func isPrompt(name: String, text: String) -> Bool {
    let lowered = name.lowercased()
    let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }.count
    let spaces = text.unicodeScalars.filter { $0 == " " }.count
    let prose = text.count > 0 && Double(letters + spaces) / Double(text.count) > 0.75 && spaces >= 4
    if promptWords.contains(where: lowered.contains), text.count >= 20, prose { return true }
    if text.count >= 200, prose, spaces >= 30 { return true }
    return text.count >= 80 && prose && (text.contains("{%") || text.contains("{{"))
  }

  /// `helpdesk/prompts.py` + `TriagePrompts.main_system` → `triage-prompts-main-system`; a YAML key
  /// keeps its last two steps, after the file's stem.
  static func id(file: String, name: String) -> String {
    var words = name.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
      .split(separator: ".").map(String.init)
    if PromptSource.Language(file: file) == .yaml {
      let stem = file.split(separator: "/").last.map { String($0.prefix { $0 != "." }) } ?? ""
      words = [stem] + words.suffix(2)
    }
    var id = ""
    for word in words {
      var previousLower = false
      for character in word {
        if character.isUppercase, previousLower { id.append("-") }
        if character.isLetter || character.isNumber {
          id.append(Character(character.lowercased()))
        } else if !id.hasSuffix("-") {
          id.append("-")
        }
        previousLower = character.isLowercase || character.isNumber
      }
      if !id.hasSuffix("-") { id.append("-") }
    }
    return String(id.trimmingCharacters(in: CharacterSet(charactersIn: "-")))
  }
}

/// The placeholder names of a value, in order, as its template reader sees them.
enum TemplatePlaceholders {
  static func names(in value: PromptSource.Value, file: String) -> [String] {
    let template = try? TemplateParser.parse(value.text, file: file, syntax: value.syntax)
    return (template?.messages ?? []).flatMap(\.pieces).compactMap { piece -> String? in
      if case .placeholder(let name, _) = piece { return name } else { return nil }
    }.uniqued()
  }
}
