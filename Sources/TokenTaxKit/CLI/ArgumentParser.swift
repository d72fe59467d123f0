import Foundation
import JSON

/// Parses one command's arguments against its `CommandSpec`.
enum ArgumentParser {
  static func parse(_ arguments: [String], spec: CommandSpec) throws -> ParsedArguments {
    var parsed = ParsedArguments()
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
        parsed.positionals.append(argument)
        continue
      }
      if argument == "--" {
        optionsEnded = true
        continue
      }
      var name = argument
      var inlineValue: String?
      if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
        name = String(argument[..<equals])
        inlineValue = String(argument[argument.index(after: equals)...])
      }
      guard let option = spec.options.first(where: { $0.names.contains(name) }) else {
        let known = spec.options.flatMap(\.names).filter { $0.hasPrefix("--") }
        throw UsageError(
          "unknown option '\(name)' for 'tokentax \(spec.name)'\(Suggestion.didYouMean(name, in: known)); "
            + "run 'tokentax \(spec.name) --help' for the options")
      }
      switch option.kind {
      case .flag:
        if inlineValue != nil { throw UsageError("option '\(option.longName)' takes no value") }
        parsed.flags.insert(option.longName)
      case .value(let placeholder), .repeated(let placeholder):
        let value: String
        if let inlineValue {
          value = inlineValue
        } else if index < arguments.count {
          value = arguments[index]
          index += 1
        } else {
          throw UsageError("option '\(option.longName)' needs a value (\(option.longName) <\(placeholder)>)")
        }
        if option.kind == .repeated(placeholder) {
          parsed.values[option.longName, default: []].append(value)
        } else {
          parsed.values[option.longName] = [value]
        }
      }
    }
    if parsed.flag(.help) { return parsed }
    let positional = spec.positionals
    let count = parsed.positionals.count
    if let positional {
      if count < positional.minimum {
        throw UsageError(
          "'tokentax \(spec.name)' needs \(positional.name); run 'tokentax \(spec.name) --help' for usage")
      }
      if let maximum = positional.maximum, count > maximum {
        throw UsageError(
          "'tokentax \(spec.name)' takes at most \(maximum) \(positional.name), got \(count): '\(parsed.positionals[maximum])' is one too many"
        )
      }
    } else if let first = parsed.positionals.first {
      throw UsageError(
        "'tokentax \(spec.name)' takes no arguments, got '\(first)'; run 'tokentax \(spec.name) --help' for usage")
    }
    return parsed
  }
}

/// The result of parsing: flags, option values and positionals, with typed accessors that
/// turn a bad value into a `UsageError` naming the option.
///
/// Options are looked up by their `OptionSpec`, the value the command's spec declares, never by
/// a spelled-out name, so a misspelt option does not compile.
public struct ParsedArguments: Sendable {
  var flags: Set<String> = []
  var values: [String: [String]] = [:]
  public var positionals: [String] = []

  public init() {}

  public func flag(_ option: OptionSpec) -> Bool { flags.contains(option.longName) }
  public func value(_ option: OptionSpec) -> String? { values[option.longName]?.last }
  public func allValues(_ option: OptionSpec) -> [String] { values[option.longName] ?? [] }

  /// A non-negative integer option.
  public func int(_ option: OptionSpec) throws -> Int? {
    let name = option.longName
    guard let raw = value(option) else { return nil }
    guard let number = Int(raw), number >= 0 else {
      throw UsageError("option '\(name)' needs a whole number of 0 or more, got '\(raw)'")
    }
    return number
  }

  /// A non-negative decimal option (money, percent).
  public func decimal(_ option: OptionSpec) throws -> Decimal? {
    let name = option.longName
    guard let raw = value(option) else { return nil }
    guard let number = Decimal(string: raw, locale: Locale(identifier: "en_US_POSIX")), number >= 0,
      raw.allSatisfy({ $0.isNumber || $0 == "." })
    else {
      throw UsageError("option '\(name)' needs a number of 0 or more, got '\(raw)'")
    }
    return number
  }

  /// One of a fixed set of spellings (`--format`, `--behavior`).
  public func choice<T: RawRepresentable & CaseIterable>(_ option: OptionSpec, as type: T.Type) throws -> T?
  where T.RawValue == String {
    let name = option.longName
    guard let raw = value(option) else { return nil }
    guard let value = T(rawValue: raw) else {
      let all = T.allCases.map(\.rawValue)
      throw UsageError(
        "option '\(name)' must be one of \(all.joined(separator: ", ")), got '\(raw)'\(Suggestion.didYouMean(raw, in: all))"
      )
    }
    return value
  }
}
