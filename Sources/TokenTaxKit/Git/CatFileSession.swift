import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One `git cat-file --batch --follow-symlinks` process serving every blob a command reads, at
/// every revision and from the index.
///
/// A git process costs about 6 ms to start, as much as the rest of `check --staged` spends on a
/// side; reading the config and then the prompts of two sides took four. Requests go one object
/// at a time (git flushes each answer when it is not given `--buffer`), so neither side waits on
/// a full pipe. `--follow-symlinks` only changes `<tree-ish>:path` names; an index name
/// (`:path`) reads the entry's own blob either way.
final class CatFileSession: @unchecked Sendable {
  /// One object's answer: its header fields and, when git sends one, its body.
  struct Answer {
    var fields: [Substring]
    var body: Data?
  }

  private let root: URL
  /// Git's environment, already prepared (`Git.childEnvironment`).
  private let environment: [String: String]
  private let lock = NSLock()
  private var child: Child?

  init(root: URL, environment: [String: String]) {
    self.root = root
    self.environment = environment
  }

  deinit { child?.finish() }

  /// The answers for `names`, in order.
  func answers(for names: [String]) throws -> [Answer] {
    lock.lock()
    defer { lock.unlock() }
    let process = try running()
    var answers: [Answer] = []
    answers.reserveCapacity(names.count)
    for name in names {
      if name.contains("\n") {
        answers.append(try oneShot(name))
        continue
      }
      guard let answer = process.answer(name) else {
        // A half-read answer leaves the pipe out of step: the next read starts a new git.
        process.finish()
        child = nil
        throw GitError.commandFailed(command: "cat-file", message: "git cat-file stopped answering")
      }
      answers.append(answer)
    }
    return answers
  }

  /// A name with a newline cannot go down the shared pipe: the line protocol would split it in
  /// two and every later answer would belong to another file. It gets a git of its own with
  /// NUL-terminated input (`-z`, git 2.38+), whose whole output is this one answer.
  private func oneShot(_ name: String) throws -> Answer {
    let output: Data
    do {
      output = try Git.run(
        ["cat-file", "--batch", "--follow-symlinks", "-z"], in: root, input: Data((name + "\0").utf8),
        environment: environment)
    } catch GitError.commandFailed {
      throw GitError.commandFailed(
        command: "cat-file",
        message: "cannot read '\(SafeText.quoted(name, limit: 200))', whose name has a newline, with this git "
          + "(2.38 or later reads it); rename the file or update git")
    }
    // `<name> missing` echoes the name, newline and all: the one header that is not one line.
    let bytes = [UInt8](output)
    if let newline = bytes.firstIndex(of: 0x0A) {
      let fields = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ")
      if (2...3).contains(fields.count), let size = fields.last.flatMap({ Int($0) }), size >= 0,
        bytes.count == newline + 1 + size + 1
      {
        return Answer(fields: fields, body: Data(bytes[(newline + 1)..<(newline + 1 + size)]))
      }
    }
    let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .newlines)
    return Answer(fields: [Substring(name), Substring(text.split(separator: " ").last ?? "missing")], body: nil)
  }

  private func running() throws -> Child {
    if let child { return child }
    guard let started = Child(["git", "-C", root.path, "cat-file", "--batch", "--follow-symlinks"], environment)
    else { throw GitError.gitMissing }
    child = started
    return started
  }

  /// The running git: its stdin, its stdout through a buffer, and its pid to reap.
  private final class Child {
    private let pid: pid_t
    private var input: Int32
    private let output: Int32
    private var buffer: [UInt8] = []
    private var start = 0

    init?(_ arguments: [String], _ environment: [String: String]) {
      guard let spawned = try? Subprocess.launch(arguments, environment: environment, errors: false) else { return nil }
      (pid, input, output) = (spawned.pid, spawned.input, spawned.output)
    }

    /// Asks for one object; nil when git stops answering.
    func answer(_ name: String) -> Answer? {
      guard Subprocess.writeAll(Data((name + "\n").utf8), to: input), let header = line() else { return nil }
      let fields = header.split(separator: " ")
      // `<sha> <type> <size>` and `symlink|dangling|loop|notdir <size>` are followed by the
      // body and a newline; `<name> missing` / `<name> ambiguous` end in a word, not a size.
      guard (2...3).contains(fields.count), let size = fields.last.flatMap({ Int($0) }), size >= 0 else {
        return Answer(fields: fields, body: nil)
      }
      return bytes(size + 1).map { Answer(fields: fields, body: $0.dropLast()) }
    }

    /// The next line, without its newline; nil at end of output.
    private func line() -> String? {
      while true {
        if let newline = buffer[start...].firstIndex(of: 0x0A) {
          let line = String(decoding: buffer[start..<newline], as: UTF8.self)
          start = newline + 1
          return line
        }
        guard fill() else { return nil }
      }
    }

    /// Exactly `count` bytes; nil when the output ends first.
    private func bytes(_ count: Int) -> Data? {
      while buffer.count - start < count {
        guard fill() else { return nil }
      }
      let data = Data(buffer[start..<(start + count)])
      start += count
      return data
    }

    /// Reads more output into the buffer, dropping what was consumed.
    private func fill() -> Bool {
      if start > 0 {
        buffer.removeSubrange(0..<start)
        start = 0
      }
      let chunk = 1 << 16
      let old = buffer.count
      buffer.append(contentsOf: repeatElement(0, count: chunk))
      while true {
        let count = buffer.withUnsafeMutableBytes { raw -> Int in
          guard let base = raw.baseAddress else { return 0 }
          return read(output, base + old, chunk)
        }
        if count > 0 {
          buffer.removeLast(chunk - count)
          return true
        }
        if count == 0 || errno != EINTR {
          buffer.removeLast(chunk)
          return false
        }
      }
    }

    func finish() {
      guard input >= 0 else { return }
      close(input)
      input = -1
      close(output)
      var status: Int32 = 0
      while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }
  }
}
