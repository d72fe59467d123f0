import Foundation

@testable import TokenTaxKit

/// One `tokentax` invocation in process, as `main.swift` makes it, with captured streams: the
/// CLI's real entry point without a child process.
struct InProcessRun {
  var code: ExitCode
  var stdout: String
  var stderr: String

  /// What every process has, so git finds itself and its configuration; the rest of the
  /// environment is the test's to give, so the CI runner's own variables never leak in.
  static let processEnvironment = ProcessInfo.processInfo.environment.filter { ["PATH", "HOME"].contains($0.key) }

  init(_ arguments: [String], in directory: URL, stdin: Data = Data(), environment: [String: String] = [:]) {
    let out = OutputStream.capture()
    let err = OutputStream.capture()
    let invocation = Invocation(
      environment: Self.processEnvironment.merging(environment) { _, given in given }, workingDirectory: directory,
      stdout: out, stderr: err, readStdin: { stdin },
      stdoutIsTerminal: false)
    code = TokenTax.run(arguments: arguments, invocation: invocation)
    stdout = out.text
    stderr = err.text
  }
}
