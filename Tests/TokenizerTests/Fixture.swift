import Foundation
import Testing
import Tokenizer

/// The tokenizer corpus and its expected ids, made with tiktoken 0.14.0 (see Fixtures/README.md).
enum Fixture {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// One line of an expectations file: a text file's ids from tiktoken.
  struct Expectation: Decodable, Sendable, CustomTestStringConvertible {
    var file: String
    var encoding: String
    var count: Int
    var ids: [Int]
    /// The folder `file` is relative to (set after decoding).
    var folder = ""

    enum CodingKeys: String, CodingKey { case file, encoding, count, ids }

    var testDescription: String { "\(encoding) \(folder.isEmpty ? "" : folder + "/")\(file)" }

    func text() throws -> String {
      try String(contentsOf: directory.appendingPathComponent(folder).appendingPathComponent(file), encoding: .utf8)
    }

    func encodingValue() throws -> Encoding { Encoding.load(try #require(EncodingName(rawValue: encoding))) }
  }

  /// The expectations in `folder`'s files whose names pass `include`, in name order.
  static func expectations(in folder: String = "", files include: (String) -> Bool) -> [Expectation] {
    let url = directory.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return names.filter(include).sorted().flatMap { name in
      let text = (try? String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)) ?? ""
      return text.split(separator: "\n").compactMap { line -> Expectation? in
        var expectation = try? JSONDecoder().decode(Expectation.self, from: Data(line.utf8))
        expectation?.folder = folder
        return expectation
      }
    }
  }

  /// `expected-<encoding>.jsonl` of the corpus and of `Extra/`: `encode_ordinary` ids.
  static let ordinary =
    expectations { $0.hasPrefix("expected-") && $0.hasSuffix(".jsonl") }
    + expectations(in: "Extra") { $0.hasPrefix("expected-") && $0.hasSuffix(".jsonl") }

  /// `Extra/allow-special-expected.jsonl`: ids with every special token allowed.
  static let allowSpecial = expectations(in: "Extra") { $0 == "allow-special-expected.jsonl" }
}
