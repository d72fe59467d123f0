import JSON

extension ChunkedByteReader {
  /// Reads the file at `path` (a regular file only: a pipe or device is refused before a byte
  /// is read), or only the bytes of `range`.
  convenience init(path: String, range: Range<Int>? = nil, chunkSize: Int = 1 << 20, maximumRecordBytes: Int = 64 << 20)
    throws
  {
    let opened: Int32
    do {
      opened = try RegularFile.descriptor(path)
    } catch {
      throw ReadError(reason: error.reason)
    }
    try self.init(owning: opened, range: range, chunkSize: chunkSize, maximumRecordBytes: maximumRecordBytes)
  }
}
