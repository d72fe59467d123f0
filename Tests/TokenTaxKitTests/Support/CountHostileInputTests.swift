import Foundation
import Testing

@testable import TokenTaxKit

/// `count` refuses inputs that would block or never end, and an empty batch file, with exit 2.
@Suite struct CountHostileInputTests {
  @Test func pipesDevicesAndEmptyBatchFilesAreExitTwo() throws {
    let directory = try Scratch.directory("count-hostile")
    #expect(mkfifo(directory.appendingPathComponent("pipe.md").path, 0o600) == 0)
    try Data().write(to: directory.appendingPathComponent("batch.jsonl"))
    let cases: [([String], String)] = [
      (["count", "pipe.md"], "error: pipe.md: it is a named pipe (FIFO), not a regular file; pass a file, or pipe it to stdin with -\n"),
      (["count", "/dev/zero"], "error: /dev/zero: it is a device, not a regular file; pass a file, or pipe it to stdin with -\n"),
      (["count", "--request", "batch.jsonl", "--json"], "error: batch.jsonl: holds no requests; a batch file has one JSON request body per line\n"),
    ]
    for (arguments, message) in cases {
      let result = InProcessRun(arguments, in: directory)
      #expect(result.code == .couldNotRun)
      #expect(result.stderr == message)
      #expect(result.stdout.isEmpty)
    }
  }
}
