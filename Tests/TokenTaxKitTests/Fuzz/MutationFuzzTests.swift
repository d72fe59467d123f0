import Foundation
import Testing

@testable import TokenTaxKit

/// A seeded mutation fuzzer over the trace fixtures: every mutant either reads or fails with a
/// one-sentence `TraceError`, never a crash, another error type or an unbounded read. The seed
/// and the iteration count make a failure reproducible; CI can raise the count with
/// `TOKENTAX_FUZZ_ITERATIONS` (mutants per fixture) and vary `TOKENTAX_FUZZ_SEED`.
@Suite struct MutationFuzzTests {
  static var iterations: Int { ProcessInfo.processInfo.environment["TOKENTAX_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 40 }
  static var seed: UInt64 { ProcessInfo.processInfo.environment["TOKENTAX_FUZZ_SEED"].flatMap(UInt64.init) ?? 17 }

  /// Bytes a mutation splices in: structure, numbers at the edges, broken UTF-8, controls.
  static let tokens: [[UInt8]] =
    [
      "{", "}", "[", "]", ",", ":", "\"", "\\", "-1", "1e400", "1e-400", "18446744073709551616", "null", "true",
      "\"input_tokens\"", "\"inpt_tokens\"", "\"usage\"", "\u{1B}[2J", "\u{202E}", "\n", "\r\n",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x00]]

  static func corpus() throws -> [(name: String, bytes: [UInt8])] {
    let root = TraceTestSupport.repository.appendingPathComponent("fixtures/traces")
    let names = try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted()
    return names.compactMap { name in
      guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(name).path), !data.isEmpty
      else { return nil }
      return (name, Array(data))
    }
  }

  static func mutate(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
    var out = bytes
    for _ in 0...random.index(below: 4) {
      let at = random.index(below: out.count + 1)
      switch random.index(below: 5) {
      case 0 where !out.isEmpty: out[min(at, out.count - 1)] ^= UInt8(truncatingIfNeeded: 1 << random.index(below: 8))
      case 1: out.insert(contentsOf: tokens[random.index(below: tokens.count)], at: at)
      case 2 where !out.isEmpty: out.removeSubrange(at..<min(out.count, at + 1 + random.index(below: 16)))
      case 3: out = Array(out[..<at])  // truncated
      default:
        // A slice of the file repeated: long lines, deep nesting, duplicate records.
        let from = random.index(below: out.count + 1)
        let slice = out[from..<min(out.count, from + random.index(below: 64))]
        for _ in 0..<random.index(below: 8) { out.insert(contentsOf: slice, at: min(at, out.count)) }
      }
    }
    return out
  }

  @Test func traceReadersNeverCrashOnMutants() throws {
    var random = SplitMix64(seed: Self.seed)
    var outcomes = (read: 0, refused: 0)
    for (name, bytes) in try Self.corpus() {
      for iteration in 0..<Self.iterations {
        let mutant = Self.mutate(bytes, &random)
        for lenient in [false, true] {
          do {
            _ = try TraceLoader.summarize(
              [TraceFile(contents: Data(mutant), displayName: name)], options: TraceLoadOptions(lenient: lenient),
              prices: TraceTestSupport.prices)
            outcomes.read += 1
          } catch let error as TraceError {
            outcomes.refused += 1
            let message = error.description
            #expect(!message.contains("\n") && message.count < 2_000, "\(name) mutant \(iteration): \(message)")
          } catch {
            Issue.record("\(name) mutant \(iteration) (seed \(Self.seed)) threw \(type(of: error)): \(error)")
          }
        }
      }
    }
    #expect(outcomes.read > 0 && outcomes.refused > 0)
  }
}
