import Foundation
import Testing

@testable import TokenTaxKit

/// `action/install.sh`, the Action's install step, against a fake release server on 127.0.0.1:
/// it installs an archive whose SHA-256 matches, refuses one that does not, and says "build
/// from source" (exit 3) when the release has no archive.
@Suite struct ActionInstallTests {
  static let script = ActionManifestTests.root.appendingPathComponent("action/install.sh").path

  static var platform: String {
    #if os(Linux)
      let os = "linux"
    #else
      let os = "macos"
    #endif
    #if arch(arm64)
      return os == "linux" ? "linux-aarch64" : "macos-arm64"
    #else
      return "\(os)-x86_64"
    #endif
  }

  /// A release archive as scripts/release.sh lays it out, with a stand-in executable.
  static func archive(in directory: URL) throws -> (data: Data, sha256: String) {
    let name = "tokentax-9.9.9-\(platform)"
    let stage = directory.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: stage, withIntermediateDirectories: true)
    try Data("#!/bin/sh\necho tokentax 9.9.9\n".utf8).write(to: stage.appendingPathComponent("tokentax"))
    _ = try shell(
      "chmod 755 '\(stage.path)/tokentax' && tar -czf '\(directory.path)/a.tar.gz' -C '\(directory.path)' \(name)")
    let sum = try shell(
      "(sha256sum '\(directory.path)/a.tar.gz' 2>/dev/null || shasum -a 256 '\(directory.path)/a.tar.gz') | cut -d' ' -f1"
    )
    return (
      try Data(contentsOf: directory.appendingPathComponent("a.tar.gz")),
      sum.output.trimmingCharacters(in: .whitespacesAndNewlines)
    )
  }

  @discardableResult
  static func shell(_ command: String) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  static func server(archive: Data, sha256: String) throws -> LocalHTTPServer {
    let name = "/v9.9.9/tokentax-9.9.9-\(platform).tar.gz"
    return try LocalHTTPServer { request in
      switch request.target {
      case name: return HTTPResponse(status: 200, body: archive)
      case name + ".sha256":
        return HTTPResponse(status: 200, body: Data("\(sha256)  tokentax-9.9.9-\(platform).tar.gz\n".utf8))
      default: return HTTPResponse(status: 404)
      }
    }
  }

  @Test func installsTheArchiveWhoseSumMatches() throws {
    let directory = try Scratch.directory("action-install")
    let (archive, sum) = try Self.archive(in: directory)
    let server = try Self.server(archive: archive, sha256: sum)
    defer { server.stop() }
    let bin = directory.appendingPathComponent("bin").path
    let run = try Self.shell("bash '\(Self.script)' '\(server.baseURL)' v9.9.9 '\(bin)'")
    #expect(run.status == 0, "\(run.output)")
    #expect(run.output.contains("installed tokentax-9.9.9-\(Self.platform) (\(sum))"))
    #expect(try Self.shell("'\(bin)/tokentax'").output == "tokentax 9.9.9\n")
  }

  @Test func refusesAnArchiveWhoseSumDiffers() throws {
    let directory = try Scratch.directory("action-install")
    let (archive, _) = try Self.archive(in: directory)
    let server = try Self.server(archive: archive, sha256: String(repeating: "0", count: 64))
    defer { server.stop() }
    let bin = directory.appendingPathComponent("bin").path
    let run = try Self.shell("bash '\(Self.script)' '\(server.baseURL)' v9.9.9 '\(bin)'")
    #expect(run.status == 1)
    #expect(run.output.contains("but the release says 0000"))
    #expect(!FileManager.default.fileExists(atPath: "\(bin)/tokentax"))
  }

  @Test func noReleaseMeansBuildFromSource() throws {
    let directory = try Scratch.directory("action-install")
    let (archive, sum) = try Self.archive(in: directory)
    let server = try Self.server(archive: archive, sha256: sum)
    defer { server.stop() }
    let run = try Self.shell("bash '\(Self.script)' '\(server.baseURL)' v1.2.3 '\(directory.path)/bin'")
    #expect(run.status == 3, "\(run.output)")
    #expect(run.output.contains("building from source"))
  }
}
