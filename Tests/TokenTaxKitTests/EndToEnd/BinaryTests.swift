import Foundation
import Testing

/// A few runs of the real built `tokentax` binary: real exit statuses, stdout/stderr apart.
@Suite struct BinaryTests {
  /// `.build/<config>/tokentax`, next to the test bundle.
  static var binary: URL {
    var directory = Bundle(for: Marker.self).bundleURL.deletingLastPathComponent()
    if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("tokentax").path) {
      directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../../.build/debug")
    }
    return directory.appendingPathComponent("tokentax")
  }

  final class Marker {}

  static func run(
    _ arguments: [String], in directory: URL? = nil, executable: URL = binary, stdin: URL? = nil,
    environment: [String: String]? = nil
  ) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let directory { process.currentDirectoryURL = directory }
    if let stdin { process.standardInput = try FileHandle(forReadingFrom: stdin) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try launch(process)
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
  }

  /// Starts `process`, retrying while exec says "text file busy": a freshly copied executable
  /// stays busy while a child that another test forked at that moment still holds the copy's
  /// write descriptor, which Foundation does not open close-on-exec.
  private static func launch(_ process: Process) throws {
    // Foundation reports it as itself or wrapped in a Cocoa error, depending on where it failed.
    func isTextFileBusy(_ error: NSError) -> Bool {
      if error.domain == NSPOSIXErrorDomain && error.code == Int(ETXTBSY) { return true }
      return (error.userInfo[NSUnderlyingErrorKey] as? NSError).map(isTextFileBusy) ?? false
    }
    var attempt = 0
    while true {
      do {
        return try process.run()
      } catch let error as NSError where isTextFileBusy(error) && attempt < 50 {
        attempt += 1
        usleep(20_000)
      }
    }
  }

  @Test func versionAndHelp() throws {
    let version = try Self.run(["--version"])
    #expect(version.status == 0)
    // A plain `swift build` has no commit; scripts/release.sh passes one (see docs/install.md).
    #expect(version.stdout == "tokentax 0.1.0 (commit unknown: not a release build)\n")
    let help = try Self.run(["check", "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("EXAMPLES:"))
    #expect(help.stderr.isEmpty)
  }

  @Test func unknownFlagIsExitTwoOnStderrOnly() throws {
    let result = try Self.run(["check", "--bsae", "main"])
    #expect(result.status == 2)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr
        == "error: unknown option '--bsae' for 'tokentax check' (did you mean '--base'?); run 'tokentax check --help' for the options\n"
    )
  }

  @Test func demoRunsTheFailingCheckAndExitsZero() throws {
    let result = try Self.run(["demo", "--no-color"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("check exit code: 1 (a fail threshold or budget was passed)"))
    for feature in ["support-bot", "rag-qa", "release-notes-agent"] { #expect(result.stdout.contains(feature)) }
  }

  /// Standard input streams a batch (one request per line, counted as it arrives) and is one
  /// body otherwise: 8 tokens per `hello` request to gpt-4o (o200k_base, chat framing).
  @Test func countRequestReadsStandardInputAsLinesOrOneBody() throws {
    let directory = try Scratch.directory("stdin-requests")
    let body = #"{"model":"gpt-4o","messages":[{"role":"user","content":"hello"}]}"#
    let batch = directory.appendingPathComponent("batch.jsonl")
    try Data(([body, "", #"{"custom_id":"r2","body":"# + body + "}", body].joined(separator: "\n") + "\n").utf8).write(
      to: batch)
    let lines = try Self.run(["count", "--request", "-", "--json"], stdin: batch)
    #expect(lines.status == 0, "\(lines.stderr)")
    #expect(lines.stdout.split(separator: "\n").map { $0.contains("\"line\":") } == [true, true, true])
    #expect(lines.stdout.contains(#""custom_id":"r2""#))
    let table = try Self.run(["count", "--request", "-"], stdin: batch)
    #expect(table.stdout.contains("24  total"), "\(table.stdout)")

    let pretty = directory.appendingPathComponent("body.json")
    try Data("{\n  \"model\": \"gpt-4o\",\n  \"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]\n}\n".utf8)
      .write(to: pretty)
    let one = try Self.run(["count", "--request", "-", "--json"], stdin: pretty)
    #expect(one.stdout.contains(#""input_tokens":8"#) && !one.stdout.contains("line"), "\(one.stdout)\(one.stderr)")
    let single = directory.appendingPathComponent("single.json")
    try Data((body + "\n").utf8).write(to: single)
    let alone = try Self.run(["count", "--request", "-", "--json"], stdin: single)
    #expect(alone.stdout.contains(#""input_tokens":8"#) && !alone.stdout.contains("line"), "\(alone.stdout)")
  }
}
