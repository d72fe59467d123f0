import Foundation

/// Reads a file in fixed-size chunks and hands out framed records (lines, or top-level JSON
/// values) without ever holding more than the current record and one chunk in memory.
///
/// The buffer only grows when a single record is larger than it, so memory stays flat in the
/// size of the file (docs/traces.md).
public final class ChunkedByteReader {
  /// Why the file could not be opened or read.
  public struct ReadError: Error {
    public var reason: String
    public init(code: Int32) { reason = String(cString: strerror(code)) }
    public init(reason: String) { self.reason = reason }
  }

  /// One record (a line, or a value of a document) outgrew `maximumRecordBytes`.
  public struct RecordTooLarge: Error {
    public var limit: Int
  }

  /// The most one record may take in memory: without it a file with no newline (or a
  /// minified document that is one object) would be buffered whole.
  public let maximumRecordBytes: Int

  private let descriptor: Int32
  /// False for standard input, which is not the reader's to close.
  private var ownsDescriptor = true
  private var storage: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  /// The file offset of `storage[0]`.
  private var base = 0
  /// Buffer indices: bytes before `start` may be discarded; `start..<end` are buffered.
  private var start = 0
  private var end = 0
  private var reachedEOF = false
  /// Bytes still to read when only a range of the file is read.
  private var remaining = Int.max

  /// Reads an open file, which it closes, or only the bytes of `range`.
  public init(
    owning opened: Int32, range: Range<Int>? = nil, chunkSize: Int = 1 << 20, maximumRecordBytes: Int = 64 << 20
  )
    throws
  {
    if let range, lseek(opened, off_t(range.lowerBound), SEEK_SET) < 0 {
      let code = errno
      close(opened)
      throw ReadError(code: code)
    }
    descriptor = opened
    base = range?.lowerBound ?? 0
    remaining = range?.count ?? Int.max
    self.maximumRecordBytes = maximumRecordBytes
    capacity = max(min(chunkSize, maximumRecordBytes), 16)
    storage = .allocate(capacity: capacity)
  }

  /// Reads a descriptor it does not own, such as standard input (a pipe: nothing is seeked).
  public init(borrowing descriptor: Int32, chunkSize: Int = 1 << 20, maximumRecordBytes: Int = 64 << 20) {
    self.descriptor = descriptor
    ownsDescriptor = false
    self.maximumRecordBytes = maximumRecordBytes
    capacity = max(min(chunkSize, maximumRecordBytes), 16)
    storage = .allocate(capacity: capacity)
  }

  /// Everything not yet handed out, to the end of the input (a peek hands nothing out); one
  /// record's limit applies, since it is one value.
  public func readToEnd() throws -> Data {
    while try fill() {}
    return Data(bytes: storage + start, count: end - start)
  }

  /// Frames bytes already in memory (a file read from git).
  public init(bytes: Data, maximumRecordBytes: Int = 64 << 20) {
    descriptor = -1
    self.maximumRecordBytes = maximumRecordBytes
    capacity = max(bytes.count, 16)
    storage = .allocate(capacity: capacity)
    bytes.copyBytes(to: storage, count: bytes.count)
    end = bytes.count
    reachedEOF = true
  }

  deinit {
    storage.deallocate()
    if descriptor >= 0, ownsDescriptor { close(descriptor) }
  }

  /// The first byte that is not blank or a byte-order mark, nil for an empty file.
  public func peekFirstByte() throws -> UInt8? {
    var from = start
    while true {
      while from < end, isBlank(storage[from]) { from += 1 }
      if from < end { return storage[from] }
      let offset = from - start
      if try !fill() { return nil }
      from = start + offset
    }
  }

  /// The first non-blank byte of the file and the complete first non-blank line, for format
  /// detection; reading restarts from the beginning afterwards (only buffered bytes are used,
  /// plus as many chunks as the first line needs).
  public func peekFirstLine() throws -> [UInt8]? {
    var from = start
    while true {
      while from < end, isBlank(storage[from]) { from += 1 }
      if from < end {
        let found = memchr(storage + from, 0x0A, end - from)
        if let found {
          let newline = found.assumingMemoryBound(to: UInt8.self) - storage
          return Array(UnsafeBufferPointer(start: storage + from, count: newline - from))
        }
      }
      let offset = from - start
      if try !fill() {
        return from < end ? Array(UnsafeBufferPointer(start: storage + from, count: end - from)) : nil
      }
      from = start + offset
    }
  }

  private func isBlank(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0xEF || byte == 0xBB || byte == 0xBF
  }

  /// Calls `body` with every line (without its `\n` or `\r\n`) and its 1-based number,
  /// counted from `firstLine`. A UTF-8 byte-order mark at the start of the file is dropped.
  public func forEachLine(firstLine: Int = 1, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
    var lineNumber = firstLine - 1
    var scanFrom = start
    while true {
      if scanFrom < end, let found = memchr(storage + scanFrom, 0x0A, end - scanFrom) {
        let newline = found.assumingMemoryBound(to: UInt8.self) - storage
        lineNumber += 1
        try emitLine(upTo: newline, number: lineNumber, body)
        start = newline + 1
        scanFrom = start
        continue
      }
      let scanned = end - start
      if try !fill() {
        if end > start {
          lineNumber += 1
          try emitLine(upTo: end, number: lineNumber, body)
          start = end
        }
        return
      }
      scanFrom = start + scanned
    }
  }

  private func emitLine(upTo upper: Int, number: Int, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
    var lower = start
    var upper = upper
    if base + lower == 0, upper - lower >= 3, storage[lower] == 0xEF, storage[lower + 1] == 0xBB,
      storage[lower + 2] == 0xBF
    {
      lower += 3
    }
    if upper > lower, storage[upper - 1] == 0x0D { upper -= 1 }
    try body(UnsafeBufferPointer(start: storage + lower, count: upper - lower), number)
  }

  /// Calls `body` with every top-level JSON value of a document and the 1-based line and
  /// column where it starts. When the document is one top-level array, its elements are handed
  /// out instead, so a large exported array streams element by element.
  ///
  /// Framing only tracks strings and bracket depth; the caller's parser validates each value
  /// and reports errors relative to the returned position. Unbalanced input ends with a value
  /// that runs to the end of the file, which the parser then rejects with a position.
  public func forEachValue(_ body: (UnsafeBufferPointer<UInt8>, _ line: Int, _ column: Int) throws -> Void) throws {
    var framer = ValueFramer()
    var position = start  // a buffer index
    while true {
      if position >= end {
        let offset = position - start
        if try !fill() {
          if let open = framer.openValue {
            let lower = open.offset - base
            try body(UnsafeBufferPointer(start: storage + lower, count: end - lower), open.line, open.column)
          }
          return
        }
        position = start + offset
        continue
      }
      if let value = framer.step(storage[position], at: base + position) {
        let lower = value.start - base
        try body(UnsafeBufferPointer(start: storage + lower, count: value.end - value.start), value.line, value.column)
      }
      position += 1
      // Everything before the value in progress can be dropped at the next refill.
      start = framer.openValue.map { $0.offset - base } ?? position
    }
  }

  /// Moves unread bytes to the front, grows the buffer when one record fills it, and reads
  /// more. Returns false at end of file.
  private func fill() throws -> Bool {
    if reachedEOF { return false }
    let pending = end - start
    if start > 0 {
      if pending > 0 { memmove(storage, storage + start, pending) }
      base += start
      start = 0
      end = pending
    }
    if end == capacity {
      guard capacity < maximumRecordBytes else { throw RecordTooLarge(limit: maximumRecordBytes) }
      let larger = min(capacity * 2, maximumRecordBytes)
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
      grown.update(from: storage, count: end)
      storage.deallocate()
      storage = grown
      capacity = larger
    }
    while true {
      guard remaining > 0 else {
        reachedEOF = true
        return false
      }
      let count = read(descriptor, storage + end, min(capacity - end, remaining))
      if count < 0 {
        if errno == EINTR { continue }
        throw ReadError(code: errno)
      }
      if count == 0 {
        reachedEOF = true
        return false
      }
      end += count
      remaining -= count
      return true
    }
  }
}
