import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of one `count` input, lent to a closure without a copy: a regular file is
/// memory-mapped, stdin is read to its end. Checked to be UTF-8 text first.
enum CountInput {
  /// Runs `body` with the bytes of `file` (`-`: stdin), or throws `CountInputError` naming the
  /// file and, for text that is not UTF-8, the byte offset. A large input is checked on up to
  /// `jobs` threads.
  static func withBytes<R>(
    _ file: String, _ invocation: Invocation, jobs: Int = 1, _ body: (UnsafeRawBufferPointer) throws -> R
  ) throws -> R {
    if file == "-" { return try invocation.readStdin().withUnsafeBytes { try checked(file, $0, jobs: jobs, body) } }
    let path = invocation.url(for: file).path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw CountInputError(file: file, problem: .missing)
    }
    if isDirectory.boolValue { throw CountInputError(file: file, problem: .directory) }
    // A named pipe or a device is refused before it can block the read.
    let descriptor: Int32
    do {
      descriptor = try RegularFile.descriptor(path)
    } catch {
      throw CountInputError(file: file, problem: error.notRegular ? .notRegular(error.reason) : .unreadable)
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { throw CountInputError(file: file, problem: .unreadable) }
    if status.st_mode & S_IFMT == S_IFDIR { throw CountInputError(file: file, problem: .directory) }
    let size = Int(status.st_size)
    guard status.st_mode & S_IFMT == S_IFREG, size > 0,
      let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
      mapped != UnsafeMutableRawPointer(bitPattern: -1)
    else {
      // A pipe, a device or an empty file (which mmap refuses): read what there is.
      let bytes = try readAll(descriptor, file)
      return try bytes.withUnsafeBytes { try checked(file, $0, jobs: jobs, body) }
    }
    defer { munmap(mapped, size) }
    _ = madvise(mapped, size, MADV_SEQUENTIAL)
    return try checked(file, UnsafeRawBufferPointer(start: mapped, count: size), jobs: jobs, body)
  }

  /// Bytes already read (standard input read to its end), checked to be UTF-8 text.
  static func text(of data: Data, file: String) throws -> [UInt8] {
    try data.withUnsafeBytes { try checked(file, $0) { Array($0.bindMemory(to: UInt8.self)) } }
  }

  private static func checked<R>(
    _ file: String, _ bytes: UnsafeRawBufferPointer, jobs: Int = 1, _ body: (UnsafeRawBufferPointer) throws -> R
  ) throws -> R {
    if let problem = UTF8Check.problem(in: bytes, jobs: jobs) { throw CountInputError(file: file, problem: problem) }
    return try body(bytes)
  }

  private static func readAll(_ descriptor: Int32, _ file: String) throws -> [UInt8] {
    var bytes: [UInt8] = []
    let chunk = 1 << 16
    while true {
      let start = bytes.count
      bytes.append(contentsOf: repeatElement(0, count: chunk))
      let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress.map { $0 + start }, chunk) }
      if got < 0 { throw CountInputError(file: file, problem: .unreadable) }
      bytes.removeLast(chunk - got)
      if got == 0 { return bytes }
    }
  }
}
