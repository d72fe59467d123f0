import Foundation

@testable import TokenTaxKit

/// Generates `fixtures/demo/canary/<feature>.{base,head}.jsonl`, the demo apps' canary traces:
/// one real regression (support-bot: output +35 %), one noisy non-regression (rag-qa: output
/// +8 % with an interval spanning 0) and one cache-hit-rate collapse (release-notes-agent).
/// Deterministic: seeded draws, then the head side scaled so the realised change is exactly
/// the scenario's. `CanaryFixtureTests` checks the committed files equal this output.
enum CanaryFixtureGenerator {
  struct Call {
    var caseID: String
    var uncached: Int
    var cacheRead: Int
    var cacheWrite: Int
    var output: Int
    var reasoning: Int
  }

  struct Scenario {
    var feature: String
    var model: String
    /// The head's model when the change switched it.
    var headModel: String?
    var batch: Bool
    var base: [Call]
    var head: [Call]
  }

  static var scenarios: [Scenario] { [supportBot(), ragQA(), releaseNotes()] }

  /// File name → contents.
  static func files() -> [(name: String, text: String)] {
    scenarios.flatMap { scenario in
      [
        ("\(scenario.feature).base.jsonl", render(scenario, scenario.base, model: scenario.model, day: "2026-11-20")),
        (
          "\(scenario.feature).head.jsonl",
          render(scenario, scenario.head, model: scenario.headModel ?? scenario.model, day: "2026-11-21")
        ),
      ]
    }
  }

  /// Output tokens follow each case (a long ticket gets a long answer); the head answers
  /// 35 % longer on every case.
  private static func supportBot() -> Scenario {
    var random = SplitMix64(seed: 0x5350_5254)
    var base: [Call] = []
    var head: [Call] = []
    for index in 0..<120 {
      let id = String(format: "sb-%03d", index + 1)
      let caseOutput = max(120, TraceTestSupport.normal(&random, mean: 380, sd: 90))
      let input = Int(TraceTestSupport.normal(&random, mean: 420, sd: 60))
      // The first call of each side writes the 3,072-token cached prefix; the rest read it.
      let (read, write) = index == 0 ? (0, 3072) : (3072, 0)
      base.append(
        Call(
          caseID: id, uncached: input, cacheRead: read, cacheWrite: write,
          output: Int(caseOutput + TraceTestSupport.normal(&random, mean: 0, sd: 25)), reasoning: 0))
      head.append(
        Call(
          caseID: id, uncached: input, cacheRead: read, cacheWrite: write,
          output: Int(caseOutput * 1.35 + TraceTestSupport.normal(&random, mean: 0, sd: 25)), reasoning: 0))
    }
    return Scenario(
      feature: "support-bot", model: "claude-sonnet-4-6", headModel: nil, batch: false, base: base,
      head: scaled(head, to: 1.35, of: base))
  }

  /// Output tokens vary call by call, not by case, so pairing cannot remove the noise: +8 %
  /// on 80 calls is well inside it.
  private static func ragQA() -> Scenario {
    var random = SplitMix64(seed: 0x5241_4751)
    func call(_ id: String, _ random: inout SplitMix64) -> Call {
      let output = max(40, Int(TraceTestSupport.normal(&random, mean: 230, sd: 120)))
      return Call(
        caseID: id, uncached: Int(TraceTestSupport.normal(&random, mean: 2460, sd: 180)), cacheRead: 0, cacheWrite: 0,
        output: output,
        reasoning: output * 2 / 5)
    }
    let ids = (1...80).map { String(format: "rq-%03d", $0) }
    let base = ids.map { call($0, &random) }
    let head = ids.map { call($0, &random) }
    return Scenario(
      feature: "rag-qa", model: "gpt-5", headModel: nil, batch: false, base: base,
      head: scaled(head, to: 1.08, of: base))
  }

  /// The head moves to gemini-2.5-pro, whose implicit cache starts cold and no longer matches
  /// the flash-era prefix: the hit rate collapses while the output stays put.
  private static func releaseNotes() -> Scenario {
    var random = SplitMix64(seed: 0x524E_4147)
    var base: [Call] = []
    var head: [Call] = []
    for index in 0..<60 {
      let id = String(format: "rn-%03d", index + 1)
      let input = max(7600, Int(TraceTestSupport.normal(&random, mean: 8800, sd: 500)))
      let output = max(300, Int(TraceTestSupport.normal(&random, mean: 900, sd: 160)))
      let thoughts = output / 4
      let baseRead = index % 10 == 0 ? 0 : 7168
      let headRead = index % 10 == 5 ? 7168 : 0
      base.append(
        Call(
          caseID: id, uncached: input - baseRead, cacheRead: baseRead, cacheWrite: 0, output: output,
          reasoning: thoughts))
      let headOutput = max(300, output + Int(TraceTestSupport.normal(&random, mean: 0, sd: 40)))
      head.append(
        Call(
          caseID: id, uncached: input - headRead, cacheRead: headRead, cacheWrite: 0, output: headOutput,
          reasoning: headOutput / 4))
    }
    return Scenario(
      feature: "release-notes-agent", model: "gemini-2.5-flash", headModel: "gemini-2.5-pro", batch: true, base: base,
      head: head)
  }

  /// `head` with its output (and reasoning) scaled so its mean output is `ratio` × `base`'s.
  private static func scaled(_ head: [Call], to ratio: Double, of base: [Call]) -> [Call] {
    let target = ratio * Double(base.map(\.output).reduce(0, +))
    let factor = target / Double(head.map(\.output).reduce(0, +))
    return head.map { call in
      var copy = call
      copy.output = Int((Double(call.output) * factor).rounded())
      copy.reasoning = Int((Double(call.reasoning) * factor).rounded())
      return copy
    }
  }

  private static func render(_ scenario: Scenario, _ calls: [Call], model: String, day: String) -> String {
    calls.enumerated().map { index, call in
      let seconds = index * 37
      let time = String(format: "%@T%02d:%02d:%02dZ", day, 9 + seconds / 3600, seconds / 60 % 60, seconds % 60)
      return
        #"{"feature":"\#(scenario.feature)","case":"\#(call.caseID)","model":"\#(model)","input_tokens":\#(call.uncached),"cache_read_tokens":\#(call.cacheRead),"cache_write_tokens":\#(call.cacheWrite),"output_tokens":\#(call.output),"reasoning_tokens":\#(call.reasoning),"batch":\#(scenario.batch),"ts":"\#(time)"}"#
    }.joined(separator: "\n") + "\n"
  }
}
