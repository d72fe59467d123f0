import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Opens only regular files. A named pipe would block the read forever and a device
/// (`/dev/zero`) never ends, so both are refused before a byte is read; opening does not block
/// either, because the descriptor is opened non-blocking and checked with `fstat`.
public enum RegularFile {
  /// Why a path could not be opened as a regular file: the `errno`, or what it is instead.
  public struct Problem: Error, Equatable {
    public var reason: String
    /// The path exists but is a pipe, device, directory or socket.
    public var notRegular = false
  }

  /// A read-only descriptor on `path`, which the caller closes.
  public static func descriptor(_ path: String) throws(Problem) -> Int32 {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { throw Problem(reason: String(cString: strerror(errno))) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      let reason = String(cString: strerror(errno))
      close(descriptor)
      throw Problem(reason: reason)
    }
    if let kind = kind(status.st_mode) {
      close(descriptor)
      throw Problem(reason: "it is \(kind), not a regular file", notRegular: true)
    }
    // Regular files ignore O_NONBLOCK, but clear it so reads behave as documented everywhere.
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    return descriptor
  }

  /// The whole file.
  public static func contents(_ path: String) throws(Problem) -> Data {
    let file = try descriptor(path)
    defer { close(file) }
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw Problem(reason: String(cString: strerror(errno)))
      }
      if count == 0 { return data }
      data.append(contentsOf: buffer[0..<count])
    }
  }

  /// What a non-regular file is, for the message; nil for a regular file.
  private static func kind(_ mode: mode_t) -> String? {
    switch mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFIFO: return "a named pipe (FIFO)"
    case S_IFCHR, S_IFBLK: return "a device"
    case S_IFDIR: return "a directory"
    case S_IFSOCK: return "a socket"
    default: return "not a plain file"
    }
  }
}
