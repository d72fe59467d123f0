import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs a program to completion with `posix_spawn` and `waitpid`.
///
/// Foundation's `Process.waitUntilExit` polls a run loop on Linux and adds tens of milliseconds
/// per child; `check --staged` runs several git commands and has a 100 ms budget (docs/design.md, Performance targets).
struct Subprocess {
  struct Result {
    var status: Int32
    var stdout: Data
    var stderr: Data
  }

  enum Failure: Error { case launch(Int32) }

  /// Runs `arguments` (argv[0] looked up on PATH), feeding `input` to stdin. The child inherits
  /// the working directory; git takes `-C` instead of a chdir here.
  static func run(_ arguments: [String], environment: [String: String], input: Data?) throws -> Result {
    let child = try launch(arguments, environment: environment, errors: true)
    // stdin and stderr on their own threads so a large request or a chatty child cannot
    // deadlock against a full pipe while stdout is read here.
    let writer = Thread { [descriptor = child.input] in
      if let input { writeAll(input, to: descriptor) }
      close(descriptor)
    }
    writer.start()
    let errors = Collected()
    let errorReader = Thread { [descriptor = child.errors] in
      errors.finish(readAll(descriptor))
      close(descriptor)
    }
    errorReader.start()
    let output = readAll(child.output)
    close(child.output)
    var status: Int32 = 0
    while waitpid(child.pid, &status, 0) == -1 && errno == EINTR {}
    let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return Result(status: exitStatus, stdout: output, stderr: errors.value)
  }

  /// A started child: its pid, the write end of its stdin, the read ends of its stdout and (with
  /// `errors`) its stderr, which otherwise goes to /dev/null.
  struct Child {
    var pid: pid_t
    var input: Int32
    var output: Int32
    var errors: Int32
  }

  static func launch(_ arguments: [String], environment: [String: String], errors: Bool) throws -> Child {
    var stdinPipe: [Int32] = [0, 0]
    var stdoutPipe: [Int32] = [0, 0]
    var stderrPipe: [Int32] = [-1, -1]
    // Close-on-exec: a child spawned at the same moment by another thread must not inherit these
    // ends, or it would hold our child's stdin open and neither would ever see end of file.
    // (`dup2` onto 0, 1 and 2 in the child clears the flag where it is wanted.) The lock covers
    // the moment between `pipe` and `fcntl`, which `pipe2` would make atomic.
    spawnLock.lock()
    guard pipe(&stdinPipe) == 0, pipe(&stdoutPipe) == 0, !errors || pipe(&stderrPipe) == 0 else {
      spawnLock.unlock()
      throw Failure.launch(errno)
    }
    for descriptor in stdinPipe + stdoutPipe + stderrPipe where descriptor >= 0 {
      _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
    }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
    posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
    if errors {
      posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
    } else {
      posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    }

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for pointer in argv { free(pointer) }
      for pointer in envp { free(pointer) }
    }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
    close(stdinPipe[0])
    close(stdoutPipe[1])
    if errors { close(stderrPipe[1]) }
    spawnLock.unlock()
    guard spawned == 0 else {
      close(stdinPipe[1])
      close(stdoutPipe[0])
      if errors { close(stderrPipe[0]) }
      throw Failure.launch(spawned)
    }
    return Child(pid: pid, input: stdinPipe[1], output: stdoutPipe[0], errors: stderrPipe[0])
  }

  private static func readAll(_ descriptor: Int32) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        data.append(contentsOf: buffer[0..<count])
      } else if count == 0 || errno != EINTR {
        return data
      }
    }
  }

  /// Writes all of `data`; false when the reader went away first.
  @discardableResult
  static func writeAll(_ data: Data, to descriptor: Int32) -> Bool {
    data.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return true }
      var offset = 0
      while offset < buffer.count {
        let written = write(descriptor, base + offset, buffer.count - offset)
        if written > 0 {
          offset += written
        } else if errno != EINTR {
          return false
        }
      }
      return true
    }
  }
}

private let spawnLock = NSLock()

/// Bytes handed over from a reader thread; `value` waits until they are there.
private final class Collected: @unchecked Sendable {
  private let ready = DispatchSemaphore(value: 0)
  private var data = Data()
  func finish(_ value: Data) {
    data = value
    ready.signal()
  }
  var value: Data {
    ready.wait()
    ready.signal()
    return data
  }
}
