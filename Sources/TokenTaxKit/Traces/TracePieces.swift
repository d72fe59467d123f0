import Foundation

/// Splits a large JSON Lines file into pieces of whole lines, one per core, so one big export is
/// read on all cores like several files (`TraceLoader.summarize`). Each piece knows the number
/// of its first line, so messages name the same lines as when the file is read whole.
enum TracePieces {
  /// Files smaller than this are read whole: splitting costs a pass to count lines.
  static let minimumBytes = 32 << 20

  /// `files` with every JSON Lines file on disk of `minimum` bytes or more replaced by `jobs`
  /// pieces. A file that cannot be read stays whole, for its reader to say why.
  static func split(_ files: [TraceFile], jobs: Int, minimum: Int = minimumBytes) -> [TraceFile] {
    guard jobs > 1 else { return files }
    var result: [TraceFile] = []
    for file in files {
      guard file.contents == nil, file.piece == nil, hasLinesName(file.displayName),
        let size = (try? FileManager.default.attributesOfItem(atPath: file.url.path))?[.size] as? Int,
        size >= minimum, let pieces = (try? pieces(of: file, size: size, count: jobs)) ?? nil
      else {
        result.append(file)
        continue
      }
      result += pieces
    }
    return result
  }

  static func hasLinesName(_ name: String) -> Bool {
    let lowered = name.lowercased()
    return lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".jsonlines")
  }

  private static func pieces(of file: TraceFile, size: Int, count: Int) throws -> [TraceFile]? {
    let descriptor = try RegularFile.descriptor(file.url.path)
    defer { close(descriptor) }
    guard !startsWithStreamChunk(descriptor) else { return nil }
    var bounds = [0]
    for index in 1..<count {
      let start = max(size * index / count, bounds[bounds.count - 1])
      guard let next = lineStart(after: start, in: descriptor, size: size), next < size, next > bounds[bounds.count - 1]
      else { continue }
      bounds.append(next)
    }
    bounds.append(size)
    let ranges = zip(bounds, bounds.dropFirst()).map { $0..<$1 }
    let path = file.url.path
    let newlines = try Parallel.map(ranges) { range in try countNewlines(path, range) }
    var firstLine = 1
    var result: [TraceFile] = []
    for (index, range) in ranges.enumerated() {
      var piece = file
      piece.piece = TraceFile.Piece(bytes: range, firstLine: firstLine, isLast: index == ranges.count - 1)
      result.append(piece)
      firstLine += newlines[index]
    }
    return result
  }

  /// Stored streams run across any cut (their chunks share an id), so a piece would end with a
  /// stream open and the file would be read twice: such files are read whole. Only a guess
  /// from the first line; a wrong one costs time, never a different summary.
  private static func startsWithStreamChunk(_ descriptor: Int32) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 16 << 10)
    let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return false }
    let head = buffer[0..<count]
    let line = String(decoding: head.prefix { $0 != 0x0A }, as: UTF8.self)
    let markers = [
      "chat.completion.chunk", "message_start", "content_block_", "\"response.", "contentBlockDelta", "messageStart",
    ]
    return markers.contains { line.contains($0) } || (line.contains("\"responseId\"") && !line.contains("finishReason"))
  }

  /// The offset just past the first `\n` at or after `offset`; nil when there is none.
  private static func lineStart(after offset: Int, in descriptor: Int32, size: Int) -> Int? {
    var buffer = [UInt8](repeating: 0, count: 64 << 10)
    var position = offset
    while position < size {
      let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(position)) }
      guard count > 0 else { return nil }
      if let found = buffer[0..<count].firstIndex(of: 0x0A) { return position + found + 1 }
      position += count
    }
    return nil
  }

  private static func countNewlines(_ path: String, _ range: Range<Int>) throws -> Int {
    let descriptor = try RegularFile.descriptor(path)
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var position = range.lowerBound
    var newlines = 0
    while position < range.upperBound {
      let wanted = min(buffer.count, range.upperBound - position)
      let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, off_t(position)) }
      guard count > 0 else { break }
      newlines += buffer.withUnsafeBytes { bytes -> Int in
        guard let base = bytes.baseAddress else { return 0 }
        var found = 0
        var from = 0
        while from < count, let hit = memchr(base + from, 0x0A, count - from) {
          found += 1
          from = base.distance(to: UnsafeRawPointer(hit)) + 1
        }
        return found
      }
      position += count
    }
    return newlines
  }
}
