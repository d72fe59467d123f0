import Foundation
import Testing

/// Compares `actual` with `Snapshots/<testName>.<ext>` byte for byte (SAP's `assertSnapshot`).
///
/// `RECORD_SNAPSHOTS=1` (or a missing file) writes the file and fails the test, so a recording
/// can never pass silently.
func assertSnapshot(
  _ actual: String, extension ext: String, testName: String = #function,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let name = testName.split(separator: "(").first.map(String.init) ?? testName
  let url = snapshotsDirectory.appendingPathComponent("\(name).\(ext)")
  let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  guard !recording, let expected = try? String(contentsOf: url, encoding: .utf8) else {
    do {
      try FileManager.default.createDirectory(at: snapshotsDirectory, withIntermediateDirectories: true)
      try actual.write(to: url, atomically: true, encoding: .utf8)
      Issue.record(
        "Recorded snapshot \(url.lastPathComponent); rerun without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
    } catch {
      Issue.record("Could not record snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
    }
    return
  }
  guard actual != expected else { return }
  let actualLines = actual.components(separatedBy: "\n")
  let expectedLines = expected.components(separatedBy: "\n")
  let index =
    zip(actualLines, expectedLines).enumerated().first { $1.0 != $1.1 }?.offset
    ?? min(actualLines.count, expectedLines.count)
  let got = index < actualLines.count ? actualLines[index] : "<end>"
  let want = index < expectedLines.count ? expectedLines[index] : "<end>"
  let message =
    "Snapshot \(url.lastPathComponent) differs at line \(index + 1):\n  expected: \(want)\n  actual:   \(got)\n"
    + "Rerun with RECORD_SNAPSHOTS=1 to accept the new output."
  Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}

private let snapshotsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("Snapshots")
