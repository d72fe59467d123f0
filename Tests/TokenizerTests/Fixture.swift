import Foundation
import Testing
import Tokenizer

/// The tokenizer corpus and its expected ids (made with tiktoken 0.14.0; see Fixtures/README.md).
enum Fixture {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// One line of `expected-<encoding>.jsonl`.
  struct Expectation: Decodable, Sendable, CustomTestStringConvertible {
    var file: String
    var encoding: String
    var count: Int
    var ids: [Int]
    var testDescription: String { "\(encoding) \(file)" }
  }

  /// Every expectation of every `expected-*.jsonl` file, in file order.
  static func expectations(prefix: String = "expected-") -> [Expectation] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".jsonl") }.sorted().flatMap { name in
      let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
      return text.split(separator: "\n").compactMap { line in
        try? JSONDecoder().decode(Expectation.self, from: Data(line.utf8))
      }
    }
  }

  static func text(_ file: String) throws -> String {
    try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
  }

  static func encoding(_ name: String) throws -> Encoding {
    Encoding.load(try #require(EncodingName(rawValue: name)))
  }
}
