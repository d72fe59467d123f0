import Foundation
import Testing

@testable import TokenTaxKit

/// `tokentax count` in-process through `TokenTax.run`, and a few runs of the built binary.
@Suite struct CountCommandTests {
  /// A temporary folder of input files, removed on deinit.
  final class Folder {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tokentax-count-\(UUID().uuidString)")

    init(_ files: [String: [UInt8]]) throws {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
      for (name, bytes) in files {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
      }
    }

    deinit { try? FileManager.default.removeItem(at: url) }
  }

  static let files: [String: [UInt8]] = [
    "hello.txt": Array("Hello world".utf8),
    "english.txt": Array(
      "The quick brown fox jumps over the lazy dog. It's 5 o'clock somewhere; isn't it?\nYes -- it is.\n".utf8),
    "empty.txt": [],
    "special.txt": Array("hi <|endoftext|>".utf8),
    "latin1.txt": [0x63, 0x61, 0x66, 0xE9, 0x0A],
    "utf16.txt": [0xFF, 0xFE, 0x68, 0x00, 0x69, 0x00],
    "docs/a.md": Array("# A\n".utf8),
  ]

  func run(_ arguments: [String], stdin: String = "") throws -> InProcessRun {
    let folder = try Folder(Self.files)
    return InProcessRun(["count"] + arguments, in: folder.url, stdin: Data(stdin.utf8))
  }

  @Test func tablePerFileWithTotal() throws {
    let result = try run(["hello.txt", "english.txt", "empty.txt"])
    #expect(result.code == .success)
    #expect(result.stderr == "")
    #expect(
      result.stdout == """
        o200k_base
             2  hello.txt
            25  english.txt
             0  empty.txt
            27  total

        """)
  }

  @Test func jsonLinesWithSortedKeysAndIDs() throws {
    let result = try run(["--json", "--ids", "--encoding", "cl100k_base", "hello.txt", "empty.txt"])
    #expect(result.code == .success)
    #expect(
      result.stdout == """
        {"count":2,"encoding":"cl100k_base","exact":true,"file":"hello.txt","ids":[9906,1917]}
        {"count":0,"encoding":"cl100k_base","exact":true,"file":"empty.txt","ids":[]}

        """)
  }

  @Test func modelChoosesTheEncodingAndSaysWhetherItIsExact() throws {
    let exact = try run(["--model", "openai/gpt-4-0613", "hello.txt"])
    #expect(exact.stdout.hasPrefix("cl100k_base (exact for openai/gpt-4-0613)\n"))
    let estimated = try run(["--json", "--model", "claude-sonnet-4-6", "hello.txt"])
    #expect(
      estimated.stdout
        == "{\"count\":2,\"encoding\":\"o200k_base\",\"exact\":false,\"factor\":1.15,\"file\":\"hello.txt\",\"model\":\"claude-sonnet-4-6\"}\n"
    )
  }

  /// `count --model` scales an estimated family's count by the factor `estimate` applies:
  /// 21 o200k tokens are 24 for Claude (24.15, × 1.15), and the table says so.
  @Test func estimatedModelsCountWithTheirFamilyFactor() throws {
    let text = String(repeating: "Hello world ", count: 10)
    let raw = try run(["-"], stdin: text)
    #expect(raw.stdout.hasSuffix("    21  -\n"))
    let claude = try run(["--model", "claude-sonnet-4-5", "-"], stdin: text)
    #expect(claude.stdout.hasPrefix("o200k_base × 1.15, the claude factor estimate applies"))
    #expect(claude.stdout.hasSuffix("    24  -\n"))
  }

  @Test func formatJSONIsTheSameAsJSON() throws {
    #expect(try run(["--format", "json", "hello.txt"]).stdout == (try run(["--json", "hello.txt"])).stdout)
    let clash = try run(["--format", "table", "--json", "hello.txt"])
    #expect(clash.code == .couldNotRun)
    #expect(clash.stderr == "error: --json and --format table disagree: give one\n")
  }

  @Test func stdinAndIDsInTheTable() throws {
    let result = try run(["--ids", "-"], stdin: "Hello world")
    #expect(result.code == .success)
    #expect(result.stdout == "o200k_base\n     2  -\n        [13225, 2375]\n")
  }

  @Test func specialTokensOnlyWhenAllowed() throws {
    let ordinary = try run(["--json", "--ids", "special.txt"])
    #expect(!ordinary.stdout.contains("199999"))
    let allowed = try run(["--json", "--ids", "--allow-special", "special.txt"])
    #expect(allowed.stdout.contains("\"ids\":[3686,220,199999]"))
  }

  @Test(arguments: [
    (["nope.txt"], "error: nope.txt: no such file; check the path (use - to read stdin)\n"),
    (["docs"], "error: docs: is a directory; pass the files inside it, e.g. 'docs/*.md'\n"),
    (
      ["hello.txt", "latin1.txt"],
      "error: latin1.txt: invalid UTF-8 at byte offset 3; convert the file to UTF-8 (e.g. iconv -t UTF-8)\n"
    ),
    (
      ["utf16.txt"],
      "error: utf16.txt: looks binary (NUL byte at byte offset 3); count text files only, or convert UTF-16 text to UTF-8\n"
    ),
    (
      ["--model", "gpt-5", "--encoding", "o200k_base", "hello.txt"],
      "error: use either --model or --encoding, not both: --model picks the encoding of that model\n"
    ),
    (
      ["--encoding", "o200k", "hello.txt"],
      "error: option '--encoding' must be one of o200k_base, cl100k_base, got 'o200k' (did you mean 'o200k_base'?)\n"
    ),
    ([], "error: 'tokentax count' needs files; run 'tokentax count --help' for usage\n"),
  ])
  func badInputIsExitTwoWithOneSentence(_ arguments: [String], _ message: String) throws {
    let result = try run(arguments)
    #expect(result.code == .couldNotRun)
    #expect(result.stdout == "")
    #expect(result.stderr == message)
  }

  @Test func helpHasExamples() throws {
    let result = try run(["--help"])
    #expect(result.code == .success)
    // The usage line is generated from the declared options (help_count.txt holds all of it).
    #expect(
      result.stdout.contains(
        "USAGE: tokentax count [--model <model>] [--encoding <encoding>] [--ids] [--format <format>] [--json]"))
    #expect(result.stdout.contains("EXAMPLES:"))
  }

  // MARK: The built binary

  @Test func binaryCountsFilesAndStdin() throws {
    let folder = try Folder(Self.files)
    let result = try BinaryTests.run(["count", "--json", "hello.txt"], in: folder.url)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "{\"count\":2,\"encoding\":\"o200k_base\",\"exact\":true,\"file\":\"hello.txt\"}\n")
    let bad = try BinaryTests.run(["count", "latin1.txt"], in: folder.url)
    #expect(bad.status == 2)
    #expect(bad.stdout.isEmpty)
    #expect(bad.stderr.hasPrefix("error: latin1.txt: invalid UTF-8 at byte offset 3"))
  }

  /// docs/design.md: the vocabularies travel inside the binary, so a copy alone in another folder counts.
  @Test func copiedBinaryStillCounts() throws {
    let folder = try Folder(Self.files)
    let copy = folder.url.appendingPathComponent("bin/tokentax")
    try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: BinaryTests.binary, to: copy)
    let result = try BinaryTests.run(
      ["count", "--encoding", "cl100k_base", "english.txt", "hello.txt"], in: folder.url, executable: copy)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "cl100k_base\n    27  english.txt\n     2  hello.txt\n    29  total\n")
  }
}
