/// The process status tokentax ends with. The table is part of the contract (docs/design.md).
public struct ExitCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: Int32
  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// Within policy (warnings allowed).
  public static let success = ExitCode(rawValue: 0)
  /// A cost regression passed a `fail` threshold or budget.
  public static let regression = ExitCode(rawValue: 1)
  /// The check could not run: bad usage, config, input, or a missing git revision.
  public static let couldNotRun = ExitCode(rawValue: 2)

  public var description: String { String(rawValue) }
}
