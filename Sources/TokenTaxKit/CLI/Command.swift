/// A tokentax subcommand: a spec to parse against and a body that returns the exit code.
///
/// Commands are the only layer that reads the environment and writes to the streams;
/// they throw `UserFacingError`s for exit 2 and return `.regression` for exit 1.
public protocol Command {
  static var spec: CommandSpec { get }
  static func run(_ arguments: ParsedArguments, _ invocation: Invocation) throws -> ExitCode
}
