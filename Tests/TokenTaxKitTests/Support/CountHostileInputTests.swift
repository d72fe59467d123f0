import Foundation
import JSON
import Testing

@testable import TokenTaxKit

/// `count` refuses inputs that would block or never end, and an empty batch file, with exit 2.
@Suite struct CountHostileInputTests {
  @Test func pipesDevicesAndEmptyBatchFilesAreExitTwo() throws {
    let directory = try Scratch.directory("count-hostile")
    #expect(mkfifo(directory.appendingPathComponent("pipe.md").path, 0o600) == 0)
    try Data().write(to: directory.appendingPathComponent("batch.jsonl"))
    let cases: [([String], String)] = [
      (
        ["count", "pipe.md"],
        "error: pipe.md: it is a named pipe (FIFO), not a regular file; pass a file, or pipe it to stdin with -\n"
      ),
      (
        ["count", "/dev/zero"],
        "error: /dev/zero: it is a device, not a regular file; pass a file, or pipe it to stdin with -\n"
      ),
      (
        ["count", "--request", "batch.jsonl", "--json"],
        "error: batch.jsonl: holds no requests; a batch file has one JSON request body per line\n"
      ),
    ]
    for (arguments, message) in cases {
      let result = InProcessRun(arguments, in: directory)
      #expect(result.code == .couldNotRun)
      #expect(result.stderr == message)
      #expect(result.stdout.isEmpty)
    }
  }
}

/// Numbers that underflow are refused with the rule they break, not a range they satisfy.
@Suite struct UnderflowingNumberTests {
  @Test func underflowIsNeitherZeroNorAWholeNumber() {
    #expect(JSONValue.number("1e-400").intValue == nil)
    #expect(JSONValue.number("0e-400").intValue == 0)
    #expect(JSONValue.number("2.5").intValue == nil)
    #expect(JSONValue.number("1e2").intValue == 100)
  }

  @Test func aTinyCallsPerDayNamesTheRealRule() throws {
    let repo = try TestRepository()
    try repo.write("tokentax.json", CheckEndToEndTests.config(callsPerDay: "1e-300"))
    try repo.write("prompts/system.md", "You are helpful.")
    try repo.write("prompts/user.hbs", "{{question}}")
    try repo.commit("one")
    let result = repo.run("check", "--base", "HEAD")
    #expect(result.code == .couldNotRun)
    #expect(result.stderr.contains("that is 0 or at least 1e-100 ('1e-300' is too small to keep)"), "\(result.stderr)")
  }
}
