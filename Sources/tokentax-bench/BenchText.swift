import Foundation
import TokenTaxKit

/// The benchmark text: `bench/make_bench_text.py`'s deterministic ~10 MB mix (prose, prompt
/// templates, code, JSONL traces, multilingual lines), the same file tiktoken is timed on.
enum BenchText {
  /// Writes the text with python3 into `directory`, from a fresh seed on every run: the same
  /// recipe, but text no tokenizer in this run (nor a cache of whole pieces kept across runs)
  /// has seen (unless `TOKENTAX_BENCH_SEED` fixes the seed). Without python3, a Swift
  /// generator with the same recipe.
  static func make(in directory: URL, repoRoot: URL) throws -> (url: URL, origin: String) {
    let url = directory.appendingPathComponent("bench-cold.txt")
    // A fixed seed repeats a run's text, to compare two builds instruction for instruction.
    let seed =
      ProcessInfo.processInfo.environment["TOKENTAX_BENCH_SEED"].flatMap { UInt64($0) }
      ?? UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000_007
    let script = repoRoot.appendingPathComponent("bench/make_bench_text.py")
    try? FileManager.default.removeItem(at: url)
    if Shell.output(["python3", script.path, url.path, "--seed", String(seed)]) != nil,
      FileManager.default.fileExists(atPath: url.path)
    {
      return (url, "bench/make_bench_text.py --seed \(seed)")
    }
    let fallback = directory.appendingPathComponent("bench-swift.txt")
    try Data(generate(bytes: 10_000_000, seed: seed).utf8).write(to: fallback)
    return (fallback, "Swift fallback generator, seed \(seed) (no python3: same recipe, different random text)")
  }

  /// The recipe of `make_bench_text.py` with a small seeded generator instead of Python's.
  static func generate(bytes target: Int, seed: UInt64) -> String {
    var random = SplitMix64(seed: seed)
    let words =
      ("the of and to in a is that for it as was with be by on not he I this are or his from at which but have an "
      + "they you were her she there been one all we their has would when if so no will can more who its what about up said "
      + "out into them do model token prompt cost budget feature system user assistant context cache output input price "
      + "latency regression canary trace review deploy pipeline threshold estimate month invoice engineering finance team "
      + "attribution forecast template instruction response tool schema function argument retrieval document summary "
      + "classification agent workflow").split(separator: " ").map(String.init)
    let multilingual = [
      "大型语言模型的成本按令牌计费，输出令牌通常更贵。", "トークンの価格は入力と出力で異なります。", "토큰 단위로 비용이 청구됩니다.",
      "Стоимость токенов растёт каждый месяц.", "تكلفة النماذج تحسب لكل رمز.", "लागत प्रति टोकन ली जाती है।",
      "Les coûts des jetons augmentent vite.", "Die Kosten pro Token steigen. 😱📈",
    ]
    func sentence() -> String {
      // Zipf-like word choice, as the script's weights 1/(i+1)^0.9.
      var text = (0..<random.int(6...24)).map { _ in
        words[min(words.count - 1, Int(Double(words.count) * pow(random.unit(), 2.2)))]
      }
      .joined(separator: " ")
      if random.unit() < 0.2 { text += " \(random.int(0...Int(pow(10, Double(random.int(1...7))))))" }
      if random.unit() < 0.1 { text += " don't" }
      return text.prefix(1).uppercased() + text.dropFirst() + [".", ".", ".", "?", "!", ";", ":"][random.int(0...6)]
    }
    var out = ""
    while out.utf8.count < target {
      switch random.int(0...10) {
      case 0...4: out += (0..<random.int(3...8)).map { _ in sentence() }.joined(separator: " ") + "\n\n"
      case 5:
        out +=
          "## Instructions\nYou are a careful assistant for {{company}}. Answer in {{language}}.\n"
          + "- Keep answers under \(random.int(50...400)) words.\n- Cite sources as [n].\n\n{{context}}\n\nUser: {{question}}\n\n"
      case 6, 7:
        out +=
          "func estimate\(random.int(0...999))(_ items: [Int]) -> Int {\n    var total = 0\n"
          + "    for i in items where i % \(random.int(2...9)) == 0 {\n        total += i * \(random.int(1...100))\n    }\n"
          + "    return total // \(sentence())\n}\n\n"
      case 8, 9:
        out +=
          "{\"feature\":\"support-bot\",\"case\":\"c-\(random.int(10000...99999))\",\"model\":\"gpt-5\",\"input_tokens\":"
          + "\(random.int(100...20000)),\"cache_read_tokens\":\(random.int(0...8000)),\"output_tokens\":\(random.int(10...2000)),"
          + "\"ts\":\"2026-11-1\(random.int(0...9))T0\(random.int(0...9)):\(random.int(10...59)):00Z\"}\n"
      default: out += (0..<random.int(2...6)).map { _ in multilingual[random.int(0...7)] }.joined(separator: " ") + "\n"
      }
    }
    return out
  }
}

/// Reproducible benchmark inputs from the kit's seeded generator.
extension SplitMix64 {
  mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
  mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
