import Foundation

/// Everything a command may touch of the outside world, injected so tests run in-process.
///
/// Stages below `Commands/` never see this: they take values and return values.
public struct Invocation: Sendable {
  public var environment: [String: String]
  /// The directory relative paths and git resolve against (the process's cwd in production).
  public var workingDirectory: URL
  public var stdout: OutputStream
  public var stderr: OutputStream
  /// Reads all of standard input; only called for `-` arguments.
  public var readStdin: @Sendable () -> Data
  /// Whether stdout is a terminal: colour and progress only then.
  public var stdoutIsTerminal: Bool
  /// Standard input as a descriptor, for commands that stream it (`count --request -` on a
  /// batch file); nil in process, where `readStdin` gives the bytes.
  public var stdinDescriptor: Int32?

  public init(
    environment: [String: String],
    workingDirectory: URL,
    stdout: OutputStream,
    stderr: OutputStream,
    readStdin: @escaping @Sendable () -> Data,
    stdoutIsTerminal: Bool,
    stdinDescriptor: Int32? = nil
  ) {
    self.stdinDescriptor = stdinDescriptor
    self.environment = environment
    self.workingDirectory = workingDirectory
    self.stdout = stdout
    self.stderr = stderr
    self.readStdin = readStdin
    self.stdoutIsTerminal = stdoutIsTerminal
  }

  /// The real process: cwd, standard streams, `isatty`.
  public static func process(environment: [String: String]) -> Invocation {
    Invocation(
      environment: environment,
      workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
      stdout: .standardOutput,
      stderr: .standardError,
      readStdin: { FileHandle.standardInput.readDataToEndOfFile() },
      stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
      stdinDescriptor: STDIN_FILENO
    )
  }

  /// Resolves a user-supplied path against the working directory.
  public func url(for path: String) -> URL {
    if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
    return workingDirectory.appendingPathComponent(path)
  }
}
