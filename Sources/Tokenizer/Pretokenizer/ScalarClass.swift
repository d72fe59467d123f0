/// What the pre-tokenizer patterns ask of a character: the Unicode general category groups
/// they name (`\p{Lu}`…`\p{M}`, `\p{N}`), `\s` (the White_Space property, as in Rust's regex)
/// and the `[\r\n]` class. One byte, so a scan compares bits instead of categories.
struct ScalarClass: Equatable {
  let bits: UInt8

  static let none = ScalarClass(bits: 0)
  /// Lu, Lt.
  static let upper = ScalarClass(bits: 1)
  /// Ll.
  static let lower = ScalarClass(bits: 2)
  /// Lm, Lo: on both sides of o200k's case-aware letter classes.
  static let otherLetter = ScalarClass(bits: 4)
  /// Mn, Mc, Me: not `\p{L}`, but inside o200k's letter classes.
  static let mark = ScalarClass(bits: 8)
  /// Nd, Nl, No.
  static let number = ScalarClass(bits: 16)
  static let whitespace = ScalarClass(bits: 32)
  /// `\r` or `\n` (also whitespace).
  static let newline = ScalarClass(bits: 32 | 64)

  /// `\p{L}`
  @inline(__always) var isLetter: Bool { bits & 7 != 0 }
  /// o200k's `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]`
  @inline(__always) var isUpperish: Bool { bits & (1 | 4 | 8) != 0 }
  /// o200k's `[\p{Ll}\p{Lm}\p{Lo}\p{M}]`
  @inline(__always) var isLowerish: Bool { bits & (2 | 4 | 8) != 0 }
  /// `\p{Ll}`
  @inline(__always) var isLower: Bool { bits & 2 != 0 }
  /// `\p{N}`
  @inline(__always) var isNumber: Bool { bits & 16 != 0 }
  /// `\s`
  @inline(__always) var isWhitespace: Bool { bits & 32 != 0 }
  /// `[\r\n]`
  @inline(__always) var isNewline: Bool { bits & 64 != 0 }
  /// `[^\r\n\p{L}\p{N}]`: the optional character in front of a word.
  @inline(__always) var isWordPrefix: Bool { bits & (7 | 16 | 64) == 0 }
  /// `[^\s\p{L}\p{N}]`: punctuation, symbols, emoji, marks, controls.
  @inline(__always) var isPunctuation: Bool { bits & (7 | 16 | 32) == 0 }

  /// The class of an ASCII byte, by ranges (no table to load).
  @inline(__always)
  static func ascii(_ byte: UInt8) -> ScalarClass {
    if byte &- UInt8(ascii: "a") < 26 { return .lower }
    if byte &- UInt8(ascii: "A") < 26 { return .upper }
    if byte &- UInt8(ascii: "0") < 10 { return .number }
    if byte == UInt8(ascii: " ") || byte &- 0x09 < 5 {
      return byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") ? .newline : .whitespace
    }
    return .none
  }

  /// The class of any scalar, from the standard library's Unicode tables as of Unicode 16.0,
  /// the version of the tables in tiktoken 0.14's regex engine: scalars assigned later (the
  /// toolchain may know Unicode 17) are unassigned there, so they count as `.none` here.
  static func of(_ value: UInt32) -> ScalarClass {
    if value < 0x80 { return ascii(UInt8(truncatingIfNeeded: value)) }
    switch value {
    // White_Space outside ASCII; a stable property, listed here once.
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return .whitespace
    default: break
    }
    guard let scalar = Unicode.Scalar(value) else { return .none }
    let properties = scalar.properties
    let kind: ScalarClass
    switch properties.generalCategory {
    case .uppercaseLetter, .titlecaseLetter: kind = .upper
    case .lowercaseLetter: kind = .lower
    case .modifierLetter, .otherLetter: kind = .otherLetter
    case .nonspacingMark, .spacingMark, .enclosingMark: kind = .mark
    case .decimalNumber, .letterNumber, .otherNumber: kind = .number
    default: return .none
    }
    guard let age = properties.age, age.major < 17 else { return .none }
    return kind
  }
}
