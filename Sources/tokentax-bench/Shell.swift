import Foundation

/// Runs helper programs (python3, the built `tokentax`) for the benchmark.
enum Shell {
  /// The standard output of `arguments` (looked up on PATH), or nil when it cannot run or fails.
  static func output(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  /// Wall seconds from spawning `executable` to its exit, output discarded; nil when it fails.
  /// `posix_spawn` directly: Foundation's `Process` adds tens of milliseconds of its own.
  static func timeProcess(_ executable: String, _ arguments: [String], in directory: String? = nil) -> Double? {
    // The child inherits the working directory; the bench is single-threaded, so a chdir
    // around the spawn is safe.
    let previous = FileManager.default.currentDirectoryPath
    if let directory, !FileManager.default.changeCurrentDirectoryPath(directory) { return nil }
    defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
    let argv = ([executable] + arguments).map { strdup($0) }
    defer { for pointer in argv { free(pointer) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var pid = pid_t()
    var status: Int32 = 0
    let seconds = Stopwatch.seconds {
      guard posix_spawn(&pid, executable, &actions, nil, argv + [nil], environ) == 0 else {
        status = -1
        return
      }
      waitpid(pid, &status, 0)
    }
    return status == 0 ? seconds : nil
  }
}
