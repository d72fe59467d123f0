import Foundation
import JSON

@testable import TokenTaxKit

/// The accuracy tables of `docs/requests.md`, measured on `fixtures/requests`.
enum RequestAccuracy {
  static let openAIFiles = [
    "openai-cookbook.jsonl", "openai-chat-tokens.jsonl", "recorded-openai-chat.jsonl",
    "recorded-openai-responses.jsonl",
  ]
  static let estimatedFiles = ["recorded-anthropic.jsonl", "recorded-gemini.jsonl"]
  static let kinds = ["text", "tools", "response format", "images"]

  struct Measured {
    var fixture: RequestFixture
    var count: RequestCount
    var error: Int { count.inputTokens - fixture.reported }
    var percent: Double { Double(abs(error)) / Double(fixture.reported) * 100 }
  }

  /// Every OpenAI fixture counted.
  static func openAI() throws -> [Measured] {
    let counter = RequestCounter()
    return try openAIFiles.flatMap { try RequestFixture.load($0) }.map { fixture in
      Measured(
        fixture: fixture,
        count: try counter.count(json: fixture.requestBytes, file: fixture.testDescription, model: fixture.model))
    }
  }

  /// `| API | family | request | samples | identical | within ±1 % | mean error | max error |`
  static func openAITable(_ measured: [Measured]) -> String {
    var groups: [String: [Measured]] = [:]
    for item in measured {
      let generation = item.count.method.split(separator: ",").dropFirst().first?.split(separator: " ").first ?? "?"
      groups["\(item.count.api.rawValue)|\(generation)|\(item.fixture.kind)", default: []].append(item)
    }
    var out = "| API | model family | request | samples | identical | within ±1 % | mean error | max error |\n"
    out += "|---|---|---|---:|---:|---:|---:|---:|\n"
    for key in groups.keys.sorted(by: order) {
      let items = groups[key] ?? []
      let parts = key.split(separator: "|").map(String.init)
      let identical = items.filter { $0.error == 0 }.count
      let within = items.filter { $0.percent <= 1 }.count
      let mean = items.map(\.percent).reduce(0, +) / Double(items.count)
      let max = items.map(\.percent).max() ?? 0
      out +=
        "| \(parts[0] == "chat" ? "Chat Completions" : "Responses") | \(parts[1]) | \(parts[2]) | \(items.count) | "
      out += "\(identical) | \(within) | \(Money.absPercent(mean)) | \(Money.absPercent(max)) |\n"
    }
    return out
  }

  private static func order(_ left: String, _ right: String) -> Bool {
    func rank(_ key: String) -> [String] {
      let parts = key.split(separator: "|").map(String.init)
      return [parts[0], parts[1], String(kinds.firstIndex(of: parts[2]) ?? 9)]
    }
    return rank(left).lexicographicallyPrecedes(rank(right))
  }

  // MARK: Estimated families

  struct EstimatedSample {
    var sample: CalibrationSample
    var kind: String
    /// The recorded model id with its provider prefix: `vertex_ai/` calls bill differently from
    /// Gemini API calls to the same model, and a team calibrates on the traffic of one of them.
    var surface: String
  }

  static func estimated() throws -> [EstimatedSample] {
    let counter = RequestCounter()
    var samples: [EstimatedSample] = []
    for name in estimatedFiles {
      for fixture in try RequestFixture.load(name) {
        var line = Array("{\"model\":".utf8) + Array(JSONWriter.string(.string(fixture.model)).utf8)
        line += Array(",\"request\":".utf8) + fixture.requestBytes
        line += Array(",\"usage\":{\"prompt_tokens\":\(fixture.reported)}}".utf8)
        if let sample = try CalibrationSample.read(line: line, file: name, lineNumber: fixture.line, counter: counter) {
          samples.append(EstimatedSample(sample: sample, kind: fixture.kind, surface: fixture.model))
        }
      }
    }
    return samples
  }

  /// Errors of the built-in profile, and of a per-model calibration measured out of sample:
  /// each model's calls are split in two halves (alternate calls); each half is estimated
  /// with the fit of the other; calls that cannot be fitted (images, uncounted parts) use the fit
  /// of all fittable calls. Models with fewer than 10 fittable calls keep the built-in profile.
  static func estimatedTable(_ samples: [EstimatedSample]) -> String {
    var calibrated: [Int: EstimationProfile] = [:]
    let byModel = Dictionary(grouping: samples.indices) {
      samples[$0].surface.hasPrefix("vertex_ai/") ? "vertex_ai/" + samples[$0].sample.model : samples[$0].sample.model
    }
    for indices in byModel.values {
      let fittable = indices.filter {
        samples[$0].sample.features.mediaTokens == 0 && samples[$0].sample.features.notes.isEmpty
      }
      guard fittable.count >= 10 else { continue }
      let halves = [
        fittable.enumerated().filter { $0.offset % 2 == 0 }.map(\.element),
        fittable.enumerated().filter { $0.offset % 2 == 1 }.map(\.element),
      ]
      for (train, test) in [(halves[0], halves[1]), (halves[1], halves[0])] {
        guard let fit = CalibrationFit.fit(train.map { samples[$0].sample }) else { continue }
        for index in test { calibrated[index] = fit.fitted }
      }
      // Calls left out of the fit (images, uncounted parts) are out of sample already.
      if let fit = CalibrationFit.fit(fittable.map { samples[$0].sample }) {
        for index in indices where !fittable.contains(index) { calibrated[index] = fit.fitted }
      }
    }
    var out = "| family | request | samples | built-in: mean error | calibrated: mean error | "
    out += "over 500 tokens: samples | built-in | calibrated | calibrated within ±3 % |\n"
    out += "|---|---|---:|---:|---:|---:|---:|---:|---:|\n"
    let families = Set(samples.map(\.sample.family)).sorted()
    for family in families {
      for kind in kinds {
        let indices = samples.indices.filter { samples[$0].sample.family == family && samples[$0].kind == kind }
        guard !indices.isEmpty else { continue }
        func error(_ index: Int, _ profile: EstimationProfile) -> Double {
          let sample = samples[index].sample
          return abs(Double(profile.estimate(sample.features) - sample.reported)) / Double(sample.reported) * 100
        }
        func mean(_ values: [Double]) -> String {
          values.isEmpty ? "—" : Money.absPercent(values.reduce(0, +) / Double(values.count))
        }
        let builtIn = indices.map { error($0, samples[$0].sample.profile) }
        let tuned = indices.map { error($0, calibrated[$0] ?? samples[$0].sample.profile) }
        let large = indices.filter { samples[$0].sample.reported > 500 }
        let largeTuned = large.map { error($0, calibrated[$0] ?? samples[$0].sample.profile) }
        out += "| \(family) | \(kind) | \(indices.count) | \(mean(builtIn)) | \(mean(tuned)) | \(large.count) | "
        out += "\(mean(large.map { error($0, samples[$0].sample.profile) })) | \(mean(largeTuned)) | "
        out += "\(largeTuned.filter { $0 <= 3 }.count) of \(large.count) |\n"
      }
    }
    return out
  }
}
