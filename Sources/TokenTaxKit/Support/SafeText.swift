/// Text from input files, servers or the environment made safe to show a person: control and
/// bidirectional-formatting characters become visible `\u{…}` escapes, so a feature id or a
/// server message cannot move the cursor, ring the bell, recolour the terminal or reorder what
/// is read.
public enum SafeText {
  /// `text` with every control (C0, DEL, C1) and bidi-override character escaped; tabs included,
  /// newlines too unless `keepNewlines`.
  public static func escaped(_ text: String, keepNewlines: Bool = false) -> String {
    guard text.unicodeScalars.contains(where: { isUnsafe($0) && !(keepNewlines && $0 == "\n") }) else { return text }
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      if isUnsafe(scalar), !(keepNewlines && scalar == "\n") {
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A value to quote inside a one-sentence error: escaped, and cut to `limit` characters with
  /// a note of how long it was, so a 100,000-character value cannot make a 100 KB message.
  public static func quoted(_ text: String, limit: Int = 80) -> String {
    guard text.count > limit else { return escaped(text) }
    return escaped(String(text.prefix(limit))) + "… (\(text.count) characters)"
  }

  /// A whole error or warning line: escaped, any single-quoted value in it longer than 120
  /// characters cut, and the line itself at most `lineLimit` characters, for messages built
  /// before the value's length was known.
  public static func errorLine(_ message: String) -> String {
    let line = cutQuotedValues(message)
    guard line.count > lineLimit else { return line }
    return String(line.prefix(lineLimit)) + "… (\(line.count) characters)"
  }

  static let lineLimit = 2_000

  private static func cutQuotedValues(_ message: String) -> String {
    let text = escaped(message)
    guard text.count > 300 else { return text }
    var out = ""
    var quoted: String?
    for character in text {
      if character == "'" {
        if let value = quoted {
          out += (value.count > 120 ? String(value.prefix(120)) + "… (\(value.count) characters)" : value) + "'"
          quoted = nil
        } else {
          out += "'"
          quoted = ""
        }
      } else if quoted != nil {
        quoted?.append(character)
      } else {
        out.append(character)
      }
    }
    return out + (quoted.map { $0.count > 120 ? String($0.prefix(120)) + "…" : $0 } ?? "")
  }

  static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: return true
    // ALM, LRM, RLM, the embeddings and overrides, the isolates.
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }
}
