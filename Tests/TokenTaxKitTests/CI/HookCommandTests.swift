import Foundation
import Testing

@testable import TokenTaxKit

@Suite struct HookCommandTests {
  static func install(_ arguments: [String] = [], in directory: URL) -> (ExitCode, String, String) {
    let run = InProcessRun(["hook", "install"] + arguments, in: directory)
    return (run.code, run.stdout, run.stderr)
  }

  @Test func installsAnExecutableHookAndUpdatesItsOwn() throws {
    let repository = try TestRepository()
    let repo = repository.root
    let hook = repo.appendingPathComponent(".git/hooks/pre-commit").resolvingSymlinksInPath().path
    let (exit, out, _) = Self.install(in: repo)
    #expect(exit == .success)
    #expect(out.hasPrefix("tokentax: installed the pre-commit hook at "))
    #expect(out.hasSuffix("/.git/hooks/pre-commit (runs 'tokentax check --staged')\n"))
    let text = try String(contentsOfFile: hook, encoding: .utf8)
    #expect(text.hasPrefix("#!/bin/sh\n"))
    #expect(text.contains("exec tokentax check --staged\n"))
    let permissions = try FileManager.default.attributesOfItem(atPath: hook)[.posixPermissions] as? Int
    #expect(permissions == 0o755)
    let again = Self.install(in: repo)
    #expect(again.0 == .success)
    #expect(again.1.hasPrefix("tokentax: updated the pre-commit hook at "))
  }

  @Test func keepsAForeignHookUnlessForced() throws {
    let repository = try TestRepository()
    let repo = repository.root
    let hooks = repo.appendingPathComponent(".git/hooks")
    try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
    let foreign = "#!/bin/sh\nnpm run lint\n"
    try foreign.write(to: hooks.appendingPathComponent("pre-commit"), atomically: true, encoding: .utf8)

    let (exit, _, err) = Self.install(in: repo)
    #expect(exit == .couldNotRun)
    #expect(err.hasPrefix("error: a pre-commit hook that tokentax did not write already exists at "))
    #expect(
      err.hasSuffix(
        "left it unchanged: add 'tokentax check --staged' to it, or rerun with --force to replace it (it is kept as pre-commit.before-tokentax)\n"
      ))
    #expect(try String(contentsOf: hooks.appendingPathComponent("pre-commit"), encoding: .utf8) == foreign)

    let forced = Self.install(["--force"], in: repo)
    #expect(forced.0 == .success)
    #expect(forced.1.contains("kept the previous hook as "))
    #expect(
      try String(contentsOf: hooks.appendingPathComponent("pre-commit.before-tokentax"), encoding: .utf8) == foreign)
    #expect(try String(contentsOf: hooks.appendingPathComponent("pre-commit"), encoding: .utf8) == HookCommand.script)
  }

  @Test func respectsCoreHooksPath() throws {
    let repository = try TestRepository()
    let repo = repository.root
    try repository.git("config", "core.hooksPath", "tools/hooks")
    let (exit, out, _) = Self.install(in: repo)
    #expect(exit == .success)
    #expect(out.contains("/tools/hooks/pre-commit"))
    #expect(FileManager.default.fileExists(atPath: repo.appendingPathComponent("tools/hooks/pre-commit").path))
    #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent(".git/hooks/pre-commit").path))
  }

  @Test func outsideARepositoryIsExitTwo() throws {
    let directory = try Scratch.directory("nogit")
    let (exit, _, err) = Self.install(in: directory)
    #expect(exit == .couldNotRun)
    #expect(err.hasSuffix("' is not inside a git repository; run tokentax from your repo (or 'git init' first)\n"))
  }

  /// Without the binary the hook blocks the commit with exit 2 and says how to proceed;
  /// TOKENTAX_SKIP=1 lets one commit through on purpose.
  @Test func theHookFailsLoudlyWithoutTokentaxOnPath() throws {
    let repository = try TestRepository()
    let repo = repository.root
    _ = Self.install(in: repo)
    func runHook(_ environment: [String: String]) throws -> (status: Int32, message: String) {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
      process.arguments = [repo.appendingPathComponent(".git/hooks/pre-commit").path]
      process.environment = environment
      let errors = Pipe()
      process.standardError = errors
      try process.run()
      let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return (process.terminationStatus, message)
    }
    let missing = try runHook(["PATH": "/nonexistent"])
    #expect(missing.status == 2)
    #expect(missing.message.hasPrefix("tokentax: not on PATH, so the cost check cannot run; install it"))
    let skipped = try runHook(["PATH": "/nonexistent", "TOKENTAX_SKIP": "1"])
    #expect(skipped.status == 0)
    #expect(skipped.message.isEmpty)
  }
}
