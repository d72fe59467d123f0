import Foundation
import Testing

@testable import TokenTaxKit

/// Development probe: prints the error distribution per fixture group. Not an assertion.
@Suite struct RequestAccuracyProbe {
  @Test func probe() throws {
    guard ProcessInfo.processInfo.environment["REQUEST_PROBE"] != nil else { return }
    let counter = RequestCounter()
    var groups: [String: [Int]] = [:]
    var within: [String: Int] = [:]
    var failures: [String] = []
    for name in (ProcessInfo.processInfo.environment["REQUEST_PROBE_FILES"] ?? "openai-cookbook.jsonl,openai-chat-tokens.jsonl,recorded-openai-chat.jsonl,recorded-openai-responses.jsonl").split(separator: ",") {
      for fixture in try RequestFixture.load(String(name)) {
        do {
          let count = try counter.count(json: fixture.requestBytes, file: fixture.testDescription, model: fixture.model)
          let format = count.method.split(separator: ",").dropFirst().first.map { String($0.split(separator: " ").first ?? "") } ?? "est"
          let key = "\(name.prefix(22)) \(count.api.rawValue) \(format) \(fixture.kind)"
          let error = count.inputTokens - fixture.reported
          groups[key, default: []].append(error)
          if abs(error) * 100 <= fixture.reported { within[key, default: 0] += 1 }
          if error != 0, ProcessInfo.processInfo.environment["REQUEST_PROBE_VERBOSE"] != nil {
            failures.append("\(error) \(fixture.reported) \(fixture.model) \(fixture.kind) \(fixture.testDescription) \(fixture.source.suffix(70))")
          }
        } catch {
          failures.append("ERROR \(fixture.testDescription): \(error)")
        }
      }
    }
    for key in groups.keys.sorted() {
      let errors = groups[key] ?? []
      let exact = errors.filter { $0 == 0 }.count
      var histogram: [Int: Int] = [:]
      for error in errors { histogram[error, default: 0] += 1 }
      let top = histogram.sorted { $0.value > $1.value }.prefix(6).map { "\($0.key):\($0.value)" }.joined(separator: " ")
      print("PROBE \(key): \(exact)/\(errors.count) exact, \(within[key] ?? 0) within 1 %  [\(top)]")
    }
    for failure in failures.prefix(400) { print("PROBE-MISS \(failure)") }
  }
}

extension RequestAccuracyProbe {
  @Test func estimatedProbe() throws {
    guard let files = ProcessInfo.processInfo.environment["REQUEST_PROBE_ESTIMATED"] else { return }
    let counter = RequestCounter()
    var rows: [(Double, String)] = []
    for name in files.split(separator: ",") {
      for fixture in try RequestFixture.load(String(name)) {
        guard let analysis = try? counter.analyze(json: fixture.requestBytes, file: fixture.testDescription, model: fixture.model, sizer: LiteralText()),
          case .estimated(let features, let profile) = analysis.kind
        else { print("PROBE-SKIP \(fixture.testDescription)"); continue }
        let estimate = profile.estimate(features)
        let error = Double(estimate - fixture.reported) / Double(fixture.reported) * 100
        rows.append((error, "\(Int(error)) % est \(estimate) rep \(fixture.reported) text \(features.textTokens) msgs \(features.messages) tools \(features.tools) forced \(features.toolsForced) think \(features.thinking) fmt \(features.structuredOutput) media \(features.mediaTokens) \(fixture.model) \(fixture.testDescription) \(fixture.source.suffix(60))"))
      }
    }
    for row in rows.sorted(by: { abs($0.0) > abs($1.0) }) { print("PROBE-EST \(row.1)") }
  }
}
