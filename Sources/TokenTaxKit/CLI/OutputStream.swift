import Foundation

/// A text sink: the real stdout/stderr, or a buffer that tests read back.
public final class OutputStream: @unchecked Sendable {
  private let lock = NSLock()
  private var buffer: [UInt8]?
  private let descriptor: Int32

  private init(descriptor: Int32, buffered: Bool) {
    self.descriptor = descriptor
    self.buffer = buffered ? [] : nil
  }

  public static let standardOutput = OutputStream(descriptor: STDOUT_FILENO, buffered: false)
  public static let standardError = OutputStream(descriptor: STDERR_FILENO, buffered: false)

  /// A stream that keeps what is written, for tests.
  public static func capture() -> OutputStream { OutputStream(descriptor: -1, buffered: true) }

  public func write(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    if buffer != nil {
      buffer?.append(contentsOf: Array(text.utf8))
    } else {
      // Each call writes whole lines straight to the descriptor: no stdio buffer to flush
      // before exit, and a closed pipe (`| head`) ends quietly instead of crashing.
      let bytes = Array(text.utf8)
      var offset = 0
      while offset < bytes.count {
        let written = bytes.withUnsafeBytes { buffer -> Int in
          guard let base = buffer.baseAddress else { return 0 }
          return Foundation.write(descriptor, base + offset, buffer.count - offset)
        }
        if written <= 0 { return }
        offset += written
      }
    }
  }

  /// Writes `text` followed by a newline.
  public func line(_ text: String = "") { write(text + "\n") }

  /// What was written so far (capture streams only).
  public var text: String {
    lock.lock()
    defer { lock.unlock() }
    return String(decoding: buffer ?? [], as: UTF8.self)
  }
}
