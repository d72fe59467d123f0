// TEMPORARY timing harness (not committed).
import Foundation
import TokenTaxKit

let path = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/tmp/tracedocs-openai.jsonl"
let features = ["support-bot", "rag-qa", "release-notes-agent", "faq-bot"]
func openAILine(_ index: Int) -> String {
  let output = 200 + (index &* 7919) % 900
  return #"{"id":"chatcmpl-\#(index)","object":"chat.completion","created":1763820000,"model":"gpt-4o-2024-08-06","metadata":{"feature":"\#(features[index % features.count])"},"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"ok"}}],"usage":{"prompt_tokens":\#(2000 + index % 700),"completion_tokens":\#(output),"total_tokens":\#(2000 + output),"prompt_tokens_details":{"cached_tokens":1024},"completion_tokens_details":{"reasoning_tokens":0}}}"#
}
if !FileManager.default.fileExists(atPath: path) {
  var text = ""
  var index = 0
  _ = FileManager.default.createFile(atPath: path, contents: nil)
  let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
  var written = 0
  while written < 100_000_000 {
    text += openAILine(index) + "\n"
    index += 1
    if text.utf8.count > 1 << 20 { written += text.utf8.count; try handle.write(contentsOf: Data(text.utf8)); text = "" }
  }
  try handle.close()
}
let size = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
var best = Double.infinity
var calls = 0
for _ in 0..<3 {
  let start = Date()
  let summary = try TraceLoader.summarize([TraceFile(url: URL(fileURLWithPath: path), displayName: "openai.jsonl")], prices: PriceTable.builtIn())
  best = min(best, Date().timeIntervalSince(start))
  calls = summary.totalCalls
}
print(String(format: "summarize: %.0f MB in %.3f s = %.1f MB/s, %d calls", size / 1e6, best, size / 1e6 / best, calls))
// The parser alone, line by line.
let data = try Data(contentsOf: URL(fileURLWithPath: path))
var parseBest = Double.infinity
for _ in 0..<3 {
  let start = Date()
  var count = 0
  try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
    let bytes = raw.bindMemory(to: UInt8.self)
    var lineStart = 0
    for i in 0..<bytes.count where bytes[i] == 0x0A {
      _ = try JSONParser().parse(UnsafeBufferPointer(rebasing: bytes[lineStart..<i]))
      count += 1
      lineStart = i + 1
    }
  }
  parseBest = min(parseBest, Date().timeIntervalSince(start))
}
print(String(format: "JSONParser alone: %.1f MB/s", size / 1e6 / parseBest))
